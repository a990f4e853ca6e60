import { dayNumberToIso, isRealDate, parseIso, type IsoDate } from '../../domain/dates.ts';

/** Day number (days since 1970-01-01) of Excel's 1900-system day 0 (31/12/1899 after the leap-year bug). */
const EPOCH_1900 = -25_569;
/** The 1904 system counts from 01/01/1904, 1,462 days after the 1900 system's day 0. */
const OFFSET_1904 = 1_462;

/**
 * An Excel serial day as an ISO date, or null when it is not a plausible date (before 1900,
 * after 2999). Excel pretends 1900 was a leap year, so serials below 61 are one day off;
 * no enquiry is that old, so they are refused rather than corrected.
 */
export function serialToIso(serial: number, date1904 = false): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial) + (date1904 ? OFFSET_1904 : 0);
  if (day < 61) return null;
  const iso = dayNumberToIso(day + EPOCH_1900);
  const { y, m, d } = parseIso(iso);
  return isRealDate(y, m, d) ? iso : null;
}
