import { xlsx } from '../../export/xlsx-lib.ts';
import { MAX_ROWS } from '../limits.ts';
import { ownText, withoutControlChars } from './cell-text.ts';
import { Decline, rowCells, siText, SLASH } from './fast-xlsx-cells.ts';
import type { RawCell, RawSheet } from './raw-sheet.ts';
import { attrs, workbookSheets, workbookXml } from './xlsx-parts.ts';
import type { RowStarts } from './xml-check.ts';

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

  const sheets: RawSheet[] = [];
  let tooManyRows = false;
  for (const entry of workbookSheets(wb, xml.rels)) {
    if (!entry.type || !/\/worksheet$/.test(entry.type) || entry.name === undefined) throw new Decline();
    const sheetXml = parts.get(entry.path!);
    if (!sheetXml) throw new Decline();
    const index = sheets.length;
    const noted = sheetRows?.get(entry.path!);
    const sheet = sheetOf(entry.name, sheetXml, noted, strings, numFmt, date1904, () => slowSheet(index));
    if (entry.state === 'hidden' || entry.state === 'veryHidden') sheet.hidden = true;
    if (sheet.totalRows > MAX_ROWS + 1) tooManyRows = true;
    sheets.push(sheet);
  }
  if (sheets.length === 0) throw new Decline();
  return { sheets, date1904, tooManyRows };
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
  for (let k = rows.length - 4; k >= 0 && totalRows === 0; k -= 4) if (cellsOf(k)) totalRows = rows[k]!;
  return {
    name,
    totalRows,
    date1904,
    uncalculatedColumns(afterRow) {
      const out = new Set<number>();
      for (const [column, row] of formulas) if (row > afterRow) out.add(column);
      return out;
    },
    *rows() {
      let last = 0;
      for (let k = 0; k < rows.length; k += 4) {
        const n = rows[k]!;
        let cells: RawCell[] | null;
        try {
          cells = cellsOf(k);
        } catch (e) {
          if (!(e instanceof Decline)) throw e;
          // A row this reader does not know: SheetJS's rows from here on (every row before it
          // was already given, exactly as SheetJS gives it), hidden as the row tags found here say.
          const hidden = new Set<number>();
          for (let h = 0; h < rows.length; h += 4) if (rows[h + 3] === 1) hidden.add(rows[h]!);
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
 * The sheet's rows, each as four numbers: its number, where its cells start and end in the
 * bytes, and 1 if it is hidden (else 0). Numbers in one array, not an object a row: 100,000
 * small objects outlived the young generation while the loop ran, and each time V8 noticed, it
 * threw the loop's optimised code away.
 */
function rowMarks(xml: Buffer): number[] {
  const start = xml.indexOf('<sheetData');
  const rows: number[] = [];
  if (start < 0) {
    if (xml.includes('sheetData')) throw new Decline();
  } else {
    const end = xml.indexOf('</sheetData>', start);
    const stop = end < 0 ? xml.length : end;
    let i = xml.indexOf('>', start) + 1;
    let last = 0;
    if (xml[i - 2] !== SLASH) {
      // Byte loops and Buffer needles, not string needles: Buffer.indexOf('<row') converts its
      // needle on every call, and three such calls and a decoded tag a row cost more than the
      // search itself (100,000 rows).
      while (i < stop) {
        // The next row usually starts where the last one ended.
        const lt = isRowOpen(xml, i) ? i : xml.indexOf(ROW_OPEN, i);
        if (lt < 0 || lt >= stop) break;
        let tagEnd = lt + 4;
        while (tagEnd < xml.length && xml[tagEnd] !== 0x3e /* > */) tagEnd++;
        if (tagEnd >= xml.length) throw new Decline();
        const n = rowNumber(xml, lt, tagEnd, last);
        last = n;
        if (xml[tagEnd - 1] === SLASH) {
          i = tagEnd + 1;
          continue;
        }
        const close = xml.indexOf(ROW_CLOSE, tagEnd);
        if (close < 0) throw new Decline();
        if (n <= MAX_ROWS + 2) rows.push(n, tagEnd + 1, close, isHidden(xml, lt, tagEnd));
        i = close + 6;
      }
    }
  }
  return rows;
}

/**
 * rowMarks's rows, from where the zip guard's XML check saw the sheet's rows start (sheetRows) as
 * it walked the bytes, rather than searching the 47 MB again. It is the search's answer exactly,
 * or null (then the search is made), or Decline where the search misread the sheet. The rows are
 * taken as Excel writes them: the children of the one sheetData, one after another with at most
 * white space between, each ending in "</row>" just before the next starts; so the search finds
 * each where it starts and ends it there. Anything else between rows gives null (<rows> and
 * <rowBreaks> would be found by '<row'), as does `</row >`. Declined, so SheetJS reads them: a
 * comment or processing instruction in the sheet (the search took a "</row>" in one for the end
 * of its row, and lost the rest of the row), a row inside a row, a prefixed row (x:row) among
 * unprefixed ones, a second sheetData (an empty `<sheetData/>` before the one holding the rows),
 * a `<sheetDataX>` before the sheetData.
 */
function notedRows(xml: Buffer, noted: RowStarts): number[] | null {
  const s = noted.starts;
  // What the search misreads (it finds the first '<sheetData', and only unprefixed rows), SheetJS
  // reads: a second sheetData, a prefixed row (x:row) in a sheet of unprefixed ones.
  if (noted.sheetData > 1) throw new Decline();
  for (let k = 0; k < s.length; k++)
    if (!isRowOpen(xml, s[k]!) || !isNameEnd(xml[s[k]! + 4])) throw new Decline();
  const start = xml.indexOf('<sheetData');
  // '<sheetDataX' before the sheetData (the search would take it for the sheetData).
  if (start >= 0 && !isNameEnd(xml[start + 10])) throw new Decline();
  // A comment or processing instruction in the sheet: the search finds rows and ends of rows in
  // them (SheetJS reads a row in a comment as a row, but not the end of a row in one).
  if (noted.opaque) throw new Decline();
  if (noted.sheetData !== 1 || start < 0) return null;
  let i = xml.indexOf(0x3e /* > */, start) + 1;
  const rows: number[] = [];
  if (xml[i - 2] === SLASH) return rows;
  // A row before the sheetData (or around it) is none Excel writes.
  if (s.length > 0 && s[0]! < i) return null;
  let last = 0;
  for (let k = 0; k < s.length; k++) {
    const lt = s[k]!;
    // A row inside the last (the search passed over it, SheetJS not).
    if (lt < i) throw new Decline();
    if (!onlySpace(xml, i, lt)) break;
    let tagEnd = lt + 4;
    while (xml[tagEnd] !== 0x3e) tagEnd++;
    const n = rowNumber(xml, lt, tagEnd, last);
    last = n;
    if (xml[tagEnd - 1] === SLASH) {
      i = tagEnd + 1;
      continue;
    }
    // Its end: the "</row>" just before the next row, as Excel writes them; else searched for.
    let close = k + 1 < s.length ? spaceBefore(xml, s[k + 1]!) - 6 : -1;
    if (close <= tagEnd || !isAscii(xml, close, '</row>')) close = xml.indexOf(ROW_CLOSE, tagEnd);
    if (close < 0) throw new Decline();
    if (n <= MAX_ROWS + 2) rows.push(n, tagEnd + 1, close, isHidden(xml, lt, tagEnd));
    i = close + 6;
  }
  // Where the search stops: the first "</sheetData>" (the one sheetData's end, the check says).
  const end = pastSpace(xml, i);
  return isAscii(xml, end, '</sheetData>') ? rows : null;
}

/** Whether xml[from..to) is all white space (or nothing, as between the rows Excel writes). */
function onlySpace(x: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpaceByte(x[i])) return false;
  return true;
}

/** Where the white space just before `at` starts (`at` itself if there is none). */
function spaceBefore(x: Buffer, at: number): number {
  let i = at;
  while (i > 0 && isSpaceByte(x[i - 1])) i--;
  return i;
}

/** The first byte from `at` that is not white space. */
function pastSpace(x: Buffer, at: number): number {
  let i = at;
  while (isSpaceByte(x[i])) i++;
  return i;
}

/**
 * The number of the row whose tag is at lt..tagEnd (its '<' and '>'): its r, or the one after
 * `last` without one. Rows out of order or repeated: SheetJS merges and sorts them, so Decline.
 */
function rowNumber(xml: Buffer, lt: number, tagEnd: number, last: number): number {
  const plain = plainRow(xml, lt, tagEnd);
  let n = plain;
  if (plain < 0) {
    const r = tagAttr(xml, lt + 4, tagEnd, 'r');
    n = r === null ? last + 1 : parseInt(r, 10);
  }
  if (!(n > last)) throw new Decline();
  return n;
}

/** 1 if the row whose tag is at lt..tagEnd is hidden, as SheetJS reads it (parsexmlbool): "1" or "true"; else 0. */
function isHidden(xml: Buffer, lt: number, tagEnd: number): number {
  if (plainRow(xml, lt, tagEnd) >= 0) return 0;
  const hidden = tagAttr(xml, lt + 4, tagEnd, 'hidden');
  return hidden === '1' || hidden === 'true' ? 1 : 0;
}

/**
 * The tag as Excel writes nearly every one, `<row r="12">` (or `<row r="12"/>`), read at once: its
 * number, or -1 for any other tag (tagAttr reads those). Read once per file, the general reading
 * ran mostly before V8 had optimised it: ~50 ms for the bench's 100,000 rows, against ~5 here.
 */
function plainRow(xml: Buffer, lt: number, tagEnd: number): number {
  if (xml[lt + 4] !== 0x20 || xml[lt + 5] !== 0x72 /* r */ || xml[lt + 6] !== 0x3d || xml[lt + 7] !== 0x22)
    return -1;
  const end = xml[tagEnd - 1] === SLASH ? tagEnd - 2 : tagEnd - 1;
  if (xml[end] !== 0x22 || end - (lt + 8) < 1 || end - (lt + 8) > 7) return -1;
  let n = 0;
  for (let j = lt + 8; j < end; j++) {
    const d = xml[j]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Whether the bytes hold '<![CDATA[', found by its '!' with a one-byte search (memchr): the
 * nine-byte needle took ~20 ms over the bench's 47 MB sheet, the byte ~2 ms, and a sheet holds
 * few '!' if any (a formula naming another sheet, an exclamation in a note).
 */
function hasCdata(x: Buffer): boolean {
  for (let i = x.indexOf(0x21); i >= 0; i = x.indexOf(0x21, i + 1))
    if (x[i - 1] === 0x3c && x[i + 1] === 0x5b && x.toString('latin1', i - 1, i + 8) === '<![CDATA[')
      return true;
  return false;
}

const ROW_OPEN = Buffer.from('<row');
const ROW_CLOSE = Buffer.from('</row>');

const isRowOpen = (x: Buffer, i: number) =>
  x[i] === 0x3c && x[i + 1] === 0x72 && x[i + 2] === 0x6f && x[i + 3] === 0x77;

const isSpaceByte = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const isNameEnd = (b: number | undefined) => isSpaceByte(b) || b === 0x3e || b === SLASH;

/**
 * The value of attribute `name` in a tag's bytes (from..to, its '>'), latin1 as the tag's text,
 * or null (a value that is not quoted: Decline), read on the bytes, so a row's tag is never decoded.
 */
function tagAttr(x: Buffer, from: number, to: number, name: string): string | null {
  let i = from;
  while (i < to) {
    let eq = i;
    while (eq < to && x[eq] !== 0x3d /* = */) eq++;
    if (eq >= to) return null;
    let k = eq;
    while (k > i && isSpaceByte(x[k - 1])) k--;
    let s = k;
    while (s > i && !isSpaceByte(x[s - 1])) s--;
    let q = eq + 1;
    while (isSpaceByte(x[q])) q++;
    const quote = x[q];
    if (quote !== 0x22 && quote !== 0x27) throw new Decline();
    let close = q + 1;
    while (close < x.length && x[close] !== quote) close++;
    if (close >= x.length || close > to) throw new Decline();
    if (k - s === name.length && isAscii(x, s, name)) return latin1(x, q + 1, close);
    i = close + 1;
  }
  return null;
}

function isAscii(x: Buffer, at: number, text: string): boolean {
  for (let j = 0; j < text.length; j++) if (x[at + j] !== text.charCodeAt(j)) return false;
  return true;
}

/** Bytes as latin1 text; a short value (a row number) built here rather than by a native call. */
function latin1(x: Buffer, from: number, to: number): string {
  if (to - from > 16) return x.toString('latin1', from, to);
  let out = '';
  for (let j = from; j < to; j++) out += String.fromCharCode(x[j]!);
  return out;
}
