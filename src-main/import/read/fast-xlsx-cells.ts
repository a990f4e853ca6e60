import { ownText, withoutControlChars } from './cell-text.ts';
import type { RawCell } from './raw-sheet.ts';
import { serialToIso } from './serial-dates.ts';

/**
 * The cells of one worksheet row for the fast xlsx reader (fast-xlsx.ts), read from the row's
 * XML text by character codes, with the XML and Excel unescaping both the row and the shared
 * strings need. Anything it does not know throws Decline, and the reader hands the rest of the
 * sheet to SheetJS.
 */
/** Thrown where the XML is not what this reader knows; the file or row is read by SheetJS. */
export class Decline extends Error {}

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", gt: '>', lt: '<', amp: '&' };

/** XML entities, then Excel's _xHHHH_ escapes, then CRLF → LF: as SheetJS unescapes cell text. */
export function unescape(s: string): string {
  let out = s;
  if (out.includes('&')) {
    out = out.replace(/&(?:(quot|apos|gt|lt|amp)|#(x?)([\da-fA-F]+));/gi, (all, name, x, code) => {
      if (name) return ENTITIES[name.toLowerCase()] ?? all;
      // A code point, not a UTF-16 unit: openpyxl writes an emoji as "&#127800;", which
      // fromCharCode cut down to a private-use character.
      const point = parseInt(code, x ? 16 : 10);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : all;
    });
  }
  if (out.includes('_x'))
    out = out.replace(/_x([\da-fA-F]{4})_/gi, (_, c) => String.fromCharCode(parseInt(c, 16)));
  return out.includes('\r\n') ? out.replace(/\r\n/g, '\n') : out;
}

/**
 * A shared or inline string's text: its <t> runs, phonetic runs (<rPh>) left out. A run that
 * closes itself (`<rPh …/>`) is taken as one tag: taken as the start of a run, each searched the
 * rest of the string for an end, and 40,000 of them in one string held an import for 8 s.
 */
export function siText(si: string): string {
  const body = si.includes('rPh')
    ? si.replace(/<(?:\w+:)?rPh\b(?:[^>]*\/>|[\s\S]*?<\/(?:\w+:)?rPh\s*>)/g, '')
    : si;
  let t = '';
  for (const m of body.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:\w+:)?t\s*>)/g)) t += m[1] ?? '';
  return unescape(t);
}

export const SLASH = 0x2f;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

interface CellTag {
  /** Where the r attribute's value is in the text (rFrom < 0: no r). */
  rFrom: number;
  rTo: number;
  t: string | null;
  /** The s attribute (the cell's style) as a number, or null when it has none. */
  style: number | null;
  /** Set by plainValueEnd: the value holds no '&', '_' or control character (CR included). */
  clean: boolean;
}

/**
 * The t attribute's value between from and to: the cell types a worksheet uses are returned as
 * constants, told apart by length and first letter (so reading one cuts no new string and runs
 * no loop over the list), any other as a string of its own.
 */
function cellType(x: string, from: number, to: number): string {
  const length = to - from;
  if (length === 1) {
    switch (x.charCodeAt(from)) {
      case 0x6e:
        return 'n';
      case 0x73:
        return 's';
      case 0x62:
        return 'b';
      case 0x65:
        return 'e';
      case 0x64:
        return 'd';
    }
  } else if (length === 3 && x.startsWith('str', from)) return 'str';
  else if (length === 9 && x.startsWith('inlineStr', from)) return 'inlineStr';
  return x.slice(from, to);
}

/** A style index (the s attribute between from and to): its digits read in place, else Number(). */
function styleOf(x: string, from: number, to: number): number {
  if (to - from < 1 || to - from > 9) return Number(x.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = x.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(x.slice(from, to));
    n = n * 10 + d;
  }
  return n;
}

/**
 * A cell tag's r, t and s attributes, in one pass over its attributes; r as its place in the
 * text (read where it lies, as most cells have one and only its column and row are wanted).
 */
function cellAttributes(x: string, from: number, to: number, tag: CellTag): void {
  tag.rFrom = tag.rTo = -1;
  tag.t = tag.style = null;
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
      else if (c === 0x73) tag.style = styleOf(x, q + 1, close);
    }
    i = close + 1;
  }
}

/** Column number (from 0) of a cell reference's letters (x from..to), or -1 when it has none. */
export function columnOf(x: string, from: number, to: number): number {
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

/**
 * The cells of one row as SheetJS gives them (dense, null where it stores nothing), or null if none.
 * `strings`: the shared strings, control characters already removed.
 */
export function rowCells(
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
  const tag: CellTag = { rFrom: -1, rTo: -1, t: null, style: null, clean: false };
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
    const { rFrom, rTo, t, style } = tag;
    if (rFrom >= 0) {
      col = columnOf(x, rFrom, rTo);
      // SheetJS files a cell under its own reference's row: one naming another row is not usual.
      if (col < 0 || rowOf(x, rFrom, rTo) !== rowNumber) throw new Decline();
    } else col++;
    const bodyFrom = tagEnd + 1;
    let bodyTo = bodyFrom;
    let v: string | undefined;
    let clean = false;
    if (selfClosing) i = tagEnd + 1;
    else {
      const vEnd = plainValueEnd(x, bodyFrom, to, tag);
      if (vEnd >= 0) {
        // The usual body, <v>text</v></c>: the same text vText would find, read where it lies.
        v = x.slice(bodyFrom + 3, vEnd);
        clean = tag.clean;
        bodyTo = vEnd + 4;
      } else {
        bodyTo = x.indexOf('</c>', tagEnd);
        if (bodyTo < 0 || bodyTo > to) throw new Decline();
        v = bodyFrom < bodyTo ? vText(x, bodyFrom, bodyTo) : undefined;
      }
      i = bodyTo + 4;
    }
    const value = cellValue(x, bodyFrom, bodyTo, v, t, style, clean, strings, isDate, date1904);
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
 * starting at `from`, or -1 for any other body (then the general search reads it). It notes in
 * `tag.clean` whether the text is clean: no '&' (an entity), no '_' (an _xHHHH_ escape) and no
 * control character (CR included), so that it needs no unescaping or cleaning. Asked in this
 * loop, which reads every character of the value anyway, rather than by three searches and a
 * regular expression a cell (1.5 million cells in the bench's sheet).
 */
function plainValueEnd(x: string, from: number, to: number, tag: CellTag): number {
  if (x.charCodeAt(from) !== 0x3c || x.charCodeAt(from + 1) !== 0x76 || x.charCodeAt(from + 2) !== 0x3e)
    return -1;
  let e = from + 3;
  let clean = true;
  for (; e < to; e++) {
    const c = x.charCodeAt(e);
    if (c === 0x3c /* < */) break;
    if (c < 0x20 || c === 0x26 /* & */ || c === 0x5f /* _ */ || (c >= 0x7f && c <= 0x9f)) clean = false;
  }
  tag.clean = clean;
  // '</v></c>', by character codes (startsWith cost more than the rest of the loop).
  return e + 8 <= to &&
    x.charCodeAt(e + 1) === 0x2f &&
    x.charCodeAt(e + 2) === 0x76 &&
    x.charCodeAt(e + 3) === 0x3e &&
    x.charCodeAt(e + 4) === 0x3c &&
    x.charCodeAt(e + 5) === 0x2f &&
    x.charCodeAt(e + 6) === 0x63 &&
    x.charCodeAt(e + 7) === 0x3e
    ? e
    : -1;
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
  clean: boolean,
  strings: string[],
  isDate: (style: number) => boolean,
  date1904: boolean,
): RawCell | undefined {
  const value =
    v === undefined || v === ''
      ? undefined
      : !clean && (v.includes('&') || v.includes('_x') || v.includes('\r'))
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
      return str;
    }
    case 'str':
      return ownText(clean ? (value ?? '') : withoutControlChars(value ?? ''));
    case 'inlineStr': {
      const is = /<is\b[^>]*>([\s\S]*?)<\/is\s*>/.exec(x.slice(from, to));
      return ownText(withoutControlChars(is ? siText(is[1]!) : ''));
    }
    case 'b':
      return value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      // A formula's error (#N/A, #VALUE!) as its text, as a csv or ods holds it: in a date column it
      // is then an error naming the row and column, where read as blank the date went unnoticed.
      return value === undefined ? null : ownText(value);
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
