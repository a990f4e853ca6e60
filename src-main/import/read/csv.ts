import { ownText } from './cell-text.ts';
/**
 * A small, fast CSV reader: RFC 4180 quoting, `,` `;` or tab separators (detected),
 * CRLF or LF line ends. Rows are produced one at a time so the caller can report
 * progress, enforce the row limit and stop mid-file.
 */
export type Separator = ',' | ';' | '\t';

const CANDIDATES: Separator[] = [',', ';', '\t'];

/** The separator that splits the first lines into the most, and most consistent, fields. */
export function detectSeparator(text: string): Separator {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < 30 && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line) lines.push(line);
    start = end + 1;
  }
  let best: Separator = ',';
  let bestScore = -1;
  for (const sep of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, sep));
    const max = Math.max(0, ...counts);
    if (max === 0) continue;
    // Lines that agree with the most common count (the header and body) outweigh titles.
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let modeCount = 0;
    let mode = 0;
    for (const [c, n] of freq) if (n > modeCount || (n === modeCount && c > mode)) [mode, modeCount] = [c, n];
    const score = modeCount * 1000 + mode;
    if (score > bestScore) [best, bestScore] = [sep, score];
  }
  return best;
}

function countOutsideQuotes(line: string, sep: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === sep && !quoted) n++;
  }
  return n;
}

/** Counts line ends: the total shown by the progress bar (quoted newlines make it an upper bound). */
export function countLines(text: string): number {
  let n = 0;
  let i = -1;
  while ((i = text.indexOf('\n', i + 1)) >= 0) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

/**
 * A quote that opens a value and never closes. Spreadsheet programs read the rest of the
 * file into that one cell, silently losing every later row; the importer refuses instead.
 * `record` and `column` count from 1, as the rows are numbered.
 */
export class UnterminatedQuote extends Error {
  // Plain fields, not parameter properties: the worker runs this file by type stripping.
  readonly record: number;
  readonly column: number;
  constructor(record: number, column: number) {
    super(`record ${record}, column ${column}: a quote opens a value and never closes`);
    this.record = record;
    this.column = column;
  }
}

/**
 * Yields each record as an array of strings; a value whose opening quote never closes
 * throws UnterminatedQuote (naming where it opened) instead of swallowing the file.
 */
export function* csvRows(text: string, sep: Separator): Generator<string[]> {
  const len = text.length;
  const sepCode = sep.charCodeAt(0);
  let i = 0;
  let record = 0;
  while (i < len) {
    const row: string[] = [];
    record++;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        let j = i + 1;
        let out = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new UnterminatedQuote(record, row.length + 1);
          out += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            out += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        let k = j;
        while (
          k < len &&
          text.charCodeAt(k) !== sepCode &&
          text.charCodeAt(k) !== 10 &&
          text.charCodeAt(k) !== 13
        )
          k++;
        value = out + text.slice(j, k);
        i = k;
      } else {
        let k = i;
        while (k < len) {
          const c = text.charCodeAt(k);
          if (c === sepCode || c === 10 || c === 13) break;
          k++;
        }
        value = text.slice(i, k);
        i = k;
      }
      row.push(ownText(value));
      const c = text.charCodeAt(i);
      if (c === sepCode) {
        i++;
        continue;
      }
      if (c === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      break;
    }
    yield row;
  }
}
