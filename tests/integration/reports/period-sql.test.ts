import Database from 'better-sqlite3';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumberToIso } from '../../../src-main/domain/dates.ts';
import { fyOf, quarterOf } from '../../../src-main/domain/financial-year.ts';
import { periods } from '../../../src-main/reports/period.ts';
import { periodSql } from '../../../src-main/db/queries/reports/scope.ts';

describe('the SQL period expression', () => {
  it('puts every date in the same year and quarter as domain/financial-year.ts does', () => {
    const db = new Database(':memory:');
    const year = db.prepare(`SELECT ${periodSql('@d', false)}`).pluck();
    const quarter = db.prepare(`SELECT ${periodSql('@d', true)}`).pluck();
    const codeOf = (key: string, quarterly: boolean) => {
      const fy = key.slice(0, 7);
      return periods({ from: fy, to: fy, quarterly, pathway: 'all', suppress: false }).find(
        (p) => p.key === key,
      )!.code;
    };
    const check = (iso: string) => {
      expect(year.get({ d: iso })).toBe(codeOf(fyOf(iso), false));
      expect(quarter.get({ d: iso })).toBe(codeOf(quarterOf(iso), true));
    };
    for (const iso of [
      '2023-03-31',
      '2023-04-01',
      '2024-02-29',
      '2024-06-30',
      '2024-07-01',
      '2024-12-31',
      '2025-01-01',
    ])
      check(iso);
    fc.assert(fc.property(fc.integer({ min: 0, max: 40_000 }), (n) => check(dayNumberToIso(n))));
    db.close();
  });
});
