import { addDays, isoToDayNumber, dayNumberToIso, type IsoDate } from './dates.ts';
import { ENGLAND_WALES_BANK_HOLIDAYS } from './bank-holidays.ts';

/**
 * Working days: Monday to Friday, not a bank holiday. The holidays are passed in (tests give
 * their own); the default is the England and Wales list shipped as data.
 */
export interface WorkingCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** The date `n` working days after `date` (n ≥ 0; n = 0 gives `date` itself). */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
}

/** Entries kept by one calendar's memo of addWorkingDays (a few MB at most). */
const MEMO_LIMIT = 50_000;

export function workingCalendar(
  holidays: ReadonlySet<IsoDate> = ENGLAND_WALES_BANK_HOLIDAYS,
): WorkingCalendar {
  const isWorkingDay = (date: IsoDate): boolean => {
    // Day 0 of the epoch (1970-01-01) was a Thursday.
    const weekday = (((isoToDayNumber(date) + 4) % 7) + 7) % 7; // 0 = Sunday
    return weekday !== 0 && weekday !== 6 && !holidays.has(date);
  };
  // By n, then by date: no key is built for each call (an import makes 200,000 of them).
  const added = new Map<number, Map<IsoDate, IsoDate>>();
  let remembered = 0;
  return {
    isWorkingDay,
    addWorkingDays(date, n) {
      // Remembered: an import computes the same few thousand enquiry days' alerts 100,000 times.
      let byDate = added.get(n);
      const known = byDate?.get(date);
      if (known !== undefined) return known;
      let d = date;
      for (let left = n; left > 0;) {
        d = addDays(d, 1);
        if (isWorkingDay(d)) left--;
      }
      if (remembered >= MEMO_LIMIT) {
        added.clear();
        remembered = 0;
        byDate = undefined;
      }
      if (!byDate) added.set(n, (byDate = new Map()));
      byDate.set(date, d);
      remembered++;
      return d;
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let n = isoToDayNumber(from) + 1, end = isoToDayNumber(to); n <= end; n++) {
        if (isWorkingDay(dayNumberToIso(n))) count++;
      }
      return count;
    },
  };
}

export const englandAndWales: WorkingCalendar = workingCalendar();
