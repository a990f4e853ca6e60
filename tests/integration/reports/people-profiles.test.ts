import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from '../imports/fixtures.ts';

/**
 * people_profiles (migration 0010: each household's people as one value, which the diversity
 * table counts by) is kept by triggers on household_people, so every writer keeps it right with
 * no code of its own. After each kind of write it must equal the value made from scratch from the
 * people: the sample, an import and a second one that changes and adds carers, hand edits (add,
 * correct, leave, delete), a merge, undoing an import, and a purge that erases characteristics.
 */
type Db = TestApp['ctx']['store']['db'];
const PERSON = `json_array(sex, ethnicity, disability, religion, sexual_orientation, gender_identity, relationship_status)`;

/** Household → its people's values, sorted (the order within a household's value does not count). */
const split = (rows: Array<{ household_id: number; people: string | null }>) =>
  Object.fromEntries(rows.map((r) => [r.household_id, (r.people ?? '').split('\x1e').sort()]));

function expectKept(db: Db): number {
  const kept = split(
    db.prepare('SELECT household_id, people FROM people_profiles ORDER BY 1').all() as never,
  );
  const fresh = split(
    db
      .prepare(
        `SELECT household_id, group_concat(${PERSON}, char(30)) AS people FROM household_people
         GROUP BY household_id ORDER BY 1`,
      )
      .all() as never,
  );
  expect(kept).toEqual(fresh);
  return Object.keys(fresh).length;
}

const REGISTER = ['Foster Carer No.', 'Carer 1 Name', 'Carer 1 Gender', 'Carer 1 Ethnicity', 'Carer 2 Name'];
const REGISTER_2 = [...REGISTER, 'Carer 2 Ethnicity', 'Marital Status', 'Date of Approval'];

describe('the people profiles the diversity table counts by', () => {
  it('stay equal to the people after every kind of write', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    await app.call('system.generateSample', { households: 400, seed: 5 });
    expect(expectKept(db)).toBeGreaterThan(50);

    // Import: new households with carers, then a second file that corrects and adds carers.
    const first = await app.call('imports.importFile', {
      path: writeWorkbook(join(app.dir, 'register-1.xlsx'), {
        Carers: [
          [...REGISTER, 'Date of Approval'],
          ['FC1', 'Joan Ashby', 'Female', 'White British', 'Mark Ashby', xlDate('2019-05-01')],
          ['FC2', 'Lena Price', 'F', 'Black African', null, xlDate('2019-05-01')],
        ],
      }),
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(first).toMatchObject({ rejected: 0, errors: [] });
    expectKept(db);
    const second = await app.call('imports.importFile', {
      path: writeWorkbook(join(app.dir, 'register-2.xlsx'), {
        Carers: [
          REGISTER_2,
          ['FC1', 'Joan Ashby', 'Female', 'Irish', 'Mark Ashby', 'Indian', 'Married', xlDate('2019-05-01')],
          [
            'FC2',
            'Lena Price',
            'F',
            'Black African',
            'Sam Price',
            'Chinese',
            'Married',
            xlDate('2019-05-01'),
          ],
        ],
      }),
      kind: 'auto',
      dryRun: false,
      overwriteHand: true,
    });
    expect(second).toMatchObject({ rejected: 0, errors: [] });
    expect(
      db
        .prepare(
          `SELECT people FROM people_profiles p JOIN households h ON h.id = p.household_id WHERE reference = 'FC2'`,
        )
        .pluck()
        .get(),
    ).toContain('chinese');
    expectKept(db);

    // By hand: add a person, correct one, record one leaving, delete one.
    const bare = db
      .prepare(
        `SELECT id FROM households h WHERE purged_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM household_people p WHERE p.household_id = h.id) ORDER BY id LIMIT 1`,
      )
      .pluck()
      .get() as number;
    const added = await app.call('carers.savePerson', {
      householdId: bare,
      position: 1,
      person: { firstName: 'Ada', sex: 'female', ethnicity: 'mixed_white_asian' },
    });
    expectKept(db);
    const adaId = (added as { people: Array<{ id: number }> }).people[0]!.id;
    await app.call('carers.savePerson', {
      householdId: bare,
      id: adaId,
      position: 1,
      person: { firstName: 'Ada', sex: 'female', ethnicity: 'asian_chinese', religion: 'buddhist' },
    });
    await app.call('carers.savePerson', { householdId: bare, position: 2, person: { firstName: 'Bo' } });
    expectKept(db);
    await app.call('carers.recordPersonLeft', { householdId: bare, id: adaId, date: '2026-01-01' });
    await app.call('carers.savePerson', {
      householdId: bare,
      position: 1,
      person: { firstName: 'Cy', sex: 'male' },
    });
    expectKept(db);
    await app.call('carers.deletePerson', { householdId: bare, id: adaId });
    expectKept(db);

    // Undo the second import (its corrections go back), and a third one (its households go).
    await app.call('imports.undoImport', { batchId: second.batch! });
    expectKept(db);
    const third = await app.call('imports.importFile', {
      path: writeWorkbook(join(app.dir, 'register-3.xlsx'), {
        Carers: [
          [...REGISTER, 'Date of Approval'],
          ['FC3', 'Ann Lee', 'Female', 'Chinese', 'Tom Lee', xlDate('2020-05-01')],
          ['FC4', 'Raj Shah', 'Male', 'Indian', null, xlDate('2020-06-30')],
        ],
      }),
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(third).toMatchObject({ new: 2, rejected: 0, errors: [] });
    expect(expectKept(db)).toBeGreaterThan(0);
    await app.call('imports.undoImport', { batchId: third.batch! });
    expect(
      db.prepare(`SELECT COUNT(*) FROM households WHERE reference IN ('FC3', 'FC4')`).pluck().get(),
    ).toBe(0);
    expectKept(db);

    // Merge: the duplicate's people move to the household kept. Both have a carer 1, which a merge
    // refuses, so the duplicate's are recorded as having left first (people who left move too).
    const fc1 = db.prepare(`SELECT id FROM households WHERE reference = 'FC1'`).pluck().get() as number;
    const fc2Id = db.prepare(`SELECT id FROM households WHERE reference = 'FC2'`).pluck().get() as number;
    const fc2People = (await app.call('carers.getCarers', { householdId: fc2Id })).people;
    for (const p of fc2People.filter((x) => !x.leftOn))
      await app.call('carers.recordPersonLeft', { householdId: fc2Id, id: p.id, date: '2026-01-01' });
    await app.call('households.mergeHouseholds', { id: fc1, mergeReference: 'FC2', reason: 'same family' });
    expect(
      db.prepare('SELECT COUNT(*) FROM household_people WHERE household_id = ?').pluck().get(fc1),
    ).toBeGreaterThanOrEqual(fc2People.length);
    expect(db.prepare(`SELECT COUNT(*) FROM households WHERE reference = 'FC2'`).pluck().get()).toBe(0);
    expectKept(db);

    // Purge: erasure blanks the characteristics; the profiles follow (one value of nulls a person).
    await app.call('data.saveSettings', { retention: { enquirerYears: 1, applicantYears: 3 } });
    const purged = await app.call('data.purgeHouseholds', {});
    expect(purged.purged).toBeGreaterThan(0);
    const erased = db
      .prepare(
        `SELECT COUNT(*) FROM people_profiles p JOIN households h ON h.id = p.household_id
         WHERE h.purged_at IS NOT NULL`,
      )
      .pluck()
      .get() as number;
    expect(erased).toBeGreaterThan(0);
    expect(
      db
        .prepare(
          `SELECT COUNT(*) FROM people_profiles p JOIN households h ON h.id = p.household_id
           WHERE h.purged_at IS NOT NULL AND replace(replace(p.people, '[null,null,null,null,null,null,null]', ''), char(30), '') <> ''`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    expectKept(db);
  });
});
