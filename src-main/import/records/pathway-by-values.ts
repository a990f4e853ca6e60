import type { RawSheet } from '../read/raw-sheet.ts';
import { headerWords } from './header-words.ts';
import type { ColumnMapping } from './mapping.ts';
import { cellText } from './parse-row.ts';
import { pathwayFor } from './vocab.ts';

/**
 * Header words that may head a column of pathways without naming it: "Type of Approval",
 * "Approval Type", "Enquiry Type", "Carer Category". Such a header alone says too little: the
 * same words head columns of "Short break" or "Parent and child".
 */
const TYPE_WORDS = new Set(['type', 'category', 'kind']);

/** Rows read below the header to judge a column: enough to meet both pathways, few enough to cost nothing. */
const PATHWAY_VALUE_ROWS = 1000;

/**
 * The automatic mapping, with a column of pathways its header does not name mapped to Pathway:
 * the one column not mapped, headed with a word of TYPE_WORDS, every one of whose cells in the
 * first PATHWAY_VALUE_ROWS rows below the header is blank or a pathway's name (vocab.ts
 * pathwayFor: "Connected Person", "Mainstream", "Family and Friends"), at least one not blank.
 * Otherwise (a file with a pathway column already, no such column, or two) the mapping is as it was.
 * Without it a register whose "Type of Approval" says "Connected Person" imported those carers as
 * mainstream unless the user mapped the column.
 */
export function withPathwayByValues(
  sheet: RawSheet,
  headerRow: number,
  mapping: readonly ColumnMapping[],
): ColumnMapping[] {
  const out = mapping.map((m) => ({ ...m }));
  if (out.some((m) => m.field === 'pathway')) return out;
  const candidates = out.filter(
    (m) => m.field === null && m.tied.length === 0 && headerWords(m.header).some((w) => TYPE_WORDS.has(w)),
  );
  if (candidates.length === 0) return out;
  const state = new Map(candidates.map((m) => [m.column, { pathways: 0, other: false }]));
  let read = 0;
  for (const row of sheet.rows()) {
    if (row.rowNumber <= headerRow) continue;
    if (read++ >= PATHWAY_VALUE_ROWS) break;
    for (const [column, s] of state) {
      const text = cellText(row.cells[column]);
      if (!text) continue;
      if (pathwayFor(text)) s.pathways++;
      else s.other = true;
    }
  }
  const found = candidates.filter((m) => {
    const s = state.get(m.column)!;
    return s.pathways > 0 && !s.other;
  });
  if (found.length !== 1) return out;
  Object.assign(found[0]!, { field: 'pathway', confidence: null, byValues: true });
  return out;
}
