import { hash } from 'node:crypto';
import { xlsx } from '../../export/xlsx-lib.ts';
import { MAX_ROWS } from '../limits.ts';
import { ownText, withoutControlChars } from './cell-text.ts';
import { columnOf, Decline, rowCells, siText } from './fast-xlsx-cells.ts';
import type { MergedAcross, RawCell, RawSheet, RowSkip } from './raw-sheet.ts';
import { attrs, workbookSheets, workbookXml } from './xlsx-parts.ts';
import type { RowStarts } from './xml-check.ts';
import { hasCdata, notedRows, ROW_NUMBERS, rowMarks } from './xlsx-row-marks.ts';

/**
 * A fast reader for the usual xlsx file: the worksheets' cells straight from the XML parts the
 * zip guard has already inflated and checked (well formed, cells within the sheet's edges), one
 * row at a time, as the import asks for them. SheetJS builds the whole workbook as objects
 * first, and that took most of a 100,000-row import's reading time and memory.
 *
 * It gives exactly the rows readWorkbook (SheetJS) gives: the same sheets, row numbers, cell
 * positions and values (date-formatted numbers as ISO dates, by the same format test); the
 * comparison test in tests/integration/imports/fast-xlsx.test.ts holds them equal. Anything it
 * does not know (no workbook.xml, a chartsheet, CDATA, an ISO date cell, a string index out of
 * range) makes it decline: found while opening, it returns null and SheetJS reads the file as
 * before; found in a row only reached later (cells are parsed as the import reaches them), the
 * sheet goes on from that row with SheetJS's rows (`slowSheets`), so the rows are still the
 * ones SheetJS gives.
 */
type Parts = ReadonlyMap<string, Buffer>;

export interface FastWorkbook {
  sheets: RawSheet[];
  date1904: boolean;
  tooManyRows: boolean;
}

/**
 * `slowSheets`: SheetJS's reading of the same workbook (readWorkbook), asked for only if a row
 * reached later is one this reader declines; its sheets are in the workbook's order, as here.
 * `sheetRows`: inspectZip's, where the rows of each worksheet part start (without them, the rows
 * are searched for in the sheet's bytes).
 */
export function readXlsxFast(
  parts: Parts,
  slowSheets: () => RawSheet[],
  sheetRows?: ReadonlyMap<string, RowStarts>,
): FastWorkbook | null {
  let slow: RawSheet[] | null = null;
  const slowSheet = (index: number): RawSheet => {
    slow ??= slowSheets();
    const sheet = slow[index];
    if (!sheet) throw new Error(`SheetJS read no sheet ${index + 1} of a workbook the fast reader read`);
    return sheet;
  };
  try {
    return read(parts, slowSheet, sheetRows);
  } catch (e) {
    if (e instanceof Decline) return null;
    throw e;
  }
}

const text = (b: Buffer) => b.toString('utf8');

function read(
  parts: Parts,
  slowSheet: (index: number) => RawSheet,
  sheetRows: ReadonlyMap<string, RowStarts> | undefined,
): FastWorkbook {
  const xml = workbookXml(parts);
  if (!xml) throw new Decline();
  const { wb } = xml;
  if (wb.includes('<![CDATA[')) throw new Decline();
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(wb);
  const date1904 = pr ? /\bdate1904\s*=\s*["'](?:1|true)["']/.test(pr[1]!) : false;
  const numFmt = styles(parts.get('xl/styles.xml'));
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml'));
  const rawContext = partsDigest(parts, ['xl/sharedStrings.xml', 'xl/styles.xml']);

  const sheets: RawSheet[] = [];
  let tooManyRows = false;
  for (const entry of workbookSheets(wb, xml.rels)) {
    if (!entry.type || !/\/worksheet$/.test(entry.type) || entry.name === undefined) throw new Decline();
    const sheetXml = parts.get(entry.path!);
    if (!sheetXml) throw new Decline();
    const index = sheets.length;
    const noted = sheetRows?.get(entry.path!);
    const sheet = sheetOf(entry.name, sheetXml, noted, strings, numFmt, date1904, () => slowSheet(index));
    sheet.rawContext = rawContext;
    if (entry.state === 'hidden' || entry.state === 'veryHidden') sheet.hidden = true;
    if (sheet.totalRows > MAX_ROWS + 1) tooManyRows = true;
    sheets.push(sheet);
  }
  if (sheets.length === 0) throw new Decline();
  return { sheets, date1904, tooManyRows };
}

/**
 * What a row's cells are read from besides its own bytes: the shared strings its cells point
 * into and the styles that make a number a date (the date system is the sheet's date1904, the
 * reading rules the app's version, both in the row hash's key). A row's bytes under the same
 * digest are the same cells (RawSheet.rawContext).
 */
function partsDigest(parts: Parts, names: readonly string[]): string {
  const digests = names.map((name) => {
    const part = parts.get(name);
    return part ? hash('sha256', part, 'base64') : '-';
  });
  return hash('sha256', `fast-xlsx 1 ${digests.join(' ')}`, 'base64');
}

/** Cell style index → whether its number format is a date (the workbook's own formats first). */
function styles(xml: Buffer | undefined): (style: number) => boolean {
  if (!xml) return () => false;
  const s = text(xml);
  if (s.includes('<![CDATA[')) throw new Decline();
  const custom = new Map<number, string>();
  for (const m of s.matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
    const a = attrs(m[1]!);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs\s*>/.exec(s);
  const ids: number[] = [];
  if (xfs)
    for (const m of xfs[1]!.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)) ids.push(Number(attrs(m[1]!).numFmtId ?? 0));
  const isDate = ids.map((id) => {
    const fmt = custom.get(id);
    if (fmt === undefined) return BUILTIN_DATES.has(id);
    return isDateFormat(fmt);
  });
  return (style) => isDate[style] === true;
}

/**
 * The built-in number formats (ids below 164) that are dates, as SheetJS's own format table
 * has them (tests/unit/fast-xlsx-formats.test.ts holds the two equal): known here so that
 * reading the usual file does not load SheetJS at all (over a second of a re-import's time).
 */
export const BUILTIN_DATES: ReadonlySet<number> = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 56,
]);

/**
 * Whether a format code formats dates, as SheetJS decides it (SSF.is_date). Its test stops at
 * the first letter of a date or time part, and a format of digits alone has none: those two
 * common shapes are answered here, anything else asks SheetJS.
 */
export function isDateFormat(fmt: string): boolean {
  if (/^[BbMDYHSEmdyhseg]/.test(fmt)) return true;
  if (fmt === 'General' || fmt === '@' || /^[0#?.,%]+$/.test(fmt)) return false;
  return xlsx().SSF.is_date(fmt);
}

/**
 * The shared strings, each the text of its <t> elements (phonetic runs left out), control
 * characters removed once here rather than at each cell that uses it.
 */
function sharedStrings(xml: Buffer | undefined): string[] {
  if (!xml) return [];
  const s = text(xml);
  if (s.includes('<![CDATA[') || /<(?:\w+:)?si\s*\/>/.test(s)) throw new Decline();
  const out: string[] = [];
  for (const m of s.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si\s*>)/g))
    out.push(withoutControlChars(ownText(siText(m[1] ?? ''))));
  return out;
}

/**
 * One worksheet: its rows found once (their places in the XML's bytes), each decoded and parsed
 * into cells only when the import reaches it, so the file's cells never all sit in memory as
 * objects at once. The rows are found in the bytes and each row decoded alone: decoding the whole
 * sheet as one string took longer than the rest of the reading (a 100,000-row sheet is ~47 MB of
 * XML, and one accented name makes all of it a two-byte string of twice that), while a row's few
 * hundred bytes decode as a small one-byte string (measured: ~0.12 s for every row, against
 * ~0.45 s to decode and search the whole; a row's bounds are ASCII, so no character is cut).
 */
function sheetOf(
  name: string,
  xml: Buffer,
  noted: RowStarts | undefined,
  strings: string[],
  isDate: (style: number) => boolean,
  date1904: boolean,
  slowSheet: () => RawSheet,
): RawSheet {
  // Prefixed element names (x:row) or CDATA: not what this reader knows.
  if (!/^(?:\uFEFF)?(?:<\?[^>]*\?>\s*)?<worksheet\b/.test(xml.toString('utf8', 0, 2000)) || hasCdata(xml))
    throw new Decline();
  const rows = (noted && notedRows(xml, noted)) ?? rowMarks(xml);
  /** Column → the last row read with a formula never calculated there (rowCells notes them). */
  const formulas = new Map<number, number>();
  /** The cells of the row at `k` in `rows`. */
  const cellsOf = (k: number) => {
    const x = xml.toString('utf8', rows[k + 1], rows[k + 2]);
    return rowCells(x, 0, x.length, rows[k]!, strings, isDate, date1904, formulas);
  };
  // Rows holding no value are left out, as SheetJS leaves them: the sheet's size is its last
  // row with a value (found from the end), and each row is parsed once, when it is reached.
  let totalRows = 0;
  for (let k = rows.length - ROW_NUMBERS; k >= 0 && totalRows === 0; k -= ROW_NUMBERS)
    if (cellsOf(k)) totalRows = rows[k]!;
  return {
    name,
    totalRows,
    date1904,
    mergedAcross: mergedAcross(xml, rows[rows.length - ROW_NUMBERS + 2] ?? 0),
    uncalculatedColumns(afterRow) {
      const out = new Set<number>();
      for (const [column, row] of formulas) if (row > afterRow) out.add(column);
      return out;
    },
    *rows(skip?: RowSkip) {
      let last = 0;
      for (let k = 0; k < rows.length; k += ROW_NUMBERS) {
        const n = rows[k]!;
        // The row's own bytes, from its tag (its number, whether hidden) to its end.
        if (skip?.(n, xml.subarray(rows[k + 4], rows[k + 2]))) {
          last = n;
          yield rows[k + 3] === 1
            ? { rowNumber: n, cells: [], skipped: true, hidden: true }
            : { rowNumber: n, cells: [], skipped: true };
          continue;
        }
        let cells: RawCell[] | null;
        try {
          cells = cellsOf(k);
        } catch (e) {
          if (!(e instanceof Decline)) throw e;
          // A row this reader does not know: SheetJS's rows from here on (every row before it
          // was already given, exactly as SheetJS gives it), hidden as the row tags found here say.
          const hidden = new Set<number>();
          for (let h = 0; h < rows.length; h += ROW_NUMBERS) if (rows[h + 3] === 1) hidden.add(rows[h]!);
          for (const r of slowSheet().rows())
            if (r.rowNumber > last)
              yield hidden.has(r.rowNumber)
                ? { rowNumber: r.rowNumber, cells: r.cells, hidden: true }
                : { rowNumber: r.rowNumber, cells: r.cells };
          return;
        }
        if (cells) {
          last = n;
          yield rows[k + 3] === 1 ? { rowNumber: n, cells, hidden: true } : { rowNumber: n, cells };
        }
      }
    },
  };
}

/**
 * The sheet's cells merged across columns, each by its top row: its `<mergeCell ref="F3:H3"/>`s
 * after the rows (`from`: where the last row ends), found exactly as SheetJS finds them (its
 * pattern), so the two readers agree. A reference of another form declines.
 */
function mergedAcross(xml: Buffer, from: number): MergedAcross[] {
  const tail = xml.toString('latin1', from);
  const out: MergedAcross[] = [];
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell ref=["']([A-Z0-9:]+)['"]\s*\/?>/g)) {
    const ref = /^([A-Z]+)(\d+)(?::([A-Z]+)\d+)?$/.exec(m[1]!);
    if (!ref) throw new Decline();
    const first = columnOf(ref[1]!, 0, ref[1]!.length);
    const last = ref[3] ? columnOf(ref[3], 0, ref[3].length) : first;
    if (last > first) out.push({ row: Number(ref[2]), from: first, to: last });
  }
  return out;
}
