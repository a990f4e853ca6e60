import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from '../reports/fixture.ts';
import { household, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * A later register that lists a new carer beside those already recorded (a partner who joined an
 * approved household) does not say when they joined. Recorded as a carer since the approval, they
 * would be counted at every 31 March since, changing Ofsted returns already made (as a partner
 * entered by hand with no joining date did before the joining date existed). They join on the day
 * of the import, with a warning asking for the real date; a household's first carers, and a new
 * household's, are its carers since the approval.
 */
const TODAY = '2026-11-26';
const HEAD = ['Foster Carer No.', 'Carer 1 Name', 'Carer 2 Name', 'Date of Approval'];
const run = (app: TestApp, path: string) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });
const carers31March = async (app: TestApp, to: string) =>
  rowOf(
    (await app.call('reports.getTable', { table: 'ofsted', options: { to, suppress: false } })).rows,
    'carers_31_march',
  ).mainstream;
const joined = (app: TestApp) =>
  app.ctx.store.db.prepare('SELECT first_name, joined_on FROM household_people ORDER BY id').all();

describe('a new carer in a later register', () => {
  it('joins on the day of the import: returns already made keep their carers', async () => {
    const app = await testApp({ today: TODAY });
    const first = writeWorkbook(join(app.dir, 'register-2024.xlsx'), {
      Register: [HEAD, ['FC1', 'Joan Ashby', null, xlDate('2019-05-01')]],
    });
    expect(await run(app, first)).toMatchObject({ new: 1, errors: [], warnings: [] });
    const made = await carers31March(app, '2025/26');
    expect(made).toBe(1);

    const later = writeWorkbook(join(app.dir, 'register-2026.xlsx'), {
      Register: [HEAD, ['FC1', 'Joan Ashby', 'Sam Ashby', xlDate('2019-05-01')]],
    });
    const r = await run(app, later);
    expect(r).toMatchObject({ updated: 1, errors: [] });
    expect(await carers31March(app, '2025/26')).toBe(made);
    expect(r.warnings).toEqual([
      {
        row: 2,
        column: 'Carer 2 Name',
        message:
          'FC1: Sam Ashby joins as carer 2 on 26/11/2026, the day of this import (a register does not say when a carer joined): enter the date they joined on the record.',
      },
    ]);
    expect(joined(app)).toEqual([
      { first_name: 'Joan', joined_on: null },
      { first_name: 'Sam', joined_on: '2026-11-26' },
    ]);
    expect(await carers31March(app, '2025/26')).toBe(made);
    // Undo takes Sam away again.
    await app.call('imports.undoImport', { batchId: r.batch! });
    expect(joined(app)).toEqual([{ first_name: 'Joan', joined_on: null }]);
  });

  it('a household’s first carers, from a register with carer columns after one without, are carers since the approval', async () => {
    const app = await testApp({ today: TODAY });
    const bare = writeWorkbook(join(app.dir, 'bare.xlsx'), {
      Register: [
        ['Foster Carer No.', 'Surname', 'Date of Approval'],
        ['FC1', 'Ashby', xlDate('2019-05-01')],
      ],
    });
    await run(app, bare);
    const full = writeWorkbook(join(app.dir, 'full.xlsx'), {
      Register: [HEAD, ['FC1', 'Joan Ashby', 'Mark Ashby', xlDate('2019-05-01')]],
    });
    expect(await run(app, full)).toMatchObject({ updated: 1, errors: [], warnings: [] });
    expect(joined(app)).toEqual([
      { first_name: 'Joan', joined_on: null },
      { first_name: 'Mark', joined_on: null },
    ]);
    expect(household(app.ctx.store.db, 'FC1')).toMatchObject({ status: 'approved' });
    expect(await carers31March(app, '2025/26')).toBe(2);
  });
});

describe('a new carer in a register that ceases the household', () => {
  it('is not dated after the cessation the same row records', async () => {
    const app = await testApp({ today: TODAY });
    await run(
      app,
      writeWorkbook(join(app.dir, 'r1.xlsx'), {
        Register: [HEAD, ['FC1', 'Joan Ashby', null, xlDate('2019-05-01')]],
      }),
    );
    const r = await run(
      app,
      writeWorkbook(join(app.dir, 'r2.xlsx'), {
        Register: [
          [...HEAD, 'Date Deregistered'],
          ['FC1', 'Joan Ashby', 'Sam Ashby', xlDate('2019-05-01'), xlDate('2025-03-31')],
        ],
      }),
    );
    expect(r).toMatchObject({ updated: 1, errors: [], warnings: [] });
    expect(joined(app)).toEqual([
      { first_name: 'Joan', joined_on: null },
      { first_name: 'Sam', joined_on: null },
    ]);
  });
});
