import { xlsx } from '../../export/xlsx-lib.ts';
import { MAX_ROWS } from '../limits.ts';
import { ownText, withoutControlChars } from './cell-text.ts';
import type { RawCell, RawSheet } from './raw-sheet.ts';
import { serialToIso } from './serial-dates.ts';

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

class Decline extends Error {}

/**
 * `slowSheets`: SheetJS's reading of the same workbook (readWorkbook), asked for only if a row
 * reached later is one this reader declines; its sheets are in the workbook's order, as here.
 */
export function readXlsxFast(parts: Parts, slowSheets: () => RawSheet[]): FastWorkbook | null {
  let slow: RawSheet[] | null = null;
  const slowSheet = (index: number): RawSheet => {
    slow ??= slowSheets();
    const sheet = slow[index];
    if (!sheet) throw new Error(`SheetJS read no sheet ${index + 1} of a workbook the fast reader read`);
    return sheet;
  };
  try {
    return read(parts, slowSheet);
  } catch (e) {
    if (e instanceof Decline) return null;
    throw e;
  }
}

const text = (b: Buffer) => b.toString('utf8');

function read(parts: Parts, slowSheet: (index: number) => RawSheet): FastWorkbook {
  const wbXml = parts.get('xl/workbook.xml');
  const relsXml = parts.get('xl/_rels/workbook.xml.rels');
  if (!wbXml || !relsXml) throw new Decline();
  const wb = text(wbXml);
  if (wb.includes('<![CDATA[')) throw new Decline();
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(wb);
  const date1904 = pr ? /\bdate1904\s*=\s*["'](?:1|true)["']/.test(pr[1]!) : false;

  const targets = new Map<string, { type: string; target: string }>();
  for (const m of text(relsXml).matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attrs(m[1]!);
    if (a.Id && a.Target) targets.set(a.Id, { type: a.Type ?? '', target: a.Target });
  }
  const numFmt = styles(parts.get('xl/styles.xml'));
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml'));

  const sheetsXml = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(wb);
  if (!sheetsXml) throw new Decline();
  const sheets: RawSheet[] = [];
  let tooManyRows = false;
  for (const m of sheetsXml[1]!.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const a = attrs(m[1]!);
    const rid = Object.entries(a).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1];
    const rel = rid ? targets.get(rid) : undefined;
    if (!rel || !/\/worksheet$/.test(rel.type) || a.name === undefined) throw new Decline();
    const path = rel.target.startsWith('/') ? rel.target.slice(1) : `xl/${rel.target}`;
    const xml = parts.get(path.replace(/\/\.\//g, '/'));
    if (!xml) throw new Decline();
    const index = sheets.length;
    const sheet = sheetOf(unescape(a.name), xml, strings, numFmt, date1904, () => slowSheet(index));
    if (sheet.totalRows > MAX_ROWS + 1) tooManyRows = true;
    sheets.push(sheet);
  }
  if (sheets.length === 0) throw new Decline();
  return { sheets, date1904, tooManyRows };
}

/** Attributes of a tag, values unescaped (names as written, prefix included). */
function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out[m[1]!] = unescape(m[2] ?? m[3]!);
  return out;
}

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", gt: '>', lt: '<', amp: '&' };

/** XML entities, then Excel's _xHHHH_ escapes, then CRLF → LF: as SheetJS unescapes cell text. */
function unescape(s: string): string {
  let out = s;
  if (out.includes('&')) {
    out = out.replace(/&(?:(quot|apos|gt|lt|amp)|#(x?)([\da-fA-F]+));/gi, (all, name, x, code) => {
      if (name) return ENTITIES[name.toLowerCase()] ?? all;
      return String.fromCharCode(parseInt(code, x ? 16 : 10)) || all;
    });
  }
  if (out.includes('_x'))
    out = out.replace(/_x([\da-fA-F]{4})_/gi, (_, c) => String.fromCharCode(parseInt(c, 16)));
  return out.includes('\r\n') ? out.replace(/\r\n/g, '\n') : out;
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
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(s);
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

/** The shared strings, each the text of its <t> elements (phonetic runs left out). */
function sharedStrings(xml: Buffer | undefined): string[] {
  if (!xml) return [];
  const s = text(xml);
  if (s.includes('<![CDATA[') || /<(?:\w+:)?si\s*\/>/.test(s)) throw new Decline();
  const out: string[] = [];
  for (const m of s.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g))
    out.push(ownText(siText(m[1] ?? '')));
  return out;
}

function siText(si: string): string {
  const body = si.includes('rPh') ? si.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : si;
  let t = '';
  for (const m of body.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g)) t += m[1] ?? '';
  return unescape(t);
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
  strings: string[],
  isDate: (style: number) => boolean,
  date1904: boolean,
  slowSheet: () => RawSheet,
): RawSheet {
  // Prefixed element names (x:row) or CDATA: not what this reader knows.
  if (
    !/^(?:\uFEFF)?(?:<\?[^>]*\?>\s*)?<worksheet\b/.test(xml.toString('utf8', 0, 2000)) ||
    xml.includes('<![CDATA[')
  )
    throw new Decline();
  const start = xml.indexOf('<sheetData');
  const rows: Array<{ n: number; from: number; to: number }> = [];
  if (start < 0) {
    if (xml.includes('sheetData')) throw new Decline();
  } else {
    const end = xml.indexOf('</sheetData>', start);
    const stop = end < 0 ? xml.length : end;
    let i = xml.indexOf('>', start) + 1;
    let last = 0;
    if (xml[i - 2] !== SLASH) {
      while (i < stop) {
        const lt = xml.indexOf('<row', i);
        if (lt < 0 || lt >= stop) break;
        const tagEnd = xml.indexOf('>', lt);
        if (tagEnd < 0) throw new Decline();
        const tag = xml.toString('latin1', lt + 4, tagEnd);
        const r = attrText(tag, 0, tag.length, 'r');
        const n = r === null ? last + 1 : parseInt(r, 10);
        // Rows out of order or repeated: SheetJS merges and sorts them; leave such files to it.
        if (!(n > last)) throw new Decline();
        last = n;
        if (xml[tagEnd - 1] === SLASH) {
          i = tagEnd + 1;
          continue;
        }
        const close = xml.indexOf('</row>', tagEnd);
        if (close < 0) throw new Decline();
        if (n <= MAX_ROWS + 2) rows.push({ n, from: tagEnd + 1, to: close });
        i = close + 6;
      }
    }
  }
  /** Column → the last row read with a formula never calculated there (rowCells notes them). */
  const formulas = new Map<number, number>();
  const cellsOf = (row: { n: number; from: number; to: number }) => {
    const x = xml.toString('utf8', row.from, row.to);
    return rowCells(x, 0, x.length, row.n, strings, isDate, date1904, formulas);
  };
  // Rows holding no value are left out, as SheetJS leaves them: the sheet's size is its last
  // row with a value (found from the end), and each row is parsed once, when it is reached.
  let totalRows = 0;
  for (let k = rows.length - 1; k >= 0 && totalRows === 0; k--) {
    const row = rows[k]!;
    if (cellsOf(row)) totalRows = row.n;
  }
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
      for (const row of rows) {
        let cells: RawCell[] | null;
        try {
          cells = cellsOf(row);
        } catch (e) {
          if (!(e instanceof Decline)) throw e;
          // A row this reader does not know: SheetJS's rows from here on (every row before it
          // was already given, exactly as SheetJS gives it).
          for (const r of slowSheet().rows()) if (r.rowNumber > last) yield r;
          return;
        }
        if (cells) {
          last = row.n;
          yield { rowNumber: row.n, cells };
        }
      }
    },
  };
}

const SLASH = 0x2f;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The value of attribute `name` in the tag text between `from` and `to` (its '>'), or null. */
function attrText(x: string, from: number, to: number, name: string): string | null {
  let i = from;
  while (i < to) {
    const eq = x.indexOf('=', i);
    if (eq < 0 || eq >= to) return null;
    let k = eq;
    while (k > i && isSpace(x.charCodeAt(k - 1))) k--;
    let s = k;
    while (s > i && !isSpace(x.charCodeAt(s - 1))) s--;
    let q = eq + 1;
    while (isSpace(x.charCodeAt(q))) q++;
    const quote = x[q];
    if (quote !== '"' && quote !== "'") throw new Decline();
    const close = x.indexOf(quote, q + 1);
    if (close < 0 || close > to) throw new Decline();
    if (k - s === name.length && x.startsWith(name, s)) return x.slice(q + 1, close);
    i = close + 1;
  }
  return null;
}

interface CellTag {
  /** Where the r attribute's value is in the text (rFrom < 0: no r). */
  rFrom: number;
  rTo: number;
  t: string | null;
  s: string | null;
}

/** The cell types a worksheet uses, kept as constants so reading one cuts no new string. */
const CELL_TYPES = ['n', 's', 'str', 'inlineStr', 'b', 'e', 'd'];

/** The t attribute's value between from and to: one of CELL_TYPES, or a string of its own. */
function cellType(x: string, from: number, to: number): string {
  for (const t of CELL_TYPES) if (t.length === to - from && x.startsWith(t, from)) return t;
  return x.slice(from, to);
}

/**
 * A cell tag's r, t and s attributes, in one pass over its attributes; r as its place in the
 * text (read where it lies, as most cells have one and only its column and row are wanted).
 */
function cellAttributes(x: string, from: number, to: number, tag: CellTag): void {
  tag.rFrom = tag.rTo = -1;
  tag.t = tag.s = null;
  // Character loops, not indexOf: a cell tag is a few dozen characters, and an indexOf call per
  // '=' and quote cost more than the scan itself (1.5 million cells in a 100,000-row sheet).
  let i = from;
  while (i < to) {
    let eq = i;
    while (eq < to && x.charCodeAt(eq) !== 0x3d /* = */) eq++;
    if (eq >= to) return;
    let k = eq;
    while (k > i && isSpace(x.charCodeAt(k - 1))) k--;
    let q = eq + 1;
    while (isSpace(x.charCodeAt(q))) q++;
    const quote = x.charCodeAt(q);
    if (quote !== 0x22 && quote !== 0x27) throw new Decline();
    let close = q + 1;
    while (close < to && x.charCodeAt(close) !== quote) close++;
    if (close >= to) throw new Decline();
    // One-letter names only (r, t, s); longer ones (cm, vm, ph) are skipped.
    if (isSpace(x.charCodeAt(k - 2))) {
      const c = x.charCodeAt(k - 1);
      if (c === 0x72) {
        tag.rFrom = q + 1;
        tag.rTo = close;
      } else if (c === 0x74) tag.t = cellType(x, q + 1, close);
      else if (c === 0x73) tag.s = x.slice(q + 1, close);
    }
    i = close + 1;
  }
}

/** Column number (from 0) of a cell reference's letters (x from..to), or -1 when it has none. */
function columnOf(x: string, from: number, to: number): number {
  let c = 0;
  let i = from < to && x.charCodeAt(from) === 0x24 ? from + 1 : from;
  for (; i < to; i++) {
    const code = x.charCodeAt(i) - 64;
    if (code < 1 || code > 26) break;
    c = c * 26 + code;
  }
  return c - 1;
}

/** The row number of a cell reference (x from..to): its digits, wherever they are. */
function rowOf(x: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = x.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) n = n * 10 + d;
  }
  return n;
}

/** The cells of one row as SheetJS gives them (dense, null where it stores nothing), or null if none. */
function rowCells(
  x: string,
  from: number,
  to: number,
  rowNumber: number,
  strings: string[],
  isDate: (style: number) => boolean,
  date1904: boolean,
  formulas?: Map<number, number>,
): RawCell[] | null {
  const cells: RawCell[] = [];
  const tag: CellTag = { rFrom: -1, rTo: -1, t: null, s: null };
  let col = -1;
  let any = false;
  let i = from;
  while (i < to) {
    // The next cell usually starts where the last one ended.
    const lt = x.charCodeAt(i) === 0x3c && x.charCodeAt(i + 1) === 0x63 /* <c */ ? i : x.indexOf('<c', i);
    if (lt < 0 || lt >= to) break;
    const after = x.charCodeAt(lt + 2);
    if (!isSpace(after) && after !== 0x3e && after !== SLASH) {
      i = lt + 2;
      continue;
    }
    let tagEnd = lt + 2;
    while (tagEnd < to && x.charCodeAt(tagEnd) !== 0x3e /* > */) tagEnd++;
    if (tagEnd >= to) throw new Decline();
    const selfClosing = x.charCodeAt(tagEnd - 1) === SLASH;
    cellAttributes(x, lt + 2, tagEnd, tag);
    const { rFrom, rTo, t, s } = tag;
    if (rFrom >= 0) {
      col = columnOf(x, rFrom, rTo);
      // SheetJS files a cell under its own reference's row: one naming another row is not usual.
      if (col < 0 || rowOf(x, rFrom, rTo) !== rowNumber) throw new Decline();
    } else col++;
    const bodyFrom = tagEnd + 1;
    let bodyTo = bodyFrom;
    let v: string | undefined;
    if (selfClosing) i = tagEnd + 1;
    else {
      const vEnd = plainValueEnd(x, bodyFrom, to);
      if (vEnd >= 0) {
        // The usual body, <v>text</v></c>: the same text vText would find, read where it lies.
        v = x.slice(bodyFrom + 3, vEnd);
        bodyTo = vEnd + 4;
      } else {
        bodyTo = x.indexOf('</c>', tagEnd);
        if (bodyTo < 0 || bodyTo > to) throw new Decline();
        v = bodyFrom < bodyTo ? vText(x, bodyFrom, bodyTo) : undefined;
      }
      i = bodyTo + 4;
    }
    const value = cellValue(
      x,
      bodyFrom,
      bodyTo,
      v,
      t,
      s === null ? null : Number(s),
      strings,
      isDate,
      date1904,
    );
    if (value === undefined) {
      // A formula with no value and no type (a text result, even an empty one, is typed "str"
      // by Excel; openpyxl writes <f>…</f><v></v>): the file was never calculated. Noted only
      // here, where the usual cell never comes, so a sheet without one costs nothing.
      if (formulas && t === null && !selfClosing && x.lastIndexOf('<f', bodyTo) >= bodyFrom)
        formulas.set(col, rowNumber);
      continue;
    }
    while (cells.length < col) cells.push(null);
    cells[col] = value;
    any = true;
  }
  return any ? cells : null;
}

/**
 * Where the text ends in a cell body that is exactly `<v>text</v></c>` (text with no markup)
 * starting at `from`, or -1 for any other body (then the general search reads it).
 */
function plainValueEnd(x: string, from: number, to: number): number {
  if (x.charCodeAt(from) !== 0x3c || x.charCodeAt(from + 1) !== 0x76 || x.charCodeAt(from + 2) !== 0x3e)
    return -1;
  let e = from + 3;
  while (e < to && x.charCodeAt(e) !== 0x3c) e++;
  return e + 8 <= to && x.startsWith('</v></c>', e) ? e : -1;
}

/** The text of the cell's <v> element, or undefined. */
function vText(x: string, from: number, to: number): string | undefined {
  const v = x.indexOf('<v', from);
  if (v < 0 || v >= to) return undefined;
  const open = x.indexOf('>', v);
  if (x.charCodeAt(open - 1) === SLASH) return undefined;
  const close = x.indexOf('</v>', open);
  if (close < 0 || close > to) throw new Decline();
  return x.slice(open + 1, close);
}

/**
 * A cell's value as workbook.ts makes it from SheetJS's cell; undefined when SheetJS stores no
 * cell. `v` is the text of its <v> element (undefined: it has none); from..to is its body.
 */
function cellValue(
  x: string,
  from: number,
  to: number,
  v: string | undefined,
  t: string | null,
  style: number | null,
  strings: string[],
  isDate: (style: number) => boolean,
  date1904: boolean,
): RawCell | undefined {
  const value =
    v === undefined || v === ''
      ? undefined
      : v.includes('&') || v.includes('_x') || v.includes('\r')
        ? unescape(v)
        : v;
  // No type and no value (a formula never calculated, a styled empty cell): SheetJS stores nothing.
  if (t === null && value === undefined) return undefined;
  switch (t ?? 'n') {
    case 'n':
      if (value === undefined) return undefined;
      return numberCell(parseFloat(value), style, isDate, date1904);
    case 's': {
      if (value === undefined) return undefined;
      const str = strings[parseInt(value, 10)];
      if (str === undefined) throw new Decline();
      return withoutControlChars(str);
    }
    case 'str':
      return ownText(withoutControlChars(value ?? ''));
    case 'inlineStr': {
      const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(x.slice(from, to));
      return ownText(withoutControlChars(is ? siText(is[1]!) : ''));
    }
    case 'b':
      return value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return null;
    default:
      throw new Decline();
  }
}

/** Serial → ISO date, remembered: a sheet's dates fall on a few thousand days. */
const isoOfSerial = new Map<number, string | null>();

function numberCell(
  n: number,
  style: number | null,
  isDate: (s: number) => boolean,
  date1904: boolean,
): RawCell {
  if (style === null || !isDate(style)) return n;
  const key = date1904 ? -n - 1e9 : n;
  let iso = isoOfSerial.get(key);
  if (iso === undefined) {
    if (isoOfSerial.size > 100_000) isoOfSerial.clear();
    isoOfSerial.set(key, (iso = serialToIso(n, date1904)));
  }
  return iso ?? n;
}
