import { normaliseLabel } from '../../domain/reasons.ts';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from './fields.ts';
import { matchHeader } from './header-score.ts';

export interface ColumnMapping {
  column: number;
  header: string;
  field: ImportField | null;
  /** How sure the header scorer was (0–1); null when a profile or the user chose. */
  confidence: number | null;
  /** Fields the header fits equally well: the user must choose (field is null meanwhile). */
  tied: ImportField[];
  /** Mapped by what its cells hold, its header naming no field: what they are ("pathways"; by-values.ts). */
  byValues?: string;
}

export type ImportKind = 'enquiries' | 'carers';

const chosen = (column: number, header: string, field: ImportField | null): ColumnMapping => ({
  column,
  header,
  field,
  confidence: null,
  tied: [],
});

/**
 * Each header to the field it scores best for. A field goes to the column that names it most
 * surely (of equally sure ones, the one saying more of it, then the first); a column whose header
 * fits two fields equally is left for the user to choose.
 */
export function autoMapping(headers: readonly string[]): ColumnMapping[] {
  const matches = headers.map((header) => (header ? matchHeader(header) : null));
  const out = headers.map((header, column): ColumnMapping => ({
    column,
    header,
    field: null,
    confidence: null,
    tied: matches[column]?.tied ?? [],
  }));
  const byConfidence = out
    .filter((c) => matches[c.column]?.field)
    .sort(
      (a, b) =>
        matches[b.column]!.confidence - matches[a.column]!.confidence ||
        matches[b.column]!.filled - matches[a.column]!.filled ||
        a.column - b.column,
    );
  const used = new Set<ImportField>();
  for (const c of byConfidence) {
    const m = matches[c.column]!;
    if (used.has(m.field!)) continue;
    used.add(m.field!);
    c.field = m.field;
    c.confidence = m.confidence;
  }
  return out;
}

/**
 * Columns the user named (`--map "Header=field"`), on top of the automatic or saved mapping.
 * A field named for one column leaves any other column it was on. Unknown headers are refused
 * by the caller, which can name the file's columns.
 */
export function withOverrides(
  mapping: readonly ColumnMapping[],
  overrides: ReadonlyArray<{ header: string; field: ImportField | null }>,
): ColumnMapping[] {
  let out = [...mapping];
  for (const o of overrides) {
    const key = normaliseLabel(o.header);
    const target = out.find((m) => normaliseLabel(m.header) === key);
    if (!target) continue;
    out = out.map((m) =>
      m === target
        ? chosen(m.column, m.header, o.field)
        : o.field && m.field === o.field
          ? chosen(m.column, m.header, null)
          : m,
    );
  }
  return out;
}

/** A field named by its key or its label, ignoring case and punctuation ("approval_date", "Approval date"). */
export function fieldNamed(name: string): ImportField | null {
  const key = normaliseLabel(name);
  return (
    IMPORT_FIELDS.find((f) => normaliseLabel(f) === key || normaliseLabel(FIELD_LABELS[f]) === key) ?? null
  );
}

/**
 * A saved mapping (header → field) applied to this file's headers: a header as the profile wrote
 * it, else by its words alone (case and punctuation aside), as profiles saved by earlier versions
 * hold only those ("fostercarerno"); of two saved headers with the same words, the first.
 */
export function mappingFromProfile(
  headers: readonly string[],
  saved: Record<string, string | null>,
): ColumnMapping[] {
  const byWords = new Map<string, string | null>();
  for (const [header, field] of Object.entries(saved)) {
    const key = normaliseLabel(header);
    if (!byWords.has(key)) byWords.set(key, field);
  }
  const used = new Set<string>();
  return headers.map((header, column) => {
    const f = (Object.hasOwn(saved, header) ? saved[header] : byWords.get(normaliseLabel(header))) ?? null;
    if (!f || used.has(f) || !(IMPORT_FIELDS as readonly string[]).includes(f))
      return chosen(column, header, null);
    used.add(f);
    return chosen(column, header, f as ImportField);
  });
}

/**
 * The mapping to save: each header as the file writes it ("Foster Carer No."), so `profiles` lists
 * it as the user knows it; the profile still fits a file whose headers differ only in case and
 * punctuation (mappingFromProfile, and the header signature that offers it).
 */
export const profileMapping = (
  mapping: ReadonlyArray<Pick<ColumnMapping, 'column' | 'header' | 'field'>>,
): Record<string, string | null> =>
  Object.fromEntries(mapping.filter((m) => m.header).map((m) => [m.header, m.field]));

/**
 * A carers register lists approvals (or deregistrations: a list of leavers) without enquiry or
 * assessment dates; anything else is an enquiry export.
 */
export function detectKind(mapping: readonly ColumnMapping[]): ImportKind {
  const has = new Set(mapping.map((m) => m.field).filter(Boolean));
  const enquiryish = ['enquiry_date', 'eoi_date', 'stage1_date', 'stage2_date', 'closed_date'].some((f) =>
    has.has(f as ImportField),
  );
  return (has.has('approval_date') || has.has('deregistration_date')) && !enquiryish ? 'carers' : 'enquiries';
}

/**
 * What a kind needs a column for, or the import cannot work: each entry is one need, met by
 * any one of its fields (an enquiry export needs an enquiry date or a reference).
 */
export function missingFields(kind: ImportKind, mapping: readonly ColumnMapping[]): ImportField[][] {
  const has = new Set(mapping.map((m) => m.field));
  const needs: ImportField[][] =
    kind === 'carers'
      ? [['reference'], ['approval_date', 'deregistration_date']]
      : [['enquiry_date', 'reference']];
  return needs.filter((need) => !need.some((f) => has.has(f)));
}

/** "Reference", "Enquiry date or Reference": a need as the user reads it. */
export const needLabel = (need: readonly ImportField[]): string =>
  need.map((f) => FIELD_LABELS[f]).join(' or ');
