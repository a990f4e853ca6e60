import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, snapshot, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * A carers register with one row per carer (a common layout: the household's reference, approval
 * and places repeated on each carer's row) is read as one household with carer 1 and carer 2,
 * with a warning naming both rows; three carers, or rows that differ in more than the carer, are
 * refused by row, as before. Real workbooks, no mapping given, undo takes it all away.
 */
const run = (app: TestApp, path: string) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });

const people = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare(
      `SELECT p.position, p.first_name, p.surname, p.date_of_birth, p.ethnicity
       FROM household_people p JOIN households h ON h.id = p.household_id WHERE h.reference = ? ORDER BY p.position`,
    )
    .all(reference);

const HEADER = ['Carer Ref', 'Carer 1 Name', 'Carer 1 Date of Birth', 'Ethnicity', 'Date Approved', 'Places'];

describe('a carers register with one row per carer', () => {
  it('reads the two rows of a household as its carer 1 and carer 2, and undo takes them away', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const before = snapshot(db);
    const file = writeWorkbook(join(app.dir, 'one-row-per-carer.xlsx'), {
      Register: [
        HEADER,
        ['FC1', 'Sade Bello', xlDate('1980-04-02'), 'Black African', xlDate('2016-01-20'), 2],
        ['FC1', 'Ade Bello', xlDate('1978-11-30'), 'Black African', xlDate('2016-01-20'), 2],
        ['FC2', 'Tom Reid', xlDate('1965-07-01'), 'White British', xlDate('2010-07-01'), 1],
      ],
    });
    const r = await run(app, file);
    expect(r).toMatchObject({ rows: 3, new: 2, duplicates: 1, rejected: 0, errors: [] });
    expect(r.warnings).toEqual([
      {
        row: 3,
        column: 'Carer Ref',
        message:
          'Rows 2 and 3 each name one carer of FC1: read as its carer 1 (row 2) and carer 2 (row 3), one household.',
      },
    ]);
    expect(household(db, 'FC1')).toMatchObject({ first_name: 'Sade', surname: 'Bello', status: 'approved' });
    expect(people(app, 'FC1')).toEqual([
      {
        position: 1,
        first_name: 'Sade',
        surname: 'Bello',
        date_of_birth: '1980-04-02',
        ethnicity: 'black_african',
      },
      {
        position: 2,
        first_name: 'Ade',
        surname: 'Bello',
        date_of_birth: '1978-11-30',
        ethnicity: 'black_african',
      },
    ]);
    expect(people(app, 'FC2')).toHaveLength(1);

    // The same register again changes nothing; undo of the first import leaves the database as it was.
    expect(await run(app, file)).toMatchObject({
      new: 0,
      updated: 0,
      unchanged: 2,
      duplicates: 1,
      errors: [],
    });
    await app.call('imports.undoImport', { batchId: r.batch! });
    expect(snapshot(db)).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) FROM household_people').pluck().get()).toBe(0);
  });

  it('refuses three carers on one reference, and two rows that differ in more than their carer', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'too-many.xlsx'), {
      Register: [
        HEADER,
        ['FC1', 'Sade Bello', xlDate('1980-04-02'), 'Black African', xlDate('2016-01-20'), 2],
        ['FC1', 'Ade Bello', xlDate('1978-11-30'), 'Black African', xlDate('2016-01-20'), 2],
        ['FC1', 'Kemi Bello', xlDate('2001-03-03'), 'Black African', xlDate('2016-01-20'), 2],
        ['FC2', 'Tom Reid', xlDate('1965-07-01'), 'White British', xlDate('2010-07-01'), 1],
        ['FC2', 'Ann Reid', xlDate('1966-02-01'), 'White British', xlDate('2010-07-01'), 3],
        ['FC3', 'Lena Price', xlDate('1990-01-01'), 'Irish', xlDate('2021-06-30'), 1],
      ],
    });
    const r = await run(app, file);
    expect(r).toMatchObject({ rows: 6, new: 1, duplicates: 0, rejected: 5, warnings: [] });
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      ...[2, 3, 4].map((row) => [
        row,
        'Carer Ref',
        'Reference FC1 appears on rows 2, 3, 4, one carer per row, but a household has two carers at most: correct the file, the app will not guess.',
      ]),
      ...[5, 6].map((row) => [
        row,
        'Carer Ref',
        'Reference FC2 appears on rows 5, 6 with different values in Places: correct the file, the app will not guess.',
      ]),
    ]);
    expect(household(app.ctx.store.db, 'FC1')).toBeUndefined();
    expect(household(app.ctx.store.db, 'FC2')).toBeUndefined();
    expect(people(app, 'FC3')).toHaveLength(1);
  });
});
