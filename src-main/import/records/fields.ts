import { TEXT_LIMITS } from '../../domain/household-details.ts';
import type { Milestone } from '../../domain/stages.ts';
import { matchHeader } from './header-score.ts';
import { EXTRA_FIELD_LABELS, EXTRA_FIELD_MAX_CHARS } from './extra-fields.ts';

export { IMPORT_FIELDS, type ImportField } from './field-keys.ts';
import type { ImportField } from './field-keys.ts';

export const FIELD_LABELS: Record<ImportField, string> = {
  reference: 'Reference',
  enquiry_date: 'Enquiry date',
  responded_date: 'Enquiry answered',
  first_name: 'First name',
  surname: 'Surname',
  full_name: 'Full name',
  email: 'Email',
  telephone: 'Telephone',
  postcode: 'Postcode',
  source: 'Source',
  pathway: 'Pathway',
  household_type: 'Household type',
  eoi_date: 'EOI date',
  initial_visit_date: 'Initial visit date',
  stage1_date: 'Stage 1 start',
  stage2_date: 'Stage 2 start',
  panel_date: 'Panel date',
  approval_date: 'Approval date',
  closed_date: 'Date closed',
  closure_reason: 'Closure reason',
  closed_by: 'Closed by',
  deregistration_date: 'Deregistration date',
  leaving_reason: 'Reason for leaving',
  ceased_by: 'Leaving initiated by',
  notes: 'Notes',
  ...EXTRA_FIELD_LABELS,
};

/**
 * The longest cell each field takes: the hand-entry limit where the field is typed in the
 * app too; a full name no longer than one name part (so both parts fit); a vocabulary or
 * date cell no longer than any value it could name. A longer cell refuses the whole file.
 */
export const FIELD_MAX_CHARS: Record<ImportField, number> = {
  reference: TEXT_LIMITS.reference,
  enquiry_date: 60,
  responded_date: 60,
  first_name: TEXT_LIMITS.firstName,
  surname: TEXT_LIMITS.surname,
  full_name: Math.min(TEXT_LIMITS.firstName, TEXT_LIMITS.surname),
  email: TEXT_LIMITS.email,
  telephone: TEXT_LIMITS.telephone,
  postcode: TEXT_LIMITS.postcode,
  source: TEXT_LIMITS.source,
  pathway: 60,
  household_type: TEXT_LIMITS.householdType,
  eoi_date: 60,
  initial_visit_date: 60,
  stage1_date: 60,
  stage2_date: 60,
  panel_date: 60,
  approval_date: 60,
  closed_date: 60,
  closure_reason: TEXT_LIMITS.reasonText,
  closed_by: 60,
  deregistration_date: 60,
  leaving_reason: TEXT_LIMITS.reasonText,
  ceased_by: 60,
  notes: TEXT_LIMITS.notes,
  ...EXTRA_FIELD_MAX_CHARS,
};

/**
 * The field a header names, or null when it is not recognised or could be either of two
 * fields (matchHeader says which, with its confidence).
 */
export const fieldForHeader = (header: string): ImportField | null => matchHeader(header).field;

/**
 * The column a field is read from where the file has none of its own (parse-row.ts and
 * parse-extras.ts read it so): a name from a full name's, the household's name from carer 1's; an
 * age from an age range's; the milestone the application is received at (`application`: the EOI or
 * the Stage 1 start, as Settings count it) from Application received's. The field itself where it
 * has its own column, or where none of those is in the file either.
 */
export function columnFieldOf(
  field: ImportField,
  mapped: (f: ImportField) => boolean,
  application: ImportField,
): ImportField {
  if (mapped(field)) return field;
  const name = /^(carer[12]_)?(first_name|surname)$/.exec(field);
  const from: string[] = name
    ? [`${name[1] ?? ''}full_name`, ...(name[1] ? [] : [`carer1_${name[2]}`, 'carer1_full_name'])]
    : field === 'age_from' || field === 'age_to'
      ? ['age_range']
      : field === application
        ? ['application_received_date']
        : [];
  return (from as ImportField[]).find(mapped) ?? field;
}

export const MILESTONE_FIELDS: ReadonlyArray<readonly [ImportField, Milestone]> = [
  ['enquiry_date', 'enquiry'],
  ['initial_visit_date', 'initial_visit'],
  ['eoi_date', 'eoi'],
  ['stage1_date', 'stage1'],
  ['stage2_date', 'stage2'],
  ['panel_date', 'panel'],
  ['approval_date', 'approval'],
];
