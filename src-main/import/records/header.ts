import { normaliseLabel } from '../../domain/reasons.ts';
import { HEADER_SEARCH_ROWS } from '../limits.ts';
import type { RawCell, RawSheet } from '../read/raw-sheet.ts';
import { fieldForHeader, type ImportField } from './fields.ts';

export interface HeaderInfo {
  /** Row number (as Excel shows it) of the header row. */
  rowNumber: number;
  /** Header texts, trailing empty columns dropped. */
  headers: string[];
  /** How many distinct fields the headers name. */
  recognised: number;
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
 */
export function findHeader(sheet: RawSheet): HeaderInfo | null {
  let best: HeaderInfo | null = null;
  let seen = 0;
  for (const row of sheet.rows()) {
    if (seen++ >= HEADER_SEARCH_ROWS) break;
    const headers = row.cells.map(cellText);
    while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
    const fields = new Set<ImportField>();
    for (const h of headers) {
      const f = h ? fieldForHeader(h) : null;
      if (f) fields.add(f);
    }
    if (fields.size < 2 || ![...fields].some((f) => ANCHORS.has(f))) continue;
    if (!best || fields.size > best.recognised)
      best = { rowNumber: row.rowNumber, headers, recognised: fields.size };
  }
  return best;
}

/** Identifies a layout of columns, so a saved mapping is offered again for the next export. */
export const headerSignature = (headers: readonly string[]): string =>
  headers.map((h) => normaliseLabel(h)).join('|');
