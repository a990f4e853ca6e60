import { TEXT_LIMITS } from '../../contract/households.ts';
import { normaliseLabel } from '../../domain/reasons.ts';
import type { Milestone } from '../../domain/stages.ts';

/**
 * The fields an import can fill, each with the header texts that mean it. Headers are
 * compared with normaliseLabel (case, spacing and punctuation ignored). Adding a field:
 * add it here, give it a parser in parse-row.ts, and a place to land in apply/changes.ts.
 */
export const IMPORT_FIELDS = [
  'reference',
  'enquiry_date',
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
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Record<ImportField, string> = {
  reference: 'Reference',
  enquiry_date: 'Enquiry date',
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
  notes: 'Notes',
};

/**
 * The longest cell each field takes: the hand-entry limit where the field is typed in the
 * app too; a full name no longer than one name part (so both parts fit); a vocabulary or
 * date cell no longer than any value it could name. A longer cell rejects its row.
 */
export const FIELD_MAX_CHARS: Record<ImportField, number> = {
  reference: TEXT_LIMITS.reference,
  enquiry_date: 60,
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
  notes: TEXT_LIMITS.notes,
};

const SYNONYMS: Record<ImportField, readonly string[]> = {
  reference: [
    'Reference',
    'Ref',
    'Ref No',
    'Reference Number',
    'Enquiry Ref',
    'Enquiry Reference',
    'Enquiry ID',
    'Case Reference',
    'Case ID',
    'Person ID',
    'Client ID',
    'ID',
    'Carer Reference',
    'Carer Ref',
    'Carer ID',
    'Household Reference',
    'Household ID',
    'CRM Reference',
    'Mosaic ID',
    'LL ID',
  ],
  enquiry_date: [
    'Enquiry Date',
    'Date Received',
    'Date of Enquiry',
    'Date Enquiry Received',
    'Received',
    'Received Date',
    'Enquiry Received',
    'Contact Date',
    'Date of Contact',
    'Initial Enquiry Date',
    'Date',
  ],
  first_name: ['First Name', 'Forename', 'Forenames', 'Given Name', 'First Names', 'Applicant First Name'],
  surname: ['Surname', 'Last Name', 'Family Name', 'Applicant Surname'],
  full_name: [
    'Name',
    'Full Name',
    'Applicant Name',
    'Applicant',
    'Enquirer',
    'Enquirer Name',
    'Carer Name',
    'Household Name',
    'Carer',
  ],
  email: ['Email', 'E-mail', 'Email Address', 'E-mail Address', 'Contact Email'],
  telephone: [
    'Telephone',
    'Phone',
    'Phone Number',
    'Tel',
    'Tel No',
    'Telephone Number',
    'Mobile',
    'Mobile Number',
    'Contact Number',
  ],
  postcode: ['Postcode', 'Post Code', 'Postal Code', 'Zip'],
  source: [
    'Source',
    'Channel',
    'Enquiry Source',
    'How did you hear about us',
    'Heard About Us',
    'Referral Source',
    'Marketing Source',
    'Source of Enquiry',
  ],
  pathway: [
    'Pathway',
    'Type of Fostering',
    'Fostering Type',
    'Assessment Type',
    'Carer Type',
    'Mainstream or Kinship',
  ],
  household_type: [
    'Household Type',
    'Household',
    'Single or Couple',
    'Applicant Type',
    'Household Composition',
  ],
  eoi_date: [
    'EOI',
    'EOI Date',
    'Expression of Interest',
    'Expression of Interest Date',
    'Application Date',
    'Date of Application',
    'Application Received',
    'EOI Received',
  ],
  initial_visit_date: [
    'Initial Visit',
    'Initial Visit Date',
    'Home Visit',
    'Home Visit Date',
    'Visit Date',
    'Date of Initial Visit',
  ],
  stage1_date: [
    'Stage 1',
    'Stage 1 Start',
    'Stage 1 Started',
    'Stage 1 Start Date',
    'Stage One',
    'Stage One Start',
    'Date Stage 1 Started',
  ],
  stage2_date: [
    'Stage 2',
    'Stage 2 Start',
    'Stage 2 Started',
    'Stage 2 Start Date',
    'Stage Two',
    'Stage Two Start',
    'Date Stage 2 Started',
    'Form F Start',
  ],
  panel_date: ['Panel', 'Panel Date', 'Date of Panel', 'Fostering Panel', 'Panel Heard'],
  approval_date: [
    'Approval',
    'Approval Date',
    'Approved',
    'Date Approved',
    'ADM Decision Date',
    'Date of Approval',
    'Approved Date',
  ],
  closed_date: [
    'Date Closed',
    'Closed',
    'Closed Date',
    'Closure Date',
    'Date of Closure',
    'Withdrawn Date',
    'Date Withdrawn',
    'End Date',
  ],
  closure_reason: [
    'Closure Reason',
    'Reason Closed',
    'Reason for Closure',
    'Withdrawal Reason',
    'Reason for Withdrawal',
    'Drop Out Reason',
    'Dropout Reason',
    'Closed Reason',
  ],
  closed_by: ['Closed By', 'Ended By', 'Withdrawn By', 'Closure Initiated By', 'Who Ended'],
  deregistration_date: [
    'Deregistration Date',
    'Date Deregistered',
    'Deregistered',
    'De-registration Date',
    'Resignation Date',
    'Date Ceased',
    'Ceased',
    'Ceased Date',
    'Cessation Date',
    'Date Left',
  ],
  leaving_reason: [
    'Reason for Leaving',
    'Leaving Reason',
    'Deregistration Reason',
    'Reason for Deregistration',
    'Reason Left',
    'Cessation Reason',
    'Reason Ceased',
  ],
  notes: ['Notes', 'Comments', 'Note', 'Comment', 'Remarks'],
};

const BY_HEADER = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  for (const s of [...SYNONYMS[field], FIELD_LABELS[field], field]) {
    const key = normaliseLabel(s);
    if (!BY_HEADER.has(key)) BY_HEADER.set(key, field);
  }
}

/** The field a header names, or null when the header is not recognised. */
export const fieldForHeader = (header: string): ImportField | null =>
  BY_HEADER.get(normaliseLabel(header)) ?? null;

export const DATE_FIELDS: Partial<Record<ImportField, Milestone | 'closed' | 'deregistration'>> = {
  enquiry_date: 'enquiry',
  initial_visit_date: 'initial_visit',
  eoi_date: 'eoi',
  stage1_date: 'stage1',
  stage2_date: 'stage2',
  panel_date: 'panel',
  approval_date: 'approval',
  closed_date: 'closed',
  deregistration_date: 'deregistration',
};

export const MILESTONE_FIELDS: ReadonlyArray<readonly [ImportField, Milestone]> = [
  ['enquiry_date', 'enquiry'],
  ['initial_visit_date', 'initial_visit'],
  ['eoi_date', 'eoi'],
  ['stage1_date', 'stage1'],
  ['stage2_date', 'stage2'],
  ['panel_date', 'panel'],
  ['approval_date', 'approval'],
];

export const isDateField = (f: ImportField): boolean => f in DATE_FIELDS;
