import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from '../reports/fixture.ts';
import { household, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * A register's "Number of places" is what the household has on the day it was printed. A later
 * register with another number rewrote the places at approval, so every 31 March since counted the
 * new number (returns already made changed), and places already changed by hand were counted twice.
 * The difference from the places held today is a change of places dated the day of the import, with
 * a warning asking for the real date; a household's first places are its places at approval.
 */
const TODAY = '2026-11-26';
const HEAD = ['Foster Carer No.', 'Carer 1 Name', 'Date of Approval', 'Number of Places', 'Age Range'];
const run = (app: TestApp, path: string) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });
const register = (app: TestApp, name: string, places: number, ages = '0-18') =>
  writeWorkbook(join(app.dir, name), {
    Register: [HEAD, ['FC1', 'Joan Ashby', xlDate('2019-05-01'), places, ages]],
  });
const places31March = async (app: TestApp, to: string) =>
  rowOf(
    (await app.call('reports.getTable', { table: 'ofsted', options: { to, suppress: false } })).rows,
    'places_31_march',
  ).mainstream;
const placesNow = async (app: TestApp, id: number) => {
  const c = await app.call('carers.getCarers', { householdId: id });
  return {
    atApproval: c.terms?.places,
    today: c.placesToday,
    changes: c.placeChanges.map((p) => [p.date, p.change]),
  };
};

describe('places in a later register', () => {
  it('a new number is a change of places dated the day of the import: returns already made keep theirs', async () => {
    const app = await testApp({ today: TODAY });
    expect(await run(app, register(app, 'r2024.xlsx', 2))).toMatchObject({
      new: 1,
      errors: [],
      warnings: [],
    });
    const id = household(app.ctx.store.db, 'FC1')!.id as number;
    expect(await places31March(app, '2024/25')).toBe(2);

    const r = await run(app, register(app, 'r2026.xlsx', 3, '5-18'));
    expect(r).toMatchObject({ updated: 1, errors: [] });
    expect(await places31March(app, '2024/25')).toBe(2);
    expect(r.warnings).toEqual([
      {
        row: 2,
        column: 'Number of Places',
        message:
          'FC1: its places go from 2 to 3 on 26/11/2026, the day of this import (a register gives the places it has now, not since when): enter the date of the change on the record.',
      },
    ]);
    expect(await placesNow(app, id)).toEqual({ atApproval: 2, today: 3, changes: [['2026-11-26', 1]] });
    // The age range is not dated: it is the terms' own.
    expect((await app.call('carers.getCarers', { householdId: id })).terms).toMatchObject({
      ageFrom: 5,
      ageTo: 18,
    });

    // The same register again changes nothing; undo takes the change away.
    expect(await run(app, register(app, 'r2026-again.xlsx', 3, '5-18'))).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    await app.call('imports.undoImport', { batchId: r.batch! });
    expect(await placesNow(app, id)).toEqual({ atApproval: 2, today: 2, changes: [] });
  });

  it('an older register, with the places held before a later change, changes nothing (with a warning)', async () => {
    const app = await testApp({ today: TODAY });
    const old = register(app, 'r2024.xlsx', 2);
    await run(app, old);
    const id = household(app.ctx.store.db, 'FC1')!.id as number;
    await app.call('carers.addPlaceChange', { householdId: id, date: '2025-06-01', change: 1, note: null });
    const r = await run(app, old);
    expect(r).toMatchObject({ updated: 0, unchanged: 1, errors: [] });
    expect(r.warnings).toEqual([
      {
        row: 2,
        column: 'Number of Places',
        message:
          'FC1: the row gives 2 places, as the household had before a later change; the 3 held today are kept (an older register?): enter any change of places on the record.',
      },
    ]);
    expect(await placesNow(app, id)).toEqual({ atApproval: 2, today: 3, changes: [['2025-06-01', 1]] });
  });

  it('places already changed by hand are not counted twice', async () => {
    const app = await testApp({ today: TODAY });
    await run(app, register(app, 'r2024.xlsx', 2));
    const id = household(app.ctx.store.db, 'FC1')!.id as number;
    await app.call('carers.addPlaceChange', { householdId: id, date: '2025-06-01', change: 1, note: null });
    const r = await run(app, register(app, 'r2026.xlsx', 3));
    expect(r).toMatchObject({ updated: 0, unchanged: 1, errors: [], warnings: [] });
    expect(await placesNow(app, id)).toEqual({ atApproval: 2, today: 3, changes: [['2025-06-01', 1]] });
  });
});

describe('places in a register for a household that has ceased', () => {
  it('change nothing: a ceased household’s places do not change after it', async () => {
    const app = await testApp({ today: TODAY });
    await run(app, register(app, 'r2024.xlsx', 2));
    const ceased = writeWorkbook(join(app.dir, 'r2026.xlsx'), {
      Register: [
        [...HEAD, 'Date Deregistered'],
        ['FC1', 'Joan Ashby', xlDate('2019-05-01'), 3, '0-18', xlDate('2025-03-31')],
      ],
    });
    const r = await run(app, ceased);
    expect(r).toMatchObject({ updated: 1, errors: [], warnings: [] });
    const id = household(app.ctx.store.db, 'FC1')!.id as number;
    expect(await placesNow(app, id)).toEqual({ atApproval: 2, today: 2, changes: [] });
  });
});
