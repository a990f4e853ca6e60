import { EXTRA_FIELD_FORMS, EXTRA_WORD_CLASSES } from './extra-field-forms.ts';
import type { FieldForms, ImportField } from './field-keys.ts';

export type { FieldForms };

/**
 * What the headers of each field are made of, for the scorer in header-score.ts. Words are
 * compared after header-words.ts (lower case, singular, filler dropped), so "Date of Approval",
 * "Approval date" and "APPROVED-DATE" are all `APPROVED DATE`.
 *
 * A form is a list of slots: an UPPER-case name is any word of that class, a lower-case
 * word is itself, and `?` makes the slot optional. A header matches a form when every
 * required slot takes a different word of the header; a form written `=…` only when the header
 * has no other word but qualifiers ("Carer 2" is carer 2's name, "Carer 2 Occupation" is not). Qualifiers are words that may sit
 * beside a field's words without making the match less sure: for a reference, the words
 * naming whose reference it is ("Foster Carer No.", "Enquiry ID", "Mosaic Ref").
 *
 * Adding a header that is not recognised: add a word to a class, a qualifier, or a form, and
 * a line to tests/unit/import/header-score.test.ts.
 */
export const WORD_CLASSES: Record<string, readonly string[]> = {
  REF: ['ref', 'reference', 'id', 'no', 'number', 'num', 'nbr', 'identifier', 'code', 'urn', 'key'],
  DATE: ['date', 'dated', 'dt', 'day', 'when'],
  ENQUIRY: ['enquiry', 'inquiry', 'enquired'],
  RECEIVED: ['received', 'receipt', 'submitted', 'submission'],
  NAME: ['name'],
  APPROVED: ['approved', 'approval', 'approve'],
  // A foster carer is registered when approved, and deregistered when they leave (DEREG).
  REGISTERED: ['registered', 'registration'],
  DEREG: [
    'deregistered',
    'deregistration',
    'deregister',
    'ceased',
    'cessation',
    'cease',
    'ceasing',
    'left',
    'leaving',
    'resigned',
    'resignation',
    'resign',
  ],
  REASON: ['reason', 'why', 'cause'],
  CLOSED: ['closed', 'closure', 'close'],
  WITHDRAWN: ['withdrawn', 'withdrawal', 'withdrew', 'withdraw'],
  START: ['start', 'started', 'starting', 'began', 'begun', 'commenced', 'commence'],
  ONE: ['1', 'one'],
  TWO: ['2', 'two'],
  PHONE: ['telephone', 'phone', 'tel', 'mobile', 'landline', 'cell'],
  EMAIL: ['email'],
  NOTE: ['note', 'comment', 'remark'],
  SOURCE: ['source', 'channel'],
  HEAR: ['hear', 'heard'],
  // "IV": how fostering teams write the initial (home) visit ("IV Date", "Date of IV").
  VISIT: ['visit', 'visited', 'iv'],
  PANEL: ['panel'],
  EOI: ['eoi'],
  ANSWERED: ['answered', 'responded', 'response', 'replied', 'reply', 'acknowledged', 'acknowledgement'],
  ...EXTRA_WORD_CLASSES,
};

/** Words that say whose record or person a column belongs to. */
const OWNERS = [
  'carer',
  'foster',
  'fostering',
  'household',
  'enquiry',
  'enquirer',
  'applicant',
  'case',
  'person',
  'client',
  'family',
  'crm',
  'mosaic',
  'll',
  'liquidlogic',
  'charm',
  'lcs',
  'eclipse',
  'system',
  'unique',
  'record',
  'submission',
  'form',
  'response',
  'main',
  'primary',
];

/** Beside a contact detail: which person's, or which one. */
const CONTACT_QUALIFIERS = [
  'contact',
  'main',
  'primary',
  'preferred',
  'personal',
  'home',
  'work',
  'daytime',
  'applicant',
  'enquirer',
  'carer',
  '1',
  '2',
];

const ENDS = ['end', 'ended', 'ending', 'finish', 'finished', 'complete', 'completed', 'completion'];
/**
 * Words that make a stage's date some other date than its start: its end, outcome or closure
 * ("Stage 2 Completion Date", "Stage 1 Outcome Date", "Stage 1 Closed") or a date it is due by.
 */
const NOT_A_START = [
  ...ENDS,
  'concluded',
  'conclusion',
  'outcome',
  'closed',
  'closure',
  'due',
  'target',
  'deadline',
];

/**
 * Words that name one carer of a couple ("Carer 2 Date Left", "Partner Approval Date"): such a
 * column is that person's, never the household's approval or deregistration (a register that
 * dated a partner's leaving ceased the whole household).
 */
const ONE_OF_A_COUPLE = ['1', 'one', '2', 'two', 'second', 'secondary', 'partner'];
/** The same without numbers, for fields whose headers may carry a stage's ("Withdrawn at Stage 2"). */
const ONE_OF_A_PAIR = ['second', 'secondary', 'partner'];

export const FIELD_FORMS: Record<ImportField, FieldForms> = {
  reference: { forms: ['REF'], qualifiers: OWNERS },
  enquiry_date: {
    forms: [
      'DATE',
      'ENQUIRY DATE RECEIVED?',
      'ENQUIRY RECEIVED DATE?',
      'RECEIVED DATE?',
      'contact DATE',
      'initial ENQUIRY DATE',
      'first ENQUIRY DATE',
    ],
    qualifiers: ['time'],
  },
  // A date is asked for (but in the app's own label): "Responded" or "Enquiry acknowledged" may hold yes or no.
  // Not a target ("Response Due Date"), the applicant's later reply ("Last Response Date", "Applicant
  // Response Date"), a check's reply ("DBS Response Date") nor another step's ("EOI Response Date").
  responded_date: {
    forms: ['ANSWERED DATE', 'ENQUIRY ANSWERED DATE', '=enquiry answered'],
    qualifiers: ['first', 'initial', 'sent', 'made', 'given'],
    not: [
      'due',
      'target',
      'deadline',
      'sla',
      'last',
      'final',
      'no',
      'applicant',
      'dbs',
      'medical',
      'reference',
      'check',
      'received',
      'eoi',
      'panel',
      'viability',
      'irm',
      'visit',
      'application',
    ],
  },
  first_name: {
    forms: ['first NAME', 'forename', 'given NAME', 'christian NAME', 'firstname'],
    qualifiers: ['applicant', 'carer', 'enquirer', 'main', 'primary', '1', '2'],
  },
  surname: {
    forms: ['surname', 'last NAME', 'family NAME', 'lastname'],
    qualifiers: ['applicant', 'carer', 'enquirer', 'main', 'primary', '1', '2'],
  },
  full_name: {
    forms: ['NAME', 'full NAME', 'applicant', 'enquirer', 'carer'],
    qualifiers: ['applicant', 'carer', 'enquirer', 'household', 'foster', 'main', 'primary', 'person'],
  },
  email: { forms: ['EMAIL address?'], qualifiers: CONTACT_QUALIFIERS },
  telephone: { forms: ['PHONE REF?', 'contact REF'], qualifiers: CONTACT_QUALIFIERS },
  postcode: { forms: ['postcode', 'postal code', 'zip code?'], qualifiers: ['home', 'address', 'applicant'] },
  source: {
    forms: ['SOURCE', 'HEAR'],
    qualifiers: ['enquiry', 'referral', 'marketing', 'lead', 'advert', 'where'],
  },
  pathway: {
    forms: ['pathway', 'fostering type', 'assessment type', 'carer type', 'mainstream kinship'],
    qualifiers: ['fostering', 'assessment', 'care'],
  },
  household_type: {
    forms: ['household type?', 'single couple', 'applicant type', 'household composition'],
    qualifiers: ['applicant', 'applying', 'person'],
  },
  eoi_date: {
    // "Application received" is its own field (extra-fields.ts): the Stage 1 start by default.
    forms: ['EOI DATE? RECEIVED?', 'expression interest DATE? RECEIVED?'],
  },
  initial_visit_date: { forms: ['VISIT DATE?'], qualifiers: ['initial', 'home', 'first'] },
  stage1_date: { forms: ['stage ONE START? DATE?'], not: NOT_A_START },
  stage2_date: { forms: ['stage TWO START? DATE?', 'form f START? DATE?'], not: NOT_A_START },
  panel_date: { forms: ['PANEL DATE? heard?'], qualifiers: ['fostering'] },
  approval_date: {
    // "ADM": the agency decision maker, whose decision is the approval.
    forms: ['APPROVED DATE?', 'adm decision? DATE', 'REGISTERED DATE'],
    qualifiers: ['first', 'initial'],
    // "Temporary approval" is the reg 24 placement; "approved places" and "age range approved" are
    // terms; a "Registration of Interest" is an enquiry's or an EOI's.
    not: [...ENDS, 'temporary', 'interest', ...ONE_OF_A_COUPLE],
  },
  // One applicant of a couple withdrawing ("Partner Withdrew Date") does not close the household.
  closed_date: { forms: ['CLOSED DATE?', 'WITHDRAWN DATE', 'end DATE'], not: ONE_OF_A_PAIR },
  closure_reason: {
    forms: ['REASON CLOSED', 'REASON WITHDRAWN', 'REASON dropout'],
    not: ONE_OF_A_PAIR,
  },
  closed_by: {
    forms: ['CLOSED by', 'ended by', 'WITHDRAWN by', 'CLOSED initiated by', 'who ended'],
    not: ONE_OF_A_PAIR,
  },
  deregistration_date: {
    forms: ['DEREG DATE?', 'end APPROVED DATE?'],
    qualifiers: ['carer'],
    not: ONE_OF_A_COUPLE,
  },
  leaving_reason: {
    forms: ['REASON DEREG', 'REASON end APPROVED'],
    qualifiers: ['carer'],
    not: ONE_OF_A_COUPLE,
  },
  // Who initiated a carer's leaving ("Deregistration initiated by", "Initiated by" alone): "Ended by"
  // and "Closed by" are a drop-out's (closed_by), which a register row without a date closed reads.
  // "Initiated by" with any other word is another step's ("Referral initiated by", "Withdrawal
  // initiated by"), so alone only.
  ceased_by: {
    forms: [
      'DEREG by',
      'DEREG initiated by',
      'DEREG initiator',
      '=initiated by',
      '=who initiated',
      '=initiator',
    ],
    qualifiers: ['carer'],
    not: ONE_OF_A_COUPLE,
  },
  notes: { forms: ['NOTE'], qualifiers: ['general', 'additional', 'other', 'further', 'case'] },
  ...EXTRA_FIELD_FORMS,
};
