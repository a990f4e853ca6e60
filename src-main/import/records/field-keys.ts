import { EXTRA_FIELDS, type ExtraField } from './extra-fields.ts';

/**
 * The fields an import can fill. Adding a field: add it here, describe its headers in
 * field-forms.ts, give it a parser in parse-row.ts, and a place to land in apply/. Carers, approval
 * terms and the journey's dated steps are listed in extra-fields.ts (parsed by parse-extras.ts).
 * Apart from fields.ts (which re-exports the list) so that field-forms.ts and header-score.ts
 * can name a field without an import cycle.
 */
const HOUSEHOLD_FIELDS = [
  'reference',
  'enquiry_date',
  'responded_date',
  'first_name',
  'surname',
  'full_name',
  'email',
  'telephone',
  'postcode',
  'source',
  'pathway',
  'household_type',
  'eoi_date',
  'initial_visit_date',
  'stage1_date',
  'stage2_date',
  'panel_date',
  'approval_date',
  'closed_date',
  'closure_reason',
  'closed_by',
  'deregistration_date',
  'leaving_reason',
  'ceased_by',
  'notes',
] as const;
export type ImportField = (typeof HOUSEHOLD_FIELDS)[number] | ExtraField;
export const IMPORT_FIELDS: readonly ImportField[] = [...HOUSEHOLD_FIELDS, ...EXTRA_FIELDS];

export interface FieldForms {
  forms: readonly string[];
  qualifiers?: readonly string[];
  /** Words that make a header mean something else ("Stage 1 End Date" is no Stage 1 start). */
  not?: readonly string[];
}
