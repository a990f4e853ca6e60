import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * A carer who joined an approved household later (a new partner, assessed as a second carer) is
 * not a carer at an earlier 31 March: entering them leaves a return already made as it was.
 * J1 was approved in 2023; Ann has been its carer since; Ben joined on 01/06/2025.
 */
let app: TestApp;
let household: number;

beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  household = addHousehold(app.ctx.store.db, {
    reference: 'J1',
    episodes: [{ milestones: { enquiry: '2022-09-01', stage1: '2022-11-01', approval: '2023-06-01' } }],
  });
  await app.call('carers.savePerson', {
    householdId: household,
    position: 1,
    person: { firstName: 'Ann', sex: 'female', dateOfBirth: '1980-01-01' },
  });
});

const men = async (to: string) =>
  (
    await app.call('reports.listHouseholds', {
      table: 'ofsted',
      options: { to },
      section: 'characteristics_sex',
      row: 'male',
      column: 'mainstream',
    })
  ).households.map((h) => h.reference);
const ofsted = (to: string) =>
  app.call('reports.getTable', { table: 'ofsted', options: { to, suppress: false } });

describe('a carer who joined later counts from the day they joined', () => {
  it('leaves the 2024/25 return as it was, and counts them at 31 March 2026', async () => {
    const before = await ofsted('2024/25');
    expect(rowOf(before.rows, 'carers_31_march').mainstream).toBe(1);
    await app.call('carers.savePerson', {
      householdId: household,
      position: 2,
      person: { firstName: 'Ben', sex: 'male', dateOfBirth: '1985-01-01', joinedOn: '2025-06-01' },
    });
    // Every figure and every characteristics section of the year before he joined.
    expect(await ofsted('2024/25')).toEqual(before);
    const after = await ofsted('2025/26');
    expect(rowOf(after.rows, 'carers_31_march').mainstream).toBe(2);
    // The characteristics (always suppressed when shown) count him from then: their drill opens J1.
    expect(await men('2024/25')).toEqual([]);
    expect(await men('2025/26')).toEqual(['J1']);
  });

  it('keeps the joining date on the record and refuses a leaving date before it', async () => {
    const record = await app.call('carers.getCarers', { householdId: household });
    const ben = record.people.find((p) => p.firstName === 'Ben')!;
    expect(ben.joinedOn).toBe('2025-06-01');
    await expect(
      app.call('carers.recordPersonLeft', { householdId: household, id: ben.id, date: '2025-05-01' }),
    ).rejects.toThrow(/joined the household on 01\/06\/2025/);
  });

  it('refuses a joining date in the future', async () => {
    await expect(
      app.call('carers.savePerson', {
        householdId: household,
        position: 2,
        id: (await app.call('carers.getCarers', { householdId: household })).people.find(
          (p) => p.firstName === 'Ben',
        )!.id,
        person: { firstName: 'Ben', joinedOn: '2027-01-01' },
      }),
    ).rejects.toThrow(/cannot be in the future/);
  });
});
