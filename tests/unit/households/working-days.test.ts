import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import data from '../../../resources/bank-holidays.json' with { type: 'json' };
import {
  ENGLAND_WALES_BANK_HOLIDAYS,
  BANK_HOLIDAYS_KNOWN_UNTIL,
  regularBankHolidays,
} from '../../../src-main/domain/bank-holidays.ts';
import { addDays } from '../../../src-main/domain/dates.ts';
import { englandAndWales as cal, workingCalendar } from '../../../src-main/domain/working-days.ts';

describe('working days in England and Wales', () => {
  it('ships the bank holidays as data, including the one-off ones', () => {
    for (const d of [
      '2022-06-02',
      '2022-06-03',
      '2022-09-19',
      '2023-05-08',
      '2020-05-08',
      '2025-12-25',
      '2025-12-26',
      '2026-04-03',
      '2026-04-06',
    ])
      expect(ENGLAND_WALES_BANK_HOLIDAYS.has(d), d).toBe(true);
    // The 2020 early May holiday moved to VE day: the Monday was a working day.
    expect(ENGLAND_WALES_BANK_HOLIDAYS.has('2020-05-04')).toBe(false);
    expect(BANK_HOLIDAYS_KNOWN_UNTIL >= '2028-12-28').toBe(true);
  });

  // The shipped list ends in 2030: after it only weekends were skipped, so an enquiry on
  // 24/12/2031 was due an answer on Christmas Day (found by a review of the alerts).
  it('reckons the regular holidays by rule after the list: they match every year it lists but its one-offs', () => {
    const listed = new Set(data.events.map((e) => e.date));
    const differ: Record<number, { listOnly: string[]; ruleOnly: string[] }> = {};
    for (let y = 2015; y <= Number(BANK_HOLIDAYS_KNOWN_UNTIL.slice(0, 4)); y++) {
      const rule = regularBankHolidays(y);
      const listOnly = [...listed].filter((d) => d.startsWith(`${y}-`) && !rule.includes(d));
      const ruleOnly = rule.filter((d) => !listed.has(d));
      if (listOnly.length + ruleOnly.length > 0) differ[y] = { listOnly, ruleOnly };
    }
    expect(differ).toEqual({
      2020: { listOnly: ['2020-05-08'], ruleOnly: ['2020-05-04'] }, // early May moved to VE day
      2022: { listOnly: ['2022-06-02', '2022-06-03', '2022-09-19'], ruleOnly: ['2022-05-30'] }, // jubilee, state funeral
      2023: { listOnly: ['2023-05-08'], ruleOnly: [] }, // coronation
    });
    // After the list, by rule: Christmas 2031 and New Year 2032; in 2032 Christmas is a Saturday.
    expect(cal.addWorkingDays('2031-12-24', 1)).toBe('2031-12-29');
    expect(cal.addWorkingDays('2031-12-24', 5)).toBe('2032-01-05');
    expect(regularBankHolidays(2032)).toEqual([
      '2032-01-01',
      '2032-03-26',
      '2032-03-29',
      '2032-05-03',
      '2032-05-31',
      '2032-08-30',
      '2032-12-27',
      '2032-12-28',
    ]);
    expect(ENGLAND_WALES_BANK_HOLIDAYS.has('2045-12-25')).toBe(true);
  });

  it('skips weekends', () => {
    expect(cal.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(cal.addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // Saturday → Monday
    expect(cal.addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(cal.isWorkingDay('2026-11-29')).toBe(false);
  });

  it('skips Easter across the weekend', () => {
    // Thursday before Good Friday 2026 (3 April) + 1 working day = Tuesday after Easter Monday.
    expect(cal.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(cal.workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
  });

  it('crosses the year end with substitute Christmas and New Year holidays', () => {
    // 2026: Christmas Friday, Boxing Day substitute Monday 28th; New Year Friday 1 January 2027.
    expect(cal.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(cal.addWorkingDays('2026-12-24', 5)).toBe('2027-01-05');
    // 2021/22: Christmas and Boxing Day at a weekend (27th, 28th), New Year on Saturday → Monday 3rd.
    expect(cal.addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
    expect(cal.addWorkingDays('2021-12-31', 1)).toBe('2022-01-04');
    expect(cal.workingDaysBetween('2021-12-24', '2022-01-04')).toBe(4); // 29, 30, 31 December and 4 January
  });

  it('takes its holidays as data: another list gives other answers', () => {
    const none = workingCalendar(new Set());
    expect(none.addWorkingDays('2026-12-24', 1)).toBe('2026-12-25');
  });

  it('counts back what it adds, never landing on a weekend or bank holiday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 40 }), (offset, n) => {
        const start = addDays('2018-01-01', offset);
        const end = cal.addWorkingDays(start, n);
        expect(cal.isWorkingDay(end)).toBe(true);
        expect(cal.workingDaysBetween(start, end)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});
