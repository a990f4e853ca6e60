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
