import { describe, expect, it } from 'vitest';
import { listHouseholds, listSql } from '../../../src-main/db/queries/households-list.ts';
import { joinedWays } from '../../../src-main/db/queries/households-search.ts';
import { plansOf } from '../../support/query-plans.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

const TODAY = '2026-11-26';

const found = async (app: TestApp, search: string) => {
  const r = await app.call('households.listHouseholds', { search, offset: 0, limit: 50 });
  expect(r.total, search).toBe(r.rows.length);
  return r.rows
    .map((x) => [x.reference, x.foundBy ?? null] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));
};

/**
 * A caller's name typed as one word, first name and surname run together ("annsmith"), found
 * nobody: each word must start one name, and no name held starts "annsmith". A household whose
 * own first name is the word's start exactly and whose surname starts with the rest is now found,
 * with nothing more stored: the (surname, first name) index answers it.
 */
describe('a first name and surname typed run together', () => {
  it('finds the household of that first name whose surname starts with the rest, and no other', async () => {
    const app = await testApp({ today: TODAY });
    const make = (reference: string, firstName: string, surname: string) =>
      app.call('households.createHousehold', { reference, enquiryDate: '2025-01-06', firstName, surname });
    await make('H1', 'Ann', 'Smith');
    await make('H2', 'Ann', "Smithson-O'Neil");
    await make('H3', 'Annabel', 'Smithers');
    await make('H4', 'Anne', 'Smith');
    await make('H5', 'Zoë', 'Brontë');
    const jones = await make('H6', 'Pat', 'Jones');
    await app.call('carers.savePerson', {
      householdId: jones.id,
      position: 2,
      person: { firstName: 'Ann', surname: 'Smith' },
    });

    expect(await found(app, 'annsmith')).toEqual([
      ['H1', null],
      ['H2', null],
    ]);
    expect(await found(app, 'AnnSmi')).toEqual([
      ['H1', null],
      ['H2', null],
    ]);
    expect(await found(app, 'annesmith')).toEqual([['H4', null]]);
    expect(await found(app, 'annabelsmithers')).toEqual([['H3', null]]);
    // Folded as every name is: accents and apostrophes.
    expect(await found(app, 'zoebronte')).toEqual([['H5', null]]);
    expect(await found(app, 'annsmithsono')).toEqual([['H2', null]]);
    // Not a surname then a first name, nor a first name's start run into a surname.
    expect(await found(app, 'smithann')).toEqual([]);
    expect(await found(app, 'annasmith')).toEqual([]);
    // Words typed apart are as before: each a start (Annabel Smithers), carers' names too.
    expect((await found(app, 'ann smith')).map(([r]) => r)).toEqual(['H1', 'H2', 'H3', 'H4', 'H6']);
  });

  it('is tried only where someone has the word’s start as a whole first name, and read from the (surname, first name) index', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    await app.call('households.createHousehold', {
      reference: 'H1',
      enquiryDate: '2025-01-06',
      firstName: 'Uma',
      surname: 'Patel',
    });
    // "patel": no one is called "p", "pa", "pat" or "pate": no way added, the search as before.
    expect(joinedWays(db, 'patel')).toEqual([]);
    expect(joinedWays(db, 'umapat')).toEqual([[{ first: 'uma', rest: 'pat' }]]);
    const plans = plansOf(db, () =>
      listHouseholds(
        db,
        { search: 'umapat', sort: 'enquiryDate', dir: 'desc' },
        { offset: 0, limit: 50 },
        TODAY,
      ),
    );
    const joined = plans.filter((p) => p.sql.includes('+first_name_fold = ?'));
    expect(joined.length).toBeGreaterThan(0);
    for (const p of joined)
      expect(p.plan.join('\n'), p.sql).toMatch(
        /USING COVERING INDEX households_by_name_fold \(surname_fold>\? AND surname_fold<\?\)/,
      );
    // The probe of a whole first name reads that name's index, one entry.
    const probe = plans.find((p) => /^SELECT 1 FROM households WHERE first_name_fold = \?/.test(p.sql));
    expect(probe?.plan.join('\n')).toContain(
      'USING COVERING INDEX households_by_first_name_fold (first_name_fold=?)',
    );
    // In the list's walk of the sort order ('sort' mode) the joined name is tested on each row walked.
    const walk = listSql({ search: 'umapat', sort: 'enquiryDate', dir: 'desc' }, 'sort', false, [
      ['umapat'],
      [{ first: 'uma', rest: 'pat' }],
    ]);
    const rows = db.prepare(walk.page).all(...walk.params, 50, 0) as Array<{ reference: string }>;
    expect(rows.map((r) => r.reference)).toEqual(['H1']);
  });
});
