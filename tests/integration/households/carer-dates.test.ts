import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from '../imports/fixtures.ts';

/**
 * A carer's joining date is for someone who joined an approved household later: not before the
 * approval (then they are a carer since it: leave it blank), not before any approval (an applicant),
 * and not after the household ceased to foster; nor does a carer leave a household after it ceased.
 * Each refusal names the field and stores nothing.
 */
const TODAY = '2026-11-26';

async function approvedHousehold(app: TestApp, ceasedOn?: string): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference: 'C1',
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

const people = (app: TestApp) =>
  app.ctx.store.db.prepare('SELECT first_name, joined_on, left_on FROM household_people ORDER BY id').all();

const join = (app: TestApp, householdId: number, joinedOn: string) =>
  app.call('carers.savePerson', { householdId, position: 2, person: { firstName: 'Sam', joinedOn } });

describe('a carer’s joining and leaving dates against the approval and the cessation', () => {
  it('refuses a joining date before the approval, naming the approval', async () => {
    const app = await testApp({ today: TODAY });
    const id = await approvedHousehold(app);
    await expect(join(app, id, '2024-01-15')).rejects.toMatchObject({
      field: 'person.joinedOn',
      message:
        'They joined before the approval on 01/02/2024: leave the date blank for a carer since the approval.',
    });
    expect(people(app)).toEqual([]);
    await join(app, id, '2024-02-01');
    expect(people(app)).toEqual([{ first_name: 'Sam', joined_on: '2024-02-01', left_on: null }]);
  });

  it('refuses a joining date on a household not approved (an applicant has none)', async () => {
    const app = await testApp({ today: TODAY });
    const { id } = await app.call('households.createHousehold', {
      reference: 'A1',
      enquiryDate: '2025-01-10',
      surname: 'Ames',
      confirmDuplicates: true,
    });
    await expect(join(app, id, '2025-03-01')).rejects.toMatchObject({
      field: 'person.joinedOn',
      message: 'A1 is not approved: a joining date is only for a carer who joined after the approval.',
    });
    expect(people(app)).toEqual([]);
  });

  it('refuses a joining or leaving date after the household ceased to foster', async () => {
    const app = await testApp({ today: TODAY });
    const id = await approvedHousehold(app, '2025-03-31');
    await expect(join(app, id, '2025-05-01')).rejects.toMatchObject({
      field: 'person.joinedOn',
      message: 'The household ceased to foster on 31/03/2025: no carer can join it after that.',
    });
    await app.call('carers.savePerson', { householdId: id, position: 1, person: { firstName: 'Cal' } });
    const cal = (await app.call('carers.getCarers', { householdId: id })).people[0]!;
    await expect(
      app.call('carers.recordPersonLeft', { householdId: id, id: cal.id, date: '2025-05-01' }),
    ).rejects.toMatchObject({
      field: 'date',
      message: 'date: the household ceased to foster on 31/03/2025; a carer cannot leave it after that.',
    });
    expect(people(app)).toEqual([{ first_name: 'Cal', joined_on: null, left_on: null }]);
    await app.call('carers.recordPersonLeft', { householdId: id, id: cal.id, date: '2025-03-31' });
    expect(people(app)).toEqual([{ first_name: 'Cal', joined_on: null, left_on: '2025-03-31' }]);
  });
});

describe('a change of places against the cessation', () => {
  it('is refused by hand after the household ceased to foster', async () => {
    const app = await testApp({ today: TODAY });
    const id = await approvedHousehold(app, '2025-03-31');
    await app.call('carers.saveTerms', {
      householdId: id,
      places: 2,
      ageFrom: null,
      ageTo: null,
      shortBreaks: null,
      parentAndChild: null,
    });
    await expect(
      app.call('carers.addPlaceChange', { householdId: id, date: '2025-05-01', change: 1, note: null }),
    ).rejects.toMatchObject({
      field: 'date',
      message: 'date: The household ceased to foster on 31/03/2025; a change of places cannot be later.',
    });
    await app.call('carers.addPlaceChange', { householdId: id, date: '2025-03-01', change: 1, note: null });
    expect((await app.call('carers.getCarers', { householdId: id })).placeChanges).toHaveLength(1);
  });
});

describe('the approval and the cessation against the carers’ dates already recorded', () => {
  it('a cessation dated before a carer joined or left, or before a change of places, is refused, by hand and by a register', async () => {
    const app = await testApp({ today: TODAY });
    const id = await approvedHousehold(app);
    await app.call('carers.savePerson', { householdId: id, position: 1, person: { firstName: 'Cal' } });
    await join(app, id, '2025-01-15');
    const cease = (date: string) =>
      app.call('households.ceaseHousehold', {
        id,
        date,
        reasonKey: 'other',
        initiatedBy: 'carer',
        notes: null,
      });
    await expect(cease('2024-12-31')).rejects.toMatchObject({
      field: 'date',
      message:
        "C1: a carer's joining or leaving date or a change of places is recorded on 15/01/2025, after the cessation date 31/12/2024: correct that first.",
    });
    expect((await app.call('households.getHousehold', { id })).status).toBe('approved');

    const file = writeWorkbook(`${app.dir}/register.xlsx`, {
      Register: [
        ['Foster Carer No.', 'Date of Approval', 'Date Deregistered', 'Reason for Deregistration'],
        ['C1', xlDate('2024-02-01'), xlDate('2024-12-31'), 'Retired'],
      ],
    });
    const r = await app.call('imports.importFile', {
      path: file,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r).toMatchObject({ batch: null, rejected: 1 });
    expect(r.errors).toEqual([
      {
        row: 2,
        column: 'Date Deregistered',
        message:
          "C1: a carer's joining or leaving date or a change of places is recorded on 15/01/2025, after the cessation date 31/12/2024: correct that first.",
      },
    ]);
    await cease('2025-01-15');
    expect((await app.call('households.getHousehold', { id })).status).toBe('ceased');
  });

  it('an approval corrected to after a carer joined or a change of places is refused', async () => {
    const app = await testApp({ today: TODAY });
    const id = await approvedHousehold(app);
    await join(app, id, '2024-03-01');
    await expect(
      app.call('households.correctMilestone', { id, kind: 'approval', date: '2024-04-01', reason: 'Typo' }),
    ).rejects.toMatchObject({
      field: 'date',
      message:
        "A carer's joining date or a change of places is recorded on 01/03/2024, before the approval date 01/04/2024: correct that first.",
    });
    await app.call('households.correctMilestone', {
      id,
      kind: 'approval',
      date: '2024-03-01',
      reason: 'Typo',
    });
  });
});

describe('a date of birth typed by hand', () => {
  const born = (app: TestApp, householdId: number, dateOfBirth: string, id?: number) =>
    app.call('carers.savePerson', {
      householdId,
      ...(id ? { id } : {}),
      position: 1,
      person: { firstName: 'Ann', dateOfBirth },
    });

  it("is refused in the future or as a child's, and kept once it is an adult's", async () => {
    const app = await testApp({ today: TODAY });
    const id = await approvedHousehold(app);
    const dob = () => app.ctx.store.db.prepare('SELECT date_of_birth FROM household_people').pluck().all();
    for (const [date, message] of [
      ['2026-11-27', 'Date of birth 27/11/2026 is in the future.'],
      // A child: 16 today, a year typed as 2010 for 1970.
      [
        '2010-05-12',
        'Date of birth 12/05/2010 makes them 16 today, and a foster carer is an adult: check the year, written in full.',
      ],
      [
        '2008-11-27',
        'Date of birth 27/11/2008 makes them 17 today, and a foster carer is an adult: check the year, written in full.',
      ],
    ] as const)
      await expect(born(app, id, date)).rejects.toMatchObject({ field: 'person.dateOfBirth', message });
    expect(dob()).toEqual([]);
    // 18 today: an adult.
    await born(app, id, '2008-11-26');
    expect(dob()).toEqual(['2008-11-26']);
  });
});
