import { describe, expect, it } from 'vitest';
import { daysInMonth, toIso } from '../../../src-main/domain/dates.ts';
import { tidyTelephone } from '../../../src-main/domain/telephone.ts';
import { parseDate } from '../../../src-main/import/records/parse-date.ts';

/**
 * A large import's parsing takes shortcuts where the plain rule cannot give another answer: a
 * month's length counted rather than asked of Date, an ISO date joined without padding, a
 * yyyy-mm-dd cell read without the other forms tried first, a mobile number already in its
 * stored form kept as it is. Each must answer exactly as the plain rule does.
 */
const plainDays = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const plainIso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe("a large import's parsing shortcuts", () => {
  it('counts every month of every year as Date does, odd years and months too', () => {
    const years = [0, 1, 99, 100, 1600, 1700, 1899, 1900, 2000, 2024, 2100, 2400, 9999, 10_000, -4, 2024.5];
    for (let y = 1890; y <= 2110; y++) years.push(y);
    for (const y of years)
      for (const m of [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 2.5, NaN])
        expect([y, m, daysInMonth(y, m)]).toEqual([y, m, plainDays(y, m)]);
  });

  it('writes ISO dates as padding would, short and long years and odd values too', () => {
    for (const y of [0, 5, 99, 999, 1000, 1950, 2024, 9999, 10_000, -1, 2024.5])
      for (const m of [0, 1, 9, 10, 12, 99, 100, -1, 1.5])
        for (const d of [0, 1, 9, 10, 31, 100])
          expect([y, m, d, toIso(y, m, d)]).toEqual([y, m, d, plainIso(y, m, d)]);
  });

  it('reads a yyyy-mm-dd cell as its slower path does: real, unreal, too early, dates of birth', () => {
    // The same text with a trailing space goes the slower way: the answers must agree but for it.
    const cells = [
      '2024-02-29',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '1949-12-31',
      '1950-01-01',
      '1899-12-30',
    ];
    for (const cell of cells)
      for (const earliest of ['1950-01-01', null]) {
        const quick = parseDate(cell, false, earliest);
        const slow = parseDate(`${cell} `, false, earliest);
        expect(JSON.stringify(quick)).toBe(JSON.stringify(slow));
      }
    expect(parseDate('2024-02-29', false, '1950-01-01')).toEqual({ ok: true, iso: '2024-02-29' });
  });

  it('keeps a mobile number in its stored form, and tidies one that is not', () => {
    expect(tidyTelephone('07908 033579')).toBe('07908 033579');
    expect(tidyTelephone('07908033579')).toBe('07908 033579');
    expect(tidyTelephone('+44 7908 033579')).toBe('07908 033579');
    expect(tidyTelephone('07908  033579')).toBe('07908 033579');
  });
});
