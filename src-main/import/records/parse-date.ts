import {
  addDays,
  daysInMonth,
  formatUkDate,
  isRealDate,
  MONTH_NAMES,
  toIso,
  type IsoDate,
} from '../../domain/dates.ts';
import type { RawCell } from '../read/raw-sheet.ts';
import { serialToIso } from '../read/serial-dates.ts';

/** A month by its name or its short form, as files write them ("4 Apr 2024", "April 4, 2024", "4 Sept 2024"). */
const MONTHS: Record<string, number> = Object.fromEntries(
  MONTH_NAMES.flatMap((name, i) => {
    const lower = name.toLowerCase();
    return [[lower, i + 1], [lower.slice(0, 3), i + 1], ...(lower === 'september' ? [['sept', 9]] : [])];
  }),
);

/**
 * `monthFirst`: the text is not a real date as dd/mm but is one as mm/dd ("02/20/2024"), the
 * mark of a file written month first (a spreadsheet or CRM set to US English), unless the file's
 * other dates show it is not (analyse.ts weighs them). `order`, of a date written as numbers
 * day/month/year: it reads only day first ("25/03/2024"), or either way ("03/05/2024").
 * `dayNumber`: text that is a bare number ("46100"), read as an Excel day number (a CSV's
 * import says so, records/day-numbers.ts); never set for a workbook's number or date cell.
 */
export type DateResult =
  | { ok: true; iso: IsoDate; order?: 'dayFirst' | 'either'; dayNumber?: true }
  | { ok: false; message: string; monthFirst?: true };

/**
 * A time after the date, as CRMs and web forms write it: "14:30", "14:30:00.000", "2:30 pm",
 * "14:30:00+01:00", "…Z". The date is taken as written; the time is not kept.
 */
const TIME = String.raw`(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|[+-]\d{2}:?\d{2}|utc|gmt|bst)?)`;
const ISO_TEXT = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\s*${TIME})?$`);
const UK_TEXT = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:,?\s+${TIME})?$`);
const DAY_MONTH_NAME = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{2}|\d{4})(?:,?\s+${TIME})?$`,
);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_NAME_DAY = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;

const tooEarly = (shown: string, earliest: IsoDate): DateResult => ({
  ok: false,
  message: `${shown} is before ${formatUkDate(earliest)}: no date in this service's records is that early (a date cell holding 0, as a formula on an empty cell gives, shows as 00/01/1900 or 30/12/1899). Check the cell, or leave it empty.`,
});

/**
 * A whole number that reads as a year. As a serial it is a day in 1905 (2026 is 18/07/1905): a
 * date of birth such as "1975" was stored as 28/05/1905, and an enquiry's "2026" refused as
 * "18/07/1905", a date the cell does not hold (helper-245). No date of the records, nor a carer's
 * birth, falls on those days, so such a number is refused as the year it is.
 */
const YEARS = { from: 1900, to: 2100 };

const aYear = (shown: string): DateResult => ({
  ok: false,
  message: `${shown} is a year, not a date: give the whole date (dd/mm/yyyy).`,
});

/**
 * A serial Excel counts as before its day 61 (01/03/1900), as Excel or LibreOffice shows it:
 * Excel's 0 is "00/01/1900" and its 60 the 29/02/1900 that never was (its leap-year bug);
 * SheetJS reads LibreOffice's 30/12/1899 (its empty date) as -1.
 */
function earlySerialShown(serial: number): string {
  const day = Math.floor(serial);
  if (day === 0) return '00/01/1900';
  if (day === 60) return '29/02/1900';
  return formatUkDate(addDays('1899-12-31', day));
}

/**
 * An Excel serial as a date; before `earliest` (the bound, when one applies), the artefact it
 * shows as is named. `shown`: the cell as the message quotes it, when it is not a date.
 */
function fromSerial(serial: number, shown: string, date1904: boolean, earliest: IsoDate | null): DateResult {
  if (Number.isInteger(serial) && serial >= YEARS.from && serial <= YEARS.to) return aYear(shown);
  const iso = serialToIso(serial, date1904);
  if (iso)
    return earliest && iso < earliest ? tooEarly(`"${formatUkDate(iso)}"`, earliest) : { ok: true, iso };
  if (earliest && !date1904 && serial > -2 && serial < 61)
    return tooEarly(`"${earlySerialShown(serial)}"`, earliest);
  return { ok: false, message: `${shown} is not a date.` };
}

/**
 * Two-digit years: 00-69 are this century, 70-99 the last (no enquiry predates 1970), as Excel
 * reads them. `notAfter` (a date of birth's today): a year that would put day `d` of month `m`
 * after it is the century before, as no one is born in the future ("12/05/65" is 1965).
 */
function fullYear(y: string, m: number, d: number, notAfter: IsoDate | null): number {
  if (y.length === 4) return Number(y);
  const year = Number(y) + (Number(y) < 70 ? 2000 : 1900);
  return notAfter && isRealDate(year, m, d) && toIso(year, m, d) > notAfter ? year - 100 : year;
}

/**
 * A date as written, when it is one. A year before the bound's is refused as too early whether or
 * not the day is real ("00/01/1900", an empty date cell, is refused as what it is).
 */
function real(y: number, m: number, d: number, text: string, earliest: IsoDate | null): DateResult {
  if (earliest && y < Number(earliest.slice(0, 4)))
    return tooEarly(`"${isRealDate(y, m, d) ? formatUkDate(toIso(y, m, d)) : text}"`, earliest);
  if (!isRealDate(y, m, d)) return { ok: false, message: `"${text}" is not a real date.` };
  const iso = toIso(y, m, d);
  // Quoted as the spreadsheet shows it: a date cell reaches here as ISO text.
  return earliest && iso < earliest ? tooEarly(`"${formatUkDate(iso)}"`, earliest) : { ok: true, iso };
}

/**
 * A date from a cell: an Excel date cell (already ISO from the reader), an Excel serial
 * number, or text as dd/mm/yyyy, d/m/yy, yyyy-mm-dd or "3 March 2024". Never mm/dd:
 * 03/04/2024 is the 3rd of April, and 04/13/2024 is refused as not a real date. `earliest`: a
 * date before it is refused as no date of the records (domain EARLIEST_RECORD_DATE; null for a date of
 * birth). `notAfter`: for a date of birth, today, which settles a two-digit year's century.
 */
export function parseDate(
  raw: RawCell,
  date1904: boolean,
  earliest: IsoDate | null = null,
  notAfter: IsoDate | null = null,
): DateResult | null {
  if (raw === null) return null;
  if (typeof raw === 'number') return fromSerial(raw, String(raw), date1904, earliest);
  // A date cell, as the reader gives it (yyyy-mm-dd), read as ISO_TEXT below reads it, without
  // trimming, lower-casing or trying the forms before it (none of which can match it).
  if (raw.length === 10 && ISO_DAY.test(raw))
    return real(Number(raw.slice(0, 4)), Number(raw.slice(5, 7)), Number(raw.slice(8, 10)), raw, earliest);
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d{4,5}(\.\d+)?$/.test(text)) {
    const r = fromSerial(Number(text), `"${text}"`, date1904, earliest);
    if (r.ok) r.dayNumber = true;
    return r;
  }
  const lower = text.toLowerCase();
  let m = ISO_TEXT.exec(lower);
  if (m) return real(Number(m[1]), Number(m[2]), Number(m[3]), text, earliest);
  m = UK_TEXT.exec(lower);
  if (m) {
    const [mo, d] = [Number(m[2]), Number(m[1])];
    const y = fullYear(m[3]!, mo, d, notAfter);
    // Judged by day and month alone: LibreOffice set to US English writes a date cell holding 0
    // (its empty date) as 12/30/1899, in a year no date may have, and such a cell may be the one
    // date of a month-first file whose day is over 12.
    if (mo > 12 && d >= 1 && d <= 12 && mo <= daysInMonth(y, d))
      return {
        ok: false,
        message: `"${text}" is not a real date as dd/mm/yyyy; it reads only month first.`,
        monthFirst: true,
      };
    const r = real(y, mo, d, text, earliest);
    // Set on the result just made: a csv of 1,000,000 rows reads its dates here.
    if (r.ok && d !== mo) r.order = d > 12 ? 'dayFirst' : 'either';
    return r;
  }
  m = DAY_MONTH_NAME.exec(lower);
  const month = m && MONTHS[m[2]!];
  if (m && month)
    return real(fullYear(m[3]!, month, Number(m[1]), notAfter), month, Number(m[1]), text, earliest);
  m = MONTH_NAME_DAY.exec(lower);
  if (m && MONTHS[m[1]!]) return real(Number(m[3]), MONTHS[m[1]!]!, Number(m[2]), text, earliest);
  return { ok: false, message: `"${text}" is not a date the app can read (write dates as dd/mm/yyyy).` };
}

export const describeDate = formatUkDate;
