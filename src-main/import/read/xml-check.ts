import { MAX_COLUMNS, MAX_SHEET_ROW } from '../limits.ts';
import { columnLetters } from './cell-text.ts';

/**
 * One pass over an XML part of a workbook, before SheetJS sees it. SheetJS reads broken
 * XML leniently (a damaged part becomes odd cells, not an error), and it sizes a row by
 * its highest cell reference (a cell at column AAAAAA costs minutes of CPU). So this
 * checks, on the raw bytes:
 * - the XML is well formed: every element closed in order, attribute values quoted, one
 *   root, no DOCTYPE with entity declarations (entity expansion is a memory attack);
 * - no cell lies beyond XFD or row 1,048,576 and no row holds more than MAX_COLUMNS cells
 *   (elements whose local name is `c` or `row`, as in worksheets and external links).
 * Returns why the part is refused (a sentence fragment naming what is wrong), or null.
 * The `<dimension>` element is not read here or anywhere: sizes come from the cells.
 * With `rows` (a worksheet's), also notes where its rows start, as the pass meets them.
 */
export function xmlProblem(buf: Buffer, rows?: RowStarts): string | null {
  // A plain byte array and JS loops: Buffer.indexOf is a native call, and one per tag and
  // attribute cost ten times the scan itself on a large sheet.
  const x = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  const len = x.length;
  let i = x[0] === 0xef && x[1] === 0xbb && x[2] === 0xbf ? 3 : 0;
  const stack: number[] = [];
  let roots = 0;
  let cellsInRow = 0;
  const ods = new OdsRepeats();
  for (;;) {
    const lt = find(x, 0x3c, i);
    if (lt < 0) break;
    const next = x[lt + 1];
    if (next === 0x3f /* ? */) {
      if (rows && stack.length > 0) rows.opaque = true;
      const end = findPair(x, 0x3f, 0x3e, lt + 2);
      if (end < 0) return malformed(lt, 'an unclosed processing instruction');
      i = end + 2;
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (rows && stack.length > 0) rows.opaque = true;
      if (x[lt + 2] === 0x2d && x[lt + 3] === 0x2d) {
        const end = findSeq(x, '-->', lt + 4);
        if (end < 0) return malformed(lt, 'an unclosed comment');
        i = end + 3;
      } else if (latin1(x, lt + 2, lt + 9) === '[CDATA[') {
        const end = findSeq(x, ']]>', lt + 9);
        if (end < 0 || stack.length === 0) return malformed(lt, 'a misplaced or unclosed CDATA section');
        i = end + 3;
      } else if (latin1(x, lt + 2, lt + 9) === 'DOCTYPE' && stack.length === 0 && roots === 0) {
        const end = find(x, 0x3e, lt);
        const bracket = find(x, 0x5b /* [ */, lt);
        if (end < 0) return malformed(lt, 'an unclosed DOCTYPE');
        if (bracket >= 0 && bracket < end) return 'declares XML entities, which no spreadsheet does';
        i = end + 1;
      } else return malformed(lt, 'a stray "<!"');
      continue;
    }
    if (next === 0x2f /* / */) {
      let j = lt + 2;
      let h = 0x811c9dc5;
      while (j < len && !isNameEnd(x[j]!)) h = Math.imul(h ^ x[j++]!, 0x01000193);
      while (j < len && isSpace(x[j]!)) j++;
      if (x[j] !== 0x3e || stack.length === 0 || stack.pop() !== h) {
        return malformed(lt, 'an end tag that does not match the element it closes');
      }
      i = j + 1;
      continue;
    }

    // A start tag: its name (hashed, for matching its end tag), then its attributes.
    let j = lt + 1;
    if (j >= len || isNameEnd(x[j]!)) return malformed(lt, 'a "<" that starts no element');
    let h = 0x811c9dc5;
    let local = j;
    while (j < len && !isNameEnd(x[j]!)) {
      if (x[j] === 0x3a /* : */) local = j + 1;
      h = Math.imul(h ^ x[j++]!, 0x01000193);
    }
    const localLen = j - local;
    const isCell = localLen === 1 && x[local] === 0x63; /* c */
    const isRow = localLen === 3 && x[local] === 0x72 && x[local + 1] === 0x6f && x[local + 2] === 0x77;
    const odsKind = odsElement(x, local, localLen);
    if (stack.length === 0 && ++roots > 1) return malformed(lt, 'a second root element');
    if (isRow) {
      cellsInRow = 0;
      if (rows) rows.starts.push(lt);
    } else if (localLen === 9 && rows && isName(x, local, 9, 'sheetData')) rows.sheetData++;
    if (isCell && ++cellsInRow > MAX_COLUMNS) {
      return `has a row of over ${MAX_COLUMNS.toLocaleString('en-GB')} cells, more than a spreadsheet has columns`;
    }
    let selfClosing = false;
    let repeat = 1;
    let hasValue = false;
    for (;;) {
      while (j < len && isSpace(x[j]!)) j++;
      if (j >= len) return malformed(lt, 'a tag cut short');
      if (x[j] === 0x3e /* > */) break;
      if (x[j] === 0x2f /* / */ && x[j + 1] === 0x3e) {
        selfClosing = true;
        j++;
        break;
      }
      const nameStart = j;
      while (j < len && !isNameEnd(x[j]!) && x[j] !== 0x3d /* = */) j++;
      const nameLen = j - nameStart;
      while (j < len && isSpace(x[j]!)) j++;
      if (nameLen === 0 || x[j] !== 0x3d) return malformed(lt, 'an attribute without a value');
      j++;
      while (j < len && isSpace(x[j]!)) j++;
      const quote = x[j];
      if (quote !== 0x22 && quote !== 0x27) return malformed(lt, 'an attribute value without quotes');
      let close = j + 1;
      while (close < len && x[close] !== quote) {
        if (x[close] === 0x3c) return malformed(lt, 'a "<" inside an attribute value');
        close++;
      }
      if (close >= len) return malformed(lt, 'an attribute value that never closes');
      if (nameLen === 1 && x[nameStart] === 0x72 /* r */ && (isCell || isRow)) {
        const problem = isCell ? cellRefProblem(x, j + 1, close) : rowRefProblem(x, j + 1, close);
        if (problem) return problem;
      }
      if (odsKind !== null) {
        const from = localStart(x, nameStart, nameStart + nameLen);
        const n = nameStart + nameLen - from;
        if (isName(x, from, n, 'number-columns-repeated') || isName(x, from, n, 'number-rows-repeated')) {
          repeat = repeatCount(x, j + 1, close);
        } else if (isName(x, from, n, 'value-type')) hasValue = true;
      }
      j = close + 1;
    }
    if (odsKind !== null) {
      const problem =
        odsKind === 'row'
          ? ods.row(repeat)
          : odsKind === 'cell'
            ? ods.cell(repeat, hasValue || !selfClosing)
            : ods.table();
      if (problem) return problem;
    }
    if (!selfClosing) stack.push(h);
    i = j + 1;
  }
  const odsProblem = ods.row(1);
  if (odsProblem) return odsProblem;
  if (stack.length > 0) return malformed(len, 'elements left open at the end (the part is cut short)');
  if (roots === 0) return malformed(0, 'no root element');
  return null;
}

/**
 * Where a part's `row` elements start, noted by xmlProblem as it checks the part, so a reader
 * need not search the bytes for them again (the check already walks every byte of a worksheet).
 */
export interface RowStarts {
  /** The offset of each start tag whose local name is `row` (any prefix), in order. */
  starts: number[];
  /**
   * A comment, processing instruction, CDATA section or DOCTYPE inside the root: its bytes may
   * spell tags that are no elements, which a reader searching the bytes would find.
   */
  opaque: boolean;
  /** How many elements have the local name `sheetData`. */
  sheetData: number;
}

function find(x: Uint8Array, b: number, from: number): number {
  for (let i = from; i < x.length; i++) if (x[i] === b) return i;
  return -1;
}

function findPair(x: Uint8Array, a: number, b: number, from: number): number {
  for (let i = from; i + 1 < x.length; i++) if (x[i] === a && x[i + 1] === b) return i;
  return -1;
}

function findSeq(x: Uint8Array, seq: string, from: number): number {
  const first = seq.charCodeAt(0);
  outer: for (let i = find(x, first, from); i >= 0; i = find(x, first, i + 1)) {
    for (let k = 1; k < seq.length; k++) if (x[i + k] !== seq.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

const latin1 = (x: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...x.subarray(from, Math.min(to, x.length)));

/**
 * OpenDocument sheets compress runs of identical cells and rows into one element with a
 * repeat count. Real files repeat empty cells to the sheet's edge (LibreOffice writes
 * `number-columns-repeated="16382"` and `number-rows-repeated="1048553"`) but seldom a
 * filled one; SheetJS expands every repeat, so a filled cell "repeated" 100,000,000 times
 * in a few bytes takes minutes. A row may not span more than MAX_COLUMNS columns, a sheet
 * more than MAX_SHEET_ROW rows, and repeats may add at most MAX_REPEATED_FILLED filled cells.
 */
const MAX_REPEATED_FILLED = 1_000_000;

class OdsRepeats {
  rows = 0;
  rowRepeat = 1;
  columns = 0;
  filled = 0;
  filledRepeats = 0;
  extraFilled = 0;

  table(): string | null {
    const problem = this.row(1);
    this.rows = 0;
    return problem;
  }

  /** A new row starts: the one before it is counted with its repeat. */
  row(repeat: number): string | null {
    this.extraFilled += (this.rowRepeat - 1) * this.filled + this.filledRepeats;
    this.rowRepeat = repeat;
    this.columns = 0;
    this.filled = 0;
    this.filledRepeats = 0;
    this.rows += repeat;
    if (this.extraFilled > MAX_REPEATED_FILLED) {
      return `repeats filled cells over ${MAX_REPEATED_FILLED.toLocaleString('en-GB')} times (a few bytes standing for an enormous sheet)`;
    }
    // One more than the limit: the count closing the last table adds a row.
    if (this.rows > MAX_SHEET_ROW + 1) {
      return `has a sheet of over ${MAX_SHEET_ROW.toLocaleString('en-GB')} rows, the last a spreadsheet has`;
    }
    return null;
  }

  cell(repeat: number, filled: boolean): string | null {
    this.columns += repeat;
    if (filled) {
      this.filled += repeat;
      this.filledRepeats += repeat - 1;
    }
    if (this.columns > MAX_COLUMNS) {
      return `has a row of over ${MAX_COLUMNS.toLocaleString('en-GB')} cells, more than a spreadsheet has columns`;
    }
    return null;
  }
}

/** An OpenDocument table, row or cell element (by local name), or null. */
function odsElement(x: Uint8Array, local: number, length: number): 'table' | 'row' | 'cell' | null {
  if (isName(x, local, length, 'table-cell') || isName(x, local, length, 'covered-table-cell')) return 'cell';
  if (isName(x, local, length, 'table-row')) return 'row';
  return isName(x, local, length, 'table') ? 'table' : null;
}

/** The bytes at `from` (`length` of them) spell `name`: compared in place, nothing allocated. */
function isName(x: Uint8Array, from: number, length: number, name: string): boolean {
  if (length !== name.length) return false;
  for (let i = 0; i < length; i++) if (x[from + i] !== name.charCodeAt(i)) return false;
  return true;
}

function localStart(x: Uint8Array, from: number, to: number): number {
  let start = from;
  for (let i = from; i < to; i++) if (x[i] === 0x3a) start = i + 1;
  return start;
}

/** A repeat count, capped (a count past any limit is as bad as the limit). */
function repeatCount(x: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && n < 1e12; i++) {
    const d = x[i]! - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return Math.max(1, n);
}

const malformed = (at: number, what: string) => `is not well-formed XML (${what}, at byte ${at})`;

/** 1: white space; 2: ends a name ('>', '/', '<'); 0: neither. One load a byte, not seven comparisons. */
const KIND = new Uint8Array(256);
for (const b of [0x20, 0x0a, 0x0d, 0x09]) KIND[b] = 1;
for (const b of [0x3e, 0x2f, 0x3c]) KIND[b] = 2;
const isSpace = (b: number) => KIND[b] === 1;
const isNameEnd = (b: number) => KIND[b] !== 0;

/** A cell reference such as `B12` or `$B$12`: at most XFD and row 1,048,576. */
function cellRefProblem(x: Uint8Array, from: number, to: number): string | null {
  let col = 0;
  let letters = 0;
  let j = from;
  if (x[j] === 0x24) j++;
  for (; j < to; j++) {
    const b = x[j]! & 0xdf;
    if (b < 0x41 || b > 0x5a) break;
    if (++letters > 3) break;
    col = col * 26 + (b - 0x40);
  }
  if (letters > 3 || col > MAX_COLUMNS) {
    const ref = latin1(x, from, Math.min(to, from + 24));
    return `has a cell at ${ref}, beyond column ${columnLetters(MAX_COLUMNS)}, the last a spreadsheet has`;
  }
  return rowRefProblem(x, x[j] === 0x24 ? j + 1 : j, to);
}

function rowRefProblem(x: Uint8Array, from: number, to: number): string | null {
  let row = 0;
  for (let j = from; j < to; j++) {
    const d = x[j]! - 0x30;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
    if (row > MAX_SHEET_ROW) {
      return `has a row numbered over ${MAX_SHEET_ROW.toLocaleString('en-GB')}, the last a spreadsheet has`;
    }
  }
  return null;
}
