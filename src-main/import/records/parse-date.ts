import { formatUkDate, isRealDate, MONTH_NAMES, toIso, type IsoDate } from '../../domain/dates.ts';
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
 * mark of a file written month first (a spreadsheet or CRM set to US English): its other dates,
 * such as 03/05/2024, cannot be trusted either, so the caller refuses the whole file.
 */
export type DateResult = { ok: true; iso: IsoDate } | { ok: false; message: string; monthFirst?: true };

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
const MONTH_NAME_DAY = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;

/** Two-digit years: 00-69 are this century, 70-99 the last (no enquiry predates 1970). */
const fullYear = (y: string): number =>
  y.length === 4 ? Number(y) : Number(y) + (Number(y) < 70 ? 2000 : 1900);

function real(y: number, m: number, d: number, text: string): DateResult {
  if (isRealDate(y, m, d)) return { ok: true, iso: toIso(y, m, d) };
  return { ok: false, message: `"${text}" is not a real date.` };
}

/**
 * A date from a cell: an Excel date cell (already ISO from the reader), an Excel serial
 * number, or text as dd/mm/yyyy, d/m/yy, yyyy-mm-dd or "3 March 2024". Never mm/dd:
 * 03/04/2024 is the 3rd of April, and 04/13/2024 is refused as not a real date.
 */
export function parseDate(raw: RawCell, date1904: boolean): DateResult | null {
  if (raw === null) return null;
  if (typeof raw === 'number') {
    const iso = serialToIso(raw, date1904);
    return iso ? { ok: true, iso } : { ok: false, message: `${raw} is not a date.` };
  }
  const text = raw.trim();
  if (text === '') return null;
  if (/^\d{4,5}(\.\d+)?$/.test(text)) {
    const iso = serialToIso(Number(text), date1904);
    return iso ? { ok: true, iso } : { ok: false, message: `"${text}" is not a date.` };
  }
  const lower = text.toLowerCase();
  let m = ISO_TEXT.exec(lower);
  if (m) return real(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = UK_TEXT.exec(lower);
  if (m) {
    const [y, mo, d] = [fullYear(m[3]!), Number(m[2]), Number(m[1])];
    if (!isRealDate(y, mo, d) && isRealDate(y, d, mo))
      return {
        ok: false,
        message: `"${text}" is not a real date as dd/mm/yyyy; it reads only month first.`,
        monthFirst: true,
      };
    return real(y, mo, d, text);
  }
  m = DAY_MONTH_NAME.exec(lower);
  if (m && MONTHS[m[2]!]) return real(fullYear(m[3]!), MONTHS[m[2]!]!, Number(m[1]), text);
  m = MONTH_NAME_DAY.exec(lower);
  if (m && MONTHS[m[1]!]) return real(Number(m[3]), MONTHS[m[1]!]!, Number(m[2]), text);
  return { ok: false, message: `"${text}" is not a date the app can read (write dates as dd/mm/yyyy).` };
}

export const describeDate = formatUkDate;
