import { describe, expect, it } from 'vitest';
import { fixedCells, suppressCells, type Relation } from '../../../src-main/reports/suppress.ts';

/**
 * A table printed beside another (retention beside recruitment and leaving; the Ofsted return beside
 * recruitment and kinship) keeps hidden what that one hides, cover included: its own copy of the
 * figure joins as a hidden cell. A cover there may be 0. Since 7499bdf a relation whose cells are
 * all 0 is never tried for cover, as a reader knows each is 0; but the copy's 0 is not known to the
 * reader of that table, and printed here it gave the cover back (and with it the count it covers).
 */
describe('a 0 hidden by the table printed beside', () => {
  it('is not given back by the same figure printed here as 0', () => {
    // Retention's approvals in 2025/26 Q2 (0), and recruitment's, which that table hid as cover.
    const here = 'approvals\u00002025/26 Q2';
    const there = 'approvals@funnel\u00002025/26 Q2';
    const values = new Map([
      [here, 0],
      [there, 0],
    ]);
    const relations: Relation[] = [{ cells: [here, there], total: there }];
    const hidden = suppressCells(values, relations, new Set([there]));
    expect([...hidden].sort()).toEqual([here, there].sort());
    expect(fixedCells(values, relations, hidden)).not.toContain(there);
  });

  it('still leaves a row of 0s with its total of 0 untried for cover where nothing there is hidden', () => {
    // A small count's cover is found elsewhere, never among 0s a reader knows are 0.
    const values = new Map([
      ['a', 3],
      ['b', 6],
      ['ab', 9],
      ['z1', 0],
      ['z2', 0],
      ['z', 0],
    ]);
    const relations: Relation[] = [
      { cells: ['a', 'b', 'ab'], total: 'ab' },
      { cells: ['z1', 'z2', 'z'], total: 'z' },
    ];
    expect([...suppressCells(values, relations)].sort()).toEqual(['a', 'b']);
  });
});
