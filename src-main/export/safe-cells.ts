import type * as XLSX from 'xlsx';
import { formatUkDate, isoToDayNumber, isValidIsoDate, type IsoDate } from '../domain/dates.ts';
import { xlsx } from './xlsx-lib.ts';

/**
 * Every cell of every file the app exports (report tables, the households list, the Ofsted
 * return, the subject access export) is written by this module, so one rule holds for all:
 *
 * - Text is never a formula. An xlsx text cell is a shared-string cell (`t="s"`): Excel and
 *   LibreOffice never evaluate one, so it carries the text exactly as typed (no visible
 *   apostrophe). CSV has no cell types: a field that could start a formula (= + - @, a tab or
 *   CR, also after spaces or quotes, and after any character another separator could split at)
 *   gets a leading apostrophe (').
 * - Numbers are numbers and dates are dates (an xlsx date serial shown dd/mm/yyyy; dd/mm/yyyy in
 *   CSV), so a report author can sum, sort and filter them.
 * - A Word (.docx) text is XML-escaped, with the characters XML cannot hold removed: Word has no
 *   formulas in text, but one unescaped "<" or control character makes the whole file unreadable.
 *
 * A unit test holds that no other module writes a sheet, a workbook or a Word text.
 */

/** A date to export as a date (ISO yyyy-mm-dd). */
export interface DateValue {
  readonly date: IsoDate;
}
export type Cell = string | number | DateValue | null | undefined;

/** A date cell for an ISO date, or an empty cell for none. */
export const dateCell = (iso: IsoDate | null | undefined): Cell => (iso ? { date: iso } : null);

/** Could start a formula: = + - @ after any spaces or quotes, or a tab or CR first. */
const FORMULA_START = /^(?:[\s"]*[=+\-@]|[\t\r])/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Where some program may start a new cell or row inside our text: a CSV opened where ; or
 * tab is the separator splits at them and ignores our quotes (they are then mid-field), so
 * `Ann;=1+2` would open as two cells, the second a formula. Each such start is neutralised
 * too, whatever quotes or spaces come first.
 */
const INNER_START = /([,;\t|\r\n])([\s"]*)(?=[=+\-@])/g;

/** A CSV cell: numbers stay numbers, dates dd/mm/yyyy, text neutralised wherever a cell could start. */
export const safeCell = (value: Cell): string | number => {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null) return formatUkDate(value.date);
  return neutraliseFormula(value ?? '').replace(INNER_START, "$1$2'");
};

/**
 * Quoted whenever it holds a quote, a line break or any character some program takes as
 * the separator (Excel uses ; or a tab where the decimal mark is a comma): unquoted,
 * `Ann;=1+2` would open there as two cells, the second a formula.
 */
const csvField = (value: Cell): string => {
  const text = String(safeCell(value));
  return /[",;\t|\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** UTF-8 CSV with a byte-order mark (so Excel reads £ and Zoë right), CRLF line ends, formula-neutralised. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Excel's day 0 is 30/12/1899 (its 1900 leap-year bug makes every date from March 1900 on right). */
const EXCEL_EPOCH_DAY = isoToDayNumber('1899-12-30');
export const DATE_FORMAT = 'dd/mm/yyyy';

/**
 * A rate's format: Excel's own percentage, so the cell holds the fraction (11.6% is 0.116) and a
 * report author's formula over it (a rate times a count) gives what it says. A rate is held as a
 * percentage everywhere else (11.6), and is written as its fraction here, where this format is.
 */
export const PERCENT_FORMAT = '0.0%';

/**
 * A percentage as Excel holds it: its fraction, cleared of the division's float noise (11.9 / 100
 * is 0.11900000000000001), so the cell holds the figure the screen shows, 0.119, not a neighbour.
 */
export const percentCell = (value: number): number => Number((value / 100).toPrecision(15));

/**
 * An xlsx cell: a number (with `numberFormat` if given), a date (its serial, shown dd/mm/yyyy),
 * or text as a text cell, never a formula; undefined for an empty cell (nothing, or empty text).
 */
export function xlsxCell(value: Cell, numberFormat?: string): XLSX.CellObject | undefined {
  // Empty text is no cell, as nothing is: a blank written as a text cell of "" is not blank to
  // Excel's COUNTA, ISBLANK or Go To Special › Blanks, so a list's blanks counted two ways.
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') {
    if (!numberFormat) return { t: 'n', v: value };
    const stored = numberFormat.includes(PERCENT_FORMAT) ? percentCell(value) : value;
    return { t: 'n', v: stored, z: numberFormat };
  }
  if (typeof value === 'object') {
    // A malformed stored date is exported as the text it is rather than as a wrong day.
    if (!isValidIsoDate(value.date)) return { t: 's', v: escapeXmlCodes(value.date) };
    return { t: 'n', v: isoToDayNumber(value.date) - EXCEL_EPOCH_DAY, z: DATE_FORMAT };
  }
  return { t: 's', v: escapeXmlCodes(value) };
}

/**
 * OOXML writes a character XML cannot hold as `_xHHHH_`, and Excel reads every such run in a text
 * cell back as that character: typed text holding one ("ref _x0041_") would open as "ref A". Its
 * underscore is written as `_x005F_`, as the standard says, so Excel and LibreOffice show the text
 * exactly as typed (SheetJS writes it as it is).
 */
const escapeXmlCodes = (text: string): string => text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');

/** A worksheet of these cells, row by row from A1; `numberFormat` gives a number cell its format. */
export function xlsxSheet(
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  numberFormat: (row: number, col: number) => string | undefined = () => undefined,
): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let maxCol = 0;
  rows.forEach((line, r) =>
    line.forEach((value, c) => {
      const cell = xlsxCell(value, typeof value === 'number' ? numberFormat(r, c) : undefined);
      if (!cell) return;
      ws[xlsx().utils.encode_cell({ r, c })] = cell;
      maxCol = Math.max(maxCol, c);
    }),
  );
  ws['!ref'] = xlsx().utils.encode_range({
    s: { r: 0, c: 0 },
    e: { r: Math.max(rows.length - 1, 0), c: maxCol },
  });
  return ws;
}

/**
 * The workbook's bytes. Strings are written as shared strings (`bookSST`): SheetJS's default
 * writes them as formula results (`t="str"`).
 */
export function xlsxWorkbook(
  sheets: ReadonlyArray<{ name: string; sheet: XLSX.WorkSheet }>,
  options: { compression?: boolean } = {},
): Buffer {
  const wb = xlsx().utils.book_new();
  for (const { name, sheet } of sheets) xlsx().utils.book_append_sheet(wb, sheet, name);
  return xlsx().write(wb, {
    type: 'buffer',
    bookType: 'xlsx',
    bookSST: true,
    compression: options.compression ?? false,
  }) as Buffer;
}

/** Characters XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF): removed. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for XML content or a double-quoted attribute: escaped, and cleared of what XML cannot hold. */
export const xmlText = (text: string): string =>
  text
    .replace(NOT_XML, '')
    .replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/**
 * A Word cell's or paragraph's text as the runs' content (`<w:t>`), for inside a `<w:r>`: a
 * number as written, a date dd/mm/yyyy, text escaped, a tab a Word tab and a line break a Word
 * line break (a `<w:t>` keeps neither), spaces kept as typed.
 */
export function wordText(value: Cell): string {
  if (value === null || value === undefined || value === '') return '';
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'object' ? formatUkDate(value.date) : value;
  return text
    .split(/(\t|\r\n|\r|\n)/)
    .map((piece) =>
      piece === '\t'
        ? '<w:tab/>'
        : /^[\r\n]+$/.test(piece)
          ? '<w:br/>'
          : piece
            ? `<w:t xml:space="preserve">${xmlText(piece)}</w:t>`
            : '',
    )
    .join('');
}
