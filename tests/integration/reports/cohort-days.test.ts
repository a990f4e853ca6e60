import Database from 'better-sqlite3';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src-main/db/open.ts';
import { daysFrom } from '../../../src-main/db/queries/reports/cohort.ts';

/**
 * The cohort table measures its days from the joined milestone dates in TypeScript
 * (db/queries/reports/cohort.ts `daysFrom`); it must give what SQLite's
 * CAST(julianday(date) - julianday(enquiry) AS INTEGER) gave, which the table used before.
 */
describe('the cohort table’s days from enquiry', () => {
  const db = new Database(':memory:');
  const sqlite = db.prepare<[string, string], number | null>(
    'SELECT CAST(julianday(?) - julianday(?) AS INTEGER)',
  );
  sqlite.pluck();
  const measure = daysFrom(db as unknown as Db);
  const check = (enquiry: string, dates: string[]) =>
    expect(measure(enquiry, Buffer.from(dates.join(','), 'utf8'))).toEqual(
      dates.map((d) => sqlite.get(d, enquiry)),
    );
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  // Any year, month 1–12 and day 1–31 (a day past the month's end runs on, as julianday() takes it).
  const plain = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
    )
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

  it('as SQLite counts them for every plain date, across leap years and month ends', () => {
    check('2024-02-29', ['2024-02-29', '2025-02-28', '2024-03-01', '2023-02-28', '2100-03-01', '2000-02-29']);
    check('2023-01-31', ['2023-02-30', '2023-02-31', '2023-04-31', '1999-12-31']);
    fc.assert(
      fc.property(plain, fc.array(plain, { minLength: 1, maxLength: 5 }), (e, d) => {
        check(e, d);
      }),
    );
  });

  it('as SQLite counts them for a date not in the plain form (SQLite asked)', () => {
    check('2024-04-01', ['2024-04-01 18:00', '2024-13-01', '2024-04-00', '', 'soon', '24-04-01', '2024-4-1']);
    check('2024-04-01T00:00', ['2024-05-01']);
    check('', ['2024-05-01']);
    expect(measure('2024-04-01', Buffer.alloc(0))).toEqual([null]);
    expect(measure('2024-04-01', null)).toEqual([]);
  });
});
