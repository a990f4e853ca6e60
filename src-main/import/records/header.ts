import { normaliseLabel } from '../../domain/reasons.ts';
import { HEADER_SEARCH_ROWS } from '../limits.ts';
import type { MergedAcross, RawCell, RawSheet } from '../read/raw-sheet.ts';
import { fieldForHeader, type ImportField } from './fields.ts';

export interface HeaderInfo {
  /** Row number (as Excel shows it) of the header row. */
  rowNumber: number;
  /** Header texts, trailing empty columns dropped. */
  headers: string[];
  /** How many distinct fields the headers name. */
  recognised: number;
  /**
   * Cells in the header row as read, empty ones after the last heading included (of a pair, the
   * longer row): every row of a CSV file has as many (parse-row.ts, a row with more).
   */
  width: number;
}

/** Fields that make a row a plausible header on their own (with at least one other). */
const ANCHORS: ReadonlySet<ImportField> = new Set([
  'reference',
  'enquiry_date',
  'approval_date',
  'surname',
  'full_name',
  'email',
]);

const cellText = (c: RawCell): string => (c === null ? '' : String(c).trim());

/**
 * Finds the header row among the first rows: the one naming the most known fields (at
 * least two, one of them an anchor). Title lines, notes and blank rows above it are skipped.
 *
 * A register kept by hand often has a header of two rows: a group heading merged over the
 * columns it covers ("Carer 1" over "First Name" and "Surname", "Carer 2" over the same
 * again) above the headings of each column. Such a pair is read as one header ("Carer 1
 * First Name", …; the merged heading is stored in its first cell, and reaches as far as its
 * merge) when together they name more fields than either row alone; read alone, the lower row's
 * second "First Name" was left out and "Carer 1" took carer 1's first name alone.
 */
export function findHeader(sheet: RawSheet): HeaderInfo | null {
  let best: HeaderInfo | null = null;
  let seen = 0;
  let above: { rowNumber: number; headers: string[]; width: number } | null = null;
  const merges = mergesByRow(sheet.mergedAcross ?? []);
  for (const row of sheet.rows()) {
    if (seen++ >= HEADER_SEARCH_ROWS) break;
    const width = row.cells.length;
    const headers = trimmed(row.cells.map(cellText));
    const single = recognised(headers);
    if (single && (!best || single.recognised > best.recognised))
      best = { rowNumber: row.rowNumber, ...single, width };
    const textOnly = row.cells.every((c) => typeof c !== 'number');
    if (above && above.rowNumber === row.rowNumber - 1 && textOnly) {
      const merged = merges.get(above.rowNumber);
      const pair = recognised(joined(above.headers, headers, merged));
      // A tie with the lower row alone goes to the pair where the group row's merged headings are
      // group headings: "Carer 2" merged over one "Full Name" named as many fields as "Full Name"
      // alone, which read carer 2's name as the household's. (A title merged over the whole width
      // is not one, and stays out.)
      const tieWon =
        pair !== null &&
        best?.rowNumber === row.rowNumber &&
        pair.recognised === best.recognised &&
        mergesNameFields(above.headers, headers, merged);
      if (pair && (!best || pair.recognised > best.recognised || tieWon))
        best = { rowNumber: row.rowNumber, ...pair, width: Math.max(width, above.width) };
    }
    above = { rowNumber: row.rowNumber, headers, width };
  }
  return best;
}

/**
 * How many cells a CSV file's rows have: its header row's, or more where most of the rows below it
 * have more (a writer that ends each data row with a separator, not the header). A row with more
 * than this, even with its last cell empty, had a separator in a cell not in quotes (parse-row.ts).
 */
export function csvRowWidth(sheet: RawSheet, header: HeaderInfo): number {
  const counts = new Map<number, number>();
  let read = 0;
  for (const row of sheet.rows()) {
    // Blank lines (a double-spaced file) say nothing of the rows' width.
    if (row.rowNumber <= header.rowNumber || row.cells.every((c) => c === null || c === '')) continue;
    if (read++ >= HEADER_SEARCH_ROWS) break;
    counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  }
  let usual = 0;
  let most = 0;
  for (const [width, n] of counts) if (n > most || (n === most && width < usual)) [usual, most] = [width, n];
  // The headings, not the header row's cells: a header ending with a separator over rows that do not.
  return Math.max(header.headers.length, usual);
}

function trimmed(headers: string[]): string[] {
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return headers;
}

/** The row as a header: the fields it names, or null if it cannot be one. */
function recognised(headers: string[]): { headers: string[]; recognised: number } | null {
  const fields = new Set<ImportField>();
  for (const h of headers) {
    const f = h ? fieldForHeader(h) : null;
    if (f) fields.add(f);
  }
  if (fields.size < 2 || ![...fields].some((f) => ANCHORS.has(f))) return null;
  return { headers, recognised: fields.size };
}

/**
 * Whether the group row has a merged group heading: one that makes every heading under it name
 * another field ("Carer 2" over "Full Name": carer 2's, not the household's). Another merge beside
 * it (a "Household" banner over headings it changes nothing in) is no sign either way; a title
 * merged over the whole width is not one, even where it reads as a qualifier ("Carers register").
 */
function mergesNameFields(
  group: readonly string[],
  sub: readonly string[],
  merged: ReadonlyMap<number, number> | undefined,
): boolean {
  const used = sub.flatMap((h, c) => (h ? [c] : []));
  for (const [from, to] of merged ?? []) {
    if (from <= used[0]! && to >= used.at(-1)!) continue;
    const under = used.filter((c) => c >= from && c <= to);
    const renamed = (c: number) => {
      const field = fieldForHeader(`${group[from] ?? ''} ${sub[c]}`);
      return field !== null && field !== fieldForHeader(sub[c]!);
    };
    if (under.length > 0 && under.every(renamed)) return true;
  }
  return false;
}

/** Row → each merged cell's first column → its last. */
function mergesByRow(merges: readonly MergedAcross[]): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  for (const m of merges) {
    let row = out.get(m.row);
    if (!row) out.set(m.row, (row = new Map()));
    row.set(m.from, m.to);
  }
  return out;
}

/**
 * A group heading row and the row of headings under it, as one row of headers. `merged`: the
 * group row's merged cells (first column → last), where the file says them.
 */
function joined(
  group: readonly string[],
  sub: readonly string[],
  merged?: ReadonlyMap<number, number>,
): string[] {
  const out: string[] = [];
  let heading = '';
  let start = 0;
  /** The last column of the running heading's merge (-1: not merged, or the file cannot say). */
  let end = -1;
  /** The width of the group before the one running (0: none ran up to the next). */
  let width = 0;
  /** The width of the merged group that ended last, for the group after it. */
  let mergedWidth = 0;
  for (let c = 0; c < Math.max(group.length, sub.length); c++) {
    const g = group[c] ?? '';
    const s = sub[c] ?? '';
    // A column under a group heading that makes sense only alone ("Places" under "Carer 2").
    const alone = () => !fieldForHeader(`${heading} ${s}`) && fieldForHeader(s) !== null;
    if (g) {
      width = heading && s ? c - start : mergedWidth;
      mergedWidth = 0;
      end = merged?.get(c) ?? -1;
      // A heading with none below it and no merge across is a column's own (merged down).
      [heading, start] = [s || end >= 0 ? g : '', c];
    }
    // A merged heading reaches as far as its merge. Its width is kept for a group after it that
    // is not merged: without it, such a "Carer 2" ran on over Places and Deregistered.
    else if (end >= 0) {
      if (c > end) [heading, end, mergedWidth] = ['', -1, end - start + 1];
    }
    // Not merged (or the file cannot say): a group's heading runs on over the empty cells to its
    // right that have a heading below.
    else if (!s) heading = '';
    // The last of groups side by side ("Carer 1", "Carer 2") ends past the width of the one
    // before, at a column that makes sense only alone. "Carer 2" took Places and Deregistered
    // after its three columns, and left them not imported.
    else if (heading && width > 0 && c - start >= width && alone()) heading = '';
    // Within a merge, such a column is still its own: a heading merged one column too far.
    const own = end >= 0 && heading !== '' && s !== '' && alone();
    out.push(s ? (heading && !own ? `${heading} ${s}` : s) : g);
  }
  return trimmed(out);
}

/** Identifies a layout of columns, so a saved mapping is offered again for the next export. */
export const headerSignature = (headers: readonly string[]): string =>
  headers.map((h) => normaliseLabel(h)).join('|');
