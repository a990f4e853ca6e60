import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, snapshot, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * A carers register is a picture of the day it was printed: an older one still lists a carer who
 * has left since. Re-importing it must not make them a current carer again, nor turn the carer who
 * took their place into them: what was recorded later stands, and the row says why it changed
 * nothing (file, row and column).
 */
const TODAY = '2026-11-26';
const HEAD = ['Foster Carer No.', 'Carer 1 Name', 'Carer 2 Name', 'Date of Approval', 'Date Deregistered'];
const OLD = [HEAD, ['FC1', 'Joan Ashby', 'Mark Ashby', xlDate('2019-05-01'), null]];

const run = (app: TestApp, path: string, overwriteHand = false) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand });

const people = (app: TestApp) =>
  app.ctx.store.db
    .prepare(
      `SELECT p.position, p.first_name, p.surname, p.left_on, p.source FROM household_people p
       JOIN households h ON h.id = p.household_id WHERE h.reference = 'FC1' ORDER BY p.id`,
    )
    .all();

async function withOldRegister(): Promise<{ app: TestApp; old: string; id: number }> {
  const app = await testApp({ today: TODAY });
  const old = writeWorkbook(join(app.dir, 'register-2024.xlsx'), { Register: OLD });
  expect(await run(app, old)).toMatchObject({ new: 1, errors: [] });
  return { app, old, id: household(app.ctx.store.db, 'FC1')!.id as number };
}

async function leaves(app: TestApp, id: number, name: string, date: string): Promise<void> {
  const person = (await app.call('carers.getCarers', { householdId: id })).people.find(
    (p) => p.firstName === name,
  )!;
  await app.call('carers.recordPersonLeft', { householdId: id, id: person.id, date });
}

describe('a carer who has left, and an older register that still lists them', () => {
  it('is not added again as a current carer (nor with overwrite): the row is unchanged, with a warning', async () => {
    const { app, old, id } = await withOldRegister();
    await leaves(app, id, 'Mark', '2025-06-30');
    const before = { ...snapshot(app.ctx.store.db), people: people(app) };

    for (const overwrite of [false, true]) {
      const r = await run(app, old, overwrite);
      expect(r).toMatchObject({ updated: 0, unchanged: 1, rejected: 0, errors: [] });
      expect(r.warnings).toEqual([
        {
          row: 2,
          column: 'Carer 2 Name',
          message:
            'FC1: Mark Ashby left the household on 30/06/2025, so the row does not record them as a current carer again (an older register still lists them; if they did not leave, correct the record by hand).',
        },
      ]);
      expect({ ...snapshot(app.ctx.store.db), people: people(app) }).toEqual(before);
    }
  });

  it('nor turns the carer who took their place (from a later register) back into them', async () => {
    const { app, old, id } = await withOldRegister();
    await leaves(app, id, 'Mark', '2025-06-30');
    const later = writeWorkbook(join(app.dir, 'register-2026.xlsx'), {
      Register: [HEAD, ['FC1', 'Joan Ashby', 'Sam Ashby', xlDate('2019-05-01'), null]],
    });
    const added = await run(app, later);
    expect(added).toMatchObject({ updated: 1, errors: [] });
    // Sam joined after the approval, on a day the register does not give (register-new-carer.test.ts).
    expect(added.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('Sam Ashby joins as carer 2'),
    ]);
    const before = people(app);
    expect(before).toEqual([
      { position: 1, first_name: 'Joan', surname: 'Ashby', left_on: null, source: 'import' },
      { position: 2, first_name: 'Mark', surname: 'Ashby', left_on: '2025-06-30', source: 'import' },
      { position: 2, first_name: 'Sam', surname: 'Ashby', left_on: null, source: 'import' },
    ]);

    const r = await run(app, old);
    expect(r).toMatchObject({ updated: 0, unchanged: 1, errors: [] });
    expect(r.warnings.map((w) => [w.row, w.column])).toEqual([[2, 'Carer 2 Name']]);
    expect(r.warnings[0]!.message).toContain('Mark Ashby left the household on 30/06/2025');
    expect(people(app)).toEqual(before);
  });

  it('nor records the carer who stayed a second time when a later register numbers them carer 1', async () => {
    const { app, id } = await withOldRegister();
    await leaves(app, id, 'Joan', '2025-06-30');
    const later = writeWorkbook(join(app.dir, 'register-2026.xlsx'), {
      Register: [HEAD, ['FC1', 'Mark Ashby', null, xlDate('2019-05-01'), null]],
    });
    const r = await run(app, later);
    // The household's own name follows the register's carer 1 (it has no name columns of its own).
    expect(r).toMatchObject({ updated: 1, errors: [] });
    expect(household(app.ctx.store.db, 'FC1')).toMatchObject({ first_name: 'Mark' });
    expect(r.warnings).toEqual([
      {
        row: 2,
        column: 'Carer 1 Name',
        message:
          'FC1: Mark Ashby is already recorded as carer 2, so the row does not record them again as carer 1.',
      },
    ]);
    expect(people(app)).toEqual([
      { position: 1, first_name: 'Joan', surname: 'Ashby', left_on: '2025-06-30', source: 'import' },
      { position: 2, first_name: 'Mark', surname: 'Ashby', left_on: null, source: 'import' },
    ]);
  });

  it('a register that records the household’s deregistration, then an older one without it: it stays ceased', async () => {
    const { app, old } = await withOldRegister();
    const later = writeWorkbook(join(app.dir, 'register-2026.xlsx'), {
      Register: [
        [...HEAD, 'Reason for Deregistration'],
        ['FC1', 'Joan Ashby', 'Mark Ashby', xlDate('2019-05-01'), xlDate('2026-03-31'), 'Retired'],
      ],
    });
    expect(await run(app, later)).toMatchObject({ updated: 1, errors: [] });
    const before = { ...snapshot(app.ctx.store.db), people: people(app) };
    const r = await run(app, old);
    expect(r).toMatchObject({ updated: 0, unchanged: 1, errors: [], warnings: [] });
    expect({ ...snapshot(app.ctx.store.db), people: people(app) }).toEqual(before);
    expect(household(app.ctx.store.db, 'FC1')).toMatchObject({ status: 'ceased' });
  });
});

describe('a carer deleted by hand as entered by mistake', () => {
  it('is not recorded again, but another person a later register lists at that position is', async () => {
    const { app, old, id } = await withOldRegister();
    const mark = (await app.call('carers.getCarers', { householdId: id })).people.find(
      (p) => p.firstName === 'Mark',
    )!;
    await app.call('carers.deletePerson', { householdId: id, id: mark.id });
    const again = await run(app, old);
    expect(again.warnings.map((w) => [w.row, w.column, w.message])).toEqual([
      [
        2,
        'Carer 2 Name',
        'FC1: carer 2 was deleted by hand (entered by mistake), so the row\'s carer 2 is not recorded again (choose "overwrite" to record them).',
      ],
    ]);
    const later = writeWorkbook(join(app.dir, 'register-2026.xlsx'), {
      Register: [HEAD, ['FC1', 'Joan Ashby', 'Sam Ashby', xlDate('2019-05-01'), null]],
    });
    const added = await run(app, later);
    expect(added).toMatchObject({ updated: 1, errors: [] });
    expect(added.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('Sam Ashby joins as carer 2'),
    ]);
    expect(people(app)).toEqual([
      { position: 1, first_name: 'Joan', surname: 'Ashby', left_on: null, source: 'import' },
      { position: 2, first_name: 'Sam', surname: 'Ashby', left_on: null, source: 'import' },
    ]);
  });
});

describe('a register column about one carer', () => {
  it('is not read as the household’s deregistration or approval: the household keeps fostering', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'register.xlsx'), {
      Register: [
        [
          'Foster Carer No.',
          'Carer 1 Name',
          'Carer 2 Name',
          'Carer 2 Date Left',
          'Partner Approval Date',
          'Date of Approval',
        ],
        ['FC1', 'Joan Ashby', 'Mark Ashby', xlDate('2025-06-30'), xlDate('2021-01-15'), xlDate('2019-05-01')],
      ],
    });
    const r = await run(app, file);
    expect(r).toMatchObject({ new: 1, errors: [] });
    const db = app.ctx.store.db;
    expect(db.prepare('SELECT COUNT(*) FROM cessations').pluck().get()).toBe(0);
    expect(db.prepare("SELECT date FROM milestones WHERE kind = 'approval'").pluck().all()).toEqual([
      '2019-05-01',
    ]);
    expect(household(db, 'FC1')).toMatchObject({ status: 'approved' });
  });

  it('nor is carer 2’s occupation read as a carer 2 named after it', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'register.xlsx'), {
      Register: [
        ['Foster Carer No.', 'Carer 1 Name', 'Carer 2 Occupation', 'Date of Approval'],
        ['FC1', 'Joan Ashby', 'Night porter', xlDate('2019-05-01')],
      ],
    });
    expect(await run(app, file)).toMatchObject({ new: 1, errors: [] });
    expect(people(app)).toEqual([
      { position: 1, first_name: 'Joan', surname: 'Ashby', left_on: null, source: 'import' },
    ]);
  });
});
