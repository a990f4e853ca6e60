import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A merge keeps the duplicate's people (applicants or carers), approval terms and changes of
 * places: they were deleted with it, names, dates of birth and characteristics included, with no
 * trace. Where both households hold the same, a person decides which to keep: the merge is refused.
 */
const person = (app: TestApp, householdId: number, position: 1 | 2, firstName: string) =>
  app.call('carers.savePerson', { householdId, position, person: { firstName, ethnicity: 'white_irish' } });
const people = (app: TestApp) =>
  app.ctx.store.db
    .prepare('SELECT household_id, position, first_name, ethnicity FROM household_people ORDER BY position')
    .all();

describe('merging households with carers', () => {
  it('moves the duplicate’s applicants to the household kept', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const keep = await app.call('households.createHousehold', { enquiryDate: '2026-01-05', surname: 'Lee' });
    const dup = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-07',
      surname: 'Lee',
      confirmDuplicates: true,
    });
    await person(app, keep.id, 1, 'Ann');
    await person(app, dup.id, 2, 'Bo');
    await app.call('households.mergeHouseholds', {
      id: keep.id,
      mergeReference: dup.reference,
      reason: 'Typed twice',
    });
    expect(people(app)).toEqual([
      { household_id: keep.id, position: 1, first_name: 'Ann', ethnicity: 'white_irish' },
      { household_id: keep.id, position: 2, first_name: 'Bo', ethnicity: 'white_irish' },
    ]);
    const record = await app.call('carers.getCarers', { householdId: keep.id });
    expect(record.people.map((p) => p.firstName)).toEqual(['Ann', 'Bo']);
  });

  it('refuses when both have a carer at the same position, and changes nothing', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const keep = await app.call('households.createHousehold', { enquiryDate: '2026-01-05', surname: 'Lee' });
    const dup = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-07',
      surname: 'Lee',
      confirmDuplicates: true,
    });
    await person(app, keep.id, 1, 'Ann');
    await person(app, dup.id, 1, 'Annie');
    const before = people(app);
    await expect(
      app.call('households.mergeHouseholds', {
        id: keep.id,
        mergeReference: dup.reference,
        reason: 'Typed twice',
      }),
    ).rejects.toThrow(`${dup.reference} and ${keep.reference} both have a carer 1`);
    expect(people(app)).toEqual(before);
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(2);
  });
});

describe('merging a cessation with the other household’s carers', () => {
  // By hand a cessation is refused before a carer's joining or leaving date (nobody joins or leaves
  // a household after it ceased); a merge bringing the two together was not.
  async function approved(app: TestApp, reference: string, ceasedOn?: string): Promise<number> {
    const { id } = await app.call('households.createHousehold', {
      reference,
      enquiryDate: '2023-01-10',
      surname: 'Cole',
      confirmDuplicates: true,
    });
    await app.call('households.recordMilestone', { id, kind: 'approval', date: '2024-02-01' });
    if (ceasedOn)
      await app.call('households.ceaseHousehold', {
        id,
        date: ceasedOn,
        reasonKey: 'other',
        initiatedBy: 'carer',
        notes: null,
      });
    return id;
  }
  const facts = (app: TestApp) =>
    app.ctx.store.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM households) AS households,
                (SELECT json_group_array(household_id) FROM cessations) AS ceased,
                (SELECT json_group_array(household_id || ' ' || joined_on) FROM household_people) AS carers`,
      )
      .get();

  it('refuses a cessation joining a household whose carer joined after it, either way round, and changes nothing', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const joined = await approved(app, 'K1');
    await app.call('carers.savePerson', {
      householdId: joined,
      position: 2,
      person: { firstName: 'Sam', joinedOn: '2025-05-01' },
    });
    const ceased = await approved(app, 'D1', '2025-03-31');
    const before = facts(app);
    for (const [id, mergeReference, carers] of [
      [joined, 'D1', 'K1'],
      [ceased, 'K1', 'K1'],
    ] as const)
      await expect(
        app.call('households.mergeHouseholds', { id, mergeReference, reason: 'Typed twice' }),
      ).rejects.toMatchObject({
        code: 'rule_violation',
        field: 'mergeReference',
        message: `Merged, the dates would be out of order: ${carers}: a carer's joining or leaving date or a change of places is recorded on 01/05/2025, after the cessation date 31/03/2025: correct that first.`,
      });
    expect(facts(app)).toEqual(before);
    // Corrected to have joined before the cessation, the carer moves across with it.
    const sam = app.ctx.store.db.prepare('SELECT id FROM household_people').pluck().get() as number;
    await app.call('carers.savePerson', {
      householdId: joined,
      id: sam,
      position: 2,
      person: { firstName: 'Sam', joinedOn: '2025-03-01' },
    });
    await app.call('households.mergeHouseholds', { id: joined, mergeReference: 'D1', reason: 'Typed twice' });
    expect(facts(app)).toEqual({
      households: 1,
      ceased: `[${joined}]`,
      carers: `["${joined} 2025-03-01"]`,
    });
  });
});
