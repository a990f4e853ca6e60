import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { addHousehold } from '../reports/fixture.ts';

async function approvedHousehold() {
  const app = await testApp({ today: '2026-11-26' });
  const db = app.ctx.store.db;
  const id = addHousehold(db, {
    reference: 'C1',
    episodes: [{ milestones: { enquiry: '2010-01-01', stage1: '2010-02-01', approval: '2010-06-01' } }],
  });
  return { app, db, id };
}

describe('carers and places by hand', () => {
  it('keeps one current carer per position; a carer who left frees it; characteristics come from the vocabulary', async () => {
    const { app, id } = await approvedHousehold();
    const r = await app.call('carers.savePerson', {
      householdId: id,
      position: 1,
      person: { firstName: 'Ann', ethnicity: 'white_irish', religion: 'none' },
    });
    expect(r.people[0]!.characteristics).toMatchObject({ ethnicity: 'white_irish', sex: null });
    await expect(
      app.call('carers.savePerson', { householdId: id, position: 1, person: { firstName: 'Bob' } }),
    ).rejects.toMatchObject({ code: 'refused', field: 'position' });
    await expect(
      app.call('carers.savePerson', {
        householdId: id,
        position: 2,
        person: { firstName: 'Bob', ethnicity: 'martian' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'person.ethnicity' });
    await app.call('carers.recordPersonLeft', { householdId: id, id: r.people[0]!.id, date: '2020-01-01' });
    const again = await app.call('carers.savePerson', {
      householdId: id,
      position: 1,
      person: { firstName: 'Cy' },
    });
    expect(again.people.map((p) => [p.firstName, p.leftOn])).toEqual([
      ['Cy', null],
      ['Ann', '2020-01-01'],
    ]);
  });

  it('counts places from the terms and dated changes, never below 0 nor before approval', async () => {
    const { app, id } = await approvedHousehold();
    await expect(
      app.call('carers.addPlaceChange', { householdId: id, date: '2011-01-01', change: 1 }),
    ).rejects.toMatchObject({ code: 'refused' }); // no places at approval yet
    await app.call('carers.saveTerms', {
      householdId: id,
      places: 2,
      ageFrom: 5,
      ageTo: 18,
      shortBreaks: true,
    });
    await expect(
      app.call('carers.addPlaceChange', { householdId: id, date: '2010-05-01', change: 1 }),
    ).rejects.toMatchObject({ field: 'date' });
    await expect(
      app.call('carers.addPlaceChange', { householdId: id, date: '2011-01-01', change: -3 }),
    ).rejects.toMatchObject({ field: 'change' });
    const r = await app.call('carers.addPlaceChange', { householdId: id, date: '2011-01-01', change: 1 });
    expect(r.placesToday).toBe(3);
    expect(r.terms).toMatchObject({
      places: 2,
      ageFrom: 5,
      ageTo: 18,
      shortBreaks: true,
      parentAndChild: null,
    });
    await expect(
      app.call('carers.saveTerms', { householdId: id, places: 2, ageFrom: 18, ageTo: 5 }),
    ).rejects.toMatchObject({ field: 'ageTo' });
  });

  it('is in the subject access export, and a purge erases the carers’ names, birth dates and characteristics', async () => {
    const { app, db, id } = await approvedHousehold();
    await app.call('carers.savePerson', {
      householdId: id,
      position: 1,
      person: {
        firstName: 'Ann',
        surname: 'Lee',
        dateOfBirth: '1970-01-02',
        ethnicity: 'other_arab',
        sex: 'female',
      },
    });
    await app.call('carers.saveTerms', { householdId: id, places: 1 });
    await app.call('carers.addPlaceChange', {
      householdId: id,
      date: '2012-01-01',
      change: 1,
      note: 'Ann asked',
    });
    const file = await app.call('data.exportHousehold', { id, format: 'json' });
    const body = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as {
      tables: Record<string, Array<Record<string, unknown>>>;
    };
    expect(body.tables.household_people![0]).toMatchObject({ first_name: 'Ann', ethnicity: 'other_arab' });
    expect(body.tables.approval_terms![0]).toMatchObject({ places: 1 });
    expect(body.tables.place_changes![0]).toMatchObject({ change: 1, note: 'Ann asked' });

    db.prepare(
      "INSERT INTO cessations (household_id, date, reason_key) VALUES (?, '2014-01-01', 'other')",
    ).run(id);
    db.prepare("UPDATE households SET status = 'ceased' WHERE id = ?").run(id);
    expect((await app.call('data.purgeHouseholds', { ids: [id] })).purged).toBe(1);
    const p = db.prepare('SELECT * FROM household_people WHERE household_id = ?').get(id) as Record<
      string,
      unknown
    >;
    for (const c of ['first_name', 'surname', 'date_of_birth', 'ethnicity', 'sex'])
      expect(p[c], c).toBeNull();
    expect(p.position).toBe(1);
    expect(db.prepare('SELECT note FROM place_changes WHERE household_id = ?').pluck().get(id)).toBeNull();
    expect(db.prepare('SELECT places FROM approval_terms WHERE household_id = ?').pluck().get(id)).toBe(1);
    const audit = db
      .prepare("SELECT old_value, new_value FROM audit_log WHERE household_id = ? AND entity = 'carer'")
      .all(id) as Array<Record<string, unknown>>;
    expect(audit.every((a) => a.old_value === null && a.new_value === null)).toBe(true);
  });
});
