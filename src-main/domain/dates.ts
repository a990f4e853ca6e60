/**
 * Dates are calendar days, stored as ISO `YYYY-MM-DD` text and shown as dd/mm/yyyy.
 * All arithmetic is done in UTC so that no time zone or clock change moves a day.
 */
export type IsoDate = string;

/**
 * The earliest date this service's records hold, a date of birth apart. A milestone, closure,
 * response or journey step dated before it is a spreadsheet's artefact (an empty date cell shows
 * as 00/01/1900 in Excel, 30/12/1899 in LibreOffice; a cell holding 1 as 01/01/1900) or a year
 * typed wrong, never a real date: no household in a recruitment team's records enquired, or was
 * approved, before 1950, while a carer approved in the 1970s and still on the register is
 * plausible (so the bound is well before that). The import (import/records/parse-date.ts) and the
 * hand-edit contract (contract/dates.ts) refuse such a date by this one bound.
 */
export const EARLIEST_RECORD_DATE: IsoDate = '1950-01-01';

/** What a date the records hold typed before EARLIEST_RECORD_DATE is told (null: not that early). */
export function earlyDateFault(iso: IsoDate): string | null {
  return iso < EARLIEST_RECORD_DATE
    ? `${formatUkDate(iso)} is before ${formatUkDate(EARLIEST_RECORD_DATE)}: no date in this service's records is that early. Check the year.`
    : null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d);
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** The months' names, January first (dates written out: "1 April 2024"). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days in month `m` (1–12) of year `y`, by the Gregorian rule as Date.UTC counts them (which
 * reads a year 0–99 as 19xx, and any other month as one of the years either side): counted
 * where both are plain (every date a file or a person gives), else asked of Date. An import
 * checks 300,000 dates; a Date for each was a tenth of its parsing.
 */
export function daysInMonth(y: number, m: number): number {
  if (m >= 1 && m <= 12 && y >= 100 && y <= 9999 && Number.isInteger(m) && Number.isInteger(y)) {
    return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1]!;
  }
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Two digits, for a whole number 0–99. */
const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

const isWhole = (n: number, below: number): boolean => Number.isInteger(n) && n >= 0 && n < below;

export function toIso(y: number, m: number, d: number): IsoDate {
  // A four-digit year and two-digit month and day (every real date): joined as they are.
  if (y >= 1000 && isWhole(y, 10_000) && isWhole(m, 100) && isWhole(d, 100))
    return `${y}-${twoDigits(m)}-${twoDigits(d)}`;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parseIso(iso: IsoDate): { y: number; m: number; d: number } {
  return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
}

const DAY_MS = 86_400_000;

export const isoToDayNumber = (iso: IsoDate): number => {
  const { y, m, d } = parseIso(iso);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};

export const dayNumberToIso = (n: number): IsoDate => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (iso: IsoDate, days: number): IsoDate => dayNumberToIso(isoToDayNumber(iso) + days);

export const daysBetween = (from: IsoDate, to: IsoDate): number => isoToDayNumber(to) - isoToDayNumber(from);

export function addMonths(iso: IsoDate, months: number): IsoDate {
  const { y, m, d } = parseIso(iso);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return toIso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** dd/mm/yyyy, the UK way; empty for no date. */
export function formatUkDate(iso: IsoDate | null | undefined): string {
  if (!iso) return '';
  const { y, m, d } = parseIso(iso);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/**
 * The clock in England (GMT, or BST in summer), whatever the computer's own time zone. Made on
 * first use: loading a time zone's rules took ~22 ms of every process's start (the import worker's,
 * the CLI's), measured, and most never format a time.
 */
let ukClock: Intl.DateTimeFormat | null | undefined;
function theUkClock(): Intl.DateTimeFormat | null {
  if (ukClock !== undefined) return ukClock;
  try {
    ukClock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    ukClock = null; // a runtime without time-zone data
  }
  return ukClock;
}

/**
 * When something was done (a stored ISO timestamp, UTC) as people here read it: dd/mm/yyyy hh:mm
 * on the UK's clock, so an import made at 10:00 in summer reads 10:00, not 09:00. Backups, past
 * imports, the household timeline, the CLI and the restore advice all say it this one way.
 * Without time-zone data (never in Node or Electron's own builds) it gives UTC and says so.
 */
export function formatUkDateTime(iso: string): string {
  const ms = Date.parse(iso);
  const clock = theUkClock();
  if (!clock || Number.isNaN(ms)) return `${formatUkDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
  const part = (type: Intl.DateTimeFormatPartTypes, parts: Intl.DateTimeFormatPart[]) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const parts = clock.formatToParts(ms);
  return `${part('day', parts)}/${part('month', parts)}/${part('year', parts)} ${part('hour', parts)}:${part('minute', parts)}`;
}

const TYPED_UK = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/;
const TYPED_DIGITS = /^(\d{2})(\d{2})(\d{4})$/;

/**
 * A date a person typed, read the UK way: dd/mm/yyyy (one-digit day or month, and `.`, `-` or a
 * space between, allowed), eight digits ddmmyyyy, or ISO yyyy-mm-dd pasted in. Never mm/dd, never a
 * two-digit year (its century is a guess). Null when it is not a real calendar day.
 */
export function parseUkDate(text: string): IsoDate | null {
  const t = text.trim();
  if (isValidIsoDate(t)) return t;
  const m = TYPED_UK.exec(t) ?? TYPED_DIGITS.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(y, mo, d) ? toIso(y, mo, d) : null;
}

/** The local calendar day of a moment, as ISO. "Today" itself comes from `clock.ts`. */
export function todayIso(now: Date): IsoDate {
  return toIso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** Whole years of age on `on` (both ISO dates). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
