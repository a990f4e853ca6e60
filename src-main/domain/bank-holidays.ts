import data from '../../resources/bank-holidays.json' with { type: 'json' };
import { addDays, isoToDayNumber, toIso, type IsoDate } from './dates.ts';

/**
 * England and Wales bank holidays, shipped as data in `resources/bank-holidays.json` (the same
 * shape as https://www.gov.uk/bank-holidays.json, England and Wales division). Update it with
 * `node scripts/update-bank-holidays.js` (fetches gov.uk and merges, keeping past years) or by
 * editing the file. After its last date the regular holidays are reckoned by rule
 * (regularBankHolidays), so working days never count Christmas as one when the list runs out.
 */
interface BankHolidayFile {
  division: string;
  events: ReadonlyArray<{ title: string; date: IsoDate }>;
}

const file = data as BankHolidayFile;

/** The last day the shipped list covers: after it the regular holidays are reckoned by rule. */
export const BANK_HOLIDAYS_KNOWN_UNTIL: IsoDate = file.events.reduce((a, e) => (e.date > a ? e.date : a), '');

/** The last year reckoned by rule: far beyond any timescale the app counts. */
const LAST_RULE_YEAR = 2099;

/** 0 = Sunday … 6 = Saturday (day 0 of the epoch, 1970-01-01, was a Thursday). */
const weekday = (date: IsoDate): number => (((isoToDayNumber(date) + 4) % 7) + 7) % 7;

/** Easter Sunday of `year` (the anonymous Gregorian computus: Meeus, Jones, Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return toIso(year, Math.floor(n / 31), (n % 31) + 1);
}

/** `date` itself on a weekday, else the Monday after. */
const nextWeekday = (date: IsoDate): IsoDate => addDays(date, [1, 0, 0, 0, 0, 0, 2][weekday(date)]!);

/** The first Monday on or after `date`. */
const mondayFrom = (date: IsoDate): IsoDate => addDays(date, (8 - weekday(date)) % 7);

/**
 * The regular England and Wales bank holidays of `year`, as gov.uk lists them: New Year's Day,
 * Good Friday, Easter Monday, the early May (first Monday), spring (last Monday of May) and
 * summer (last Monday of August) holidays, Christmas and Boxing Day; one falling on a weekend is
 * moved to the next weekday not already a holiday (the "substitute day"). One-off holidays
 * (a jubilee, a coronation, a state funeral) are proclaimed, not reckoned: only the list has them.
 */
export function regularBankHolidays(year: number): IsoDate[] {
  const easter = easterSunday(year);
  // May and August have 31 days: their last Monday is among the last seven, from the 25th.
  const lastMonday = (month: number) => mondayFrom(toIso(year, month, 25));
  const christmas = toIso(year, 12, 25);
  const days = [
    nextWeekday(toIso(year, 1, 1)),
    addDays(easter, -2),
    addDays(easter, 1),
    mondayFrom(toIso(year, 5, 1)),
    lastMonday(5),
    lastMonday(8),
  ];
  // Christmas, then Boxing Day: each on itself if a weekday, else the next weekday not taken.
  const christmasOn = nextWeekday(christmas);
  days.push(christmasOn, nextWeekday(addDays(christmasOn, 1)));
  return days;
}

function rule(after: IsoDate): IsoDate[] {
  const from = Number((after || '2000').slice(0, 4));
  const days: IsoDate[] = [];
  for (let y = from; y <= LAST_RULE_YEAR; y++) days.push(...regularBankHolidays(y).filter((d) => d > after));
  return days;
}

export const ENGLAND_WALES_BANK_HOLIDAYS: ReadonlySet<IsoDate> = new Set([
  ...file.events.map((e) => e.date),
  ...rule(BANK_HOLIDAYS_KNOWN_UNTIL),
]);

/**
 * Which holidays the calendar holds, in a few characters (an FNV-1a hash of them in order): the
 * stored alerts were computed with one list, and a newer one (a holiday proclaimed at short
 * notice, a list reaching further) moves due dates, so they are computed again
 * (db/queries/alerts.ts).
 */
export const BANK_HOLIDAYS_MARK: string = (() => {
  let hash = 0x811c9dc5;
  for (const ch of [...ENGLAND_WALES_BANK_HOLIDAYS].sort().join(',')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${ENGLAND_WALES_BANK_HOLIDAYS.size}:${hash.toString(16)}`;
})();
