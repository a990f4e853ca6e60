import { Decline, SLASH } from './fast-xlsx-cells.ts';
import { MAX_ROWS } from '../limits.ts';
import type { RowStarts } from './xml-check.ts';

/**
 * Where a worksheet's rows are in its XML bytes, for the fast xlsx reader (fast-xlsx.ts): found
 * once, from the zip guard's notes or by a search, before any row is decoded.
 */

/**
 * The sheet's rows, each as ROW_NUMBERS numbers: its number, where its cells start and end in the
 * bytes, 1 if it is hidden (else 0), and where its tag starts. Numbers in one array, not an object a row: 100,000
 * small objects outlived the young generation while the loop ran, and each time V8 noticed, it
 * threw the loop's optimised code away.
 */
export function rowMarks(xml: Buffer): number[] {
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
        if (n <= MAX_ROWS + 2) rows.push(n, tagEnd + 1, close, isHidden(xml, lt, tagEnd), lt);
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
export function notedRows(xml: Buffer, noted: RowStarts): number[] | null {
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
    if (n <= MAX_ROWS + 2) rows.push(n, tagEnd + 1, close, isHidden(xml, lt, tagEnd), lt);
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
export function hasCdata(x: Buffer): boolean {
  for (let i = x.indexOf(0x21); i >= 0; i = x.indexOf(0x21, i + 1))
    if (x[i - 1] === 0x3c && x[i + 1] === 0x5b && x.toString('latin1', i - 1, i + 8) === '<![CDATA[')
      return true;
  return false;
}

/** How many numbers each row takes in rowMarks's and notedRows's arrays. */
export const ROW_NUMBERS = 5;

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
