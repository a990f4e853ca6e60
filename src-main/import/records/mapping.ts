import { normaliseLabel } from '../../domain/reasons.ts';
import { fieldForHeader, IMPORT_FIELDS, type ImportField } from './fields.ts';

export interface ColumnMapping {
  column: number;
  header: string;
  field: ImportField | null;
}

export type ImportKind = 'enquiries' | 'carers';

/** Each header to the field its synonyms name; a field is given to its first column only. */
export function autoMapping(headers: readonly string[]): ColumnMapping[] {
  const used = new Set<ImportField>();
  return headers.map((header, column) => {
    const f = header ? fieldForHeader(header) : null;
    if (!f || used.has(f)) return { column, header, field: null };
    used.add(f);
    return { column, header, field: f };
  });
}

/** A saved mapping (normalised header → field) applied to this file's headers. */
export function mappingFromProfile(
  headers: readonly string[],
  saved: Record<string, string | null>,
): ColumnMapping[] {
  const used = new Set<string>();
  return headers.map((header, column) => {
    const f = saved[normaliseLabel(header)] ?? null;
    if (!f || used.has(f) || !(IMPORT_FIELDS as readonly string[]).includes(f))
      return { column, header, field: null };
    used.add(f);
    return { column, header, field: f as ImportField };
  });
}

export const profileMapping = (mapping: readonly ColumnMapping[]): Record<string, string | null> =>
  Object.fromEntries(mapping.filter((m) => m.header).map((m) => [normaliseLabel(m.header), m.field]));

/** A carers register lists approvals without enquiry dates; anything else is an enquiry export. */
export function detectKind(mapping: readonly ColumnMapping[]): ImportKind {
  const has = new Set(mapping.map((m) => m.field).filter(Boolean));
  const enquiryish = ['enquiry_date', 'eoi_date', 'stage1_date', 'stage2_date', 'closed_date'].some((f) =>
    has.has(f as ImportField),
  );
  return has.has('approval_date') && !enquiryish ? 'carers' : 'enquiries';
}

/** Fields each kind needs a column for, or the import cannot work. */
export function missingFields(kind: ImportKind, mapping: readonly ColumnMapping[]): string[] {
  const has = new Set(mapping.map((m) => m.field));
  const out: string[] = [];
  if (kind === 'carers') {
    if (!has.has('reference')) out.push('Reference');
    if (!has.has('approval_date') && !has.has('deregistration_date')) out.push('Approval date');
  } else if (!has.has('enquiry_date') && !has.has('reference')) {
    out.push('Enquiry date or Reference');
  }
  return out;
}
