import type { FieldForms } from './field-keys.ts';
import { carerField, type CarerField, type CarerPosition, type ExtraField } from './extra-fields.ts';

/**
 * Header forms of the carer, approval-terms and journey fields (extra-fields.ts), in the
 * notation of field-forms.ts. A carer's name needs the carer's number ("Carer 1 Surname",
 * "Partner First Name", "Second Applicant DOB"), or it is the household's own; a date of birth
 * or characteristic with no number is carer 1's ("Ethnicity", "Date of Birth").
 */
export const EXTRA_WORD_CLASSES: Record<string, readonly string[]> = {
  CARER_ONE: ['1', 'one', 'main', 'primary', 'lead'],
  CARER_TWO: ['2', 'two', 'second', 'secondary', 'partner'],
  BIRTH: ['dob', 'birth', 'born', 'birthday'],
  SEX: ['sex', 'gender'],
  ETHNIC: ['ethnicity', 'ethnic', 'race'],
  DISABLED: ['disability', 'disabled'],
  RELIGION: ['religion', 'religious', 'faith', 'belief'],
  ORIENTATION: ['orientation', 'sexuality'],
  RELATIONSHIP: ['relationship', 'marital'],
  PLACE: ['place', 'vacancy', 'bed'],
  AGE: ['age', 'aged'],
  BREAK: ['break', 'respite'],
  VIABILITY: ['viability', 'viable'],
  REQUEST: ['request', 'requested', 'referral', 'referred'],
  RESULT: ['outcome', 'result', 'recommendation', 'decision'],
  REG: ['reg', 'regulation'],
  INFORMATION: ['information', 'info', 'check'],
  LENGTH: ['length', 'period', 'duration'],
  WEEK: ['week', 'weeks', 'wk', 'wks'],
  OBTAINED: ['complete', 'completed', 'obtained', 'received', 'gathered', 'collected', 'returned'],
  IRM_END: [
    'concluded',
    'conclusion',
    'end',
    'ended',
    'outcome',
    'decision',
    'decided',
    'complete',
    'completed',
    'closed',
  ],
};

/** Words naming whose detail a carer's column is. */
const PERSON_QUALIFIERS = ['carer', 'applicant', 'foster', 'fostering', 'person', 'adult', 'enquirer'];

function personForms(p: CarerPosition): Array<[ExtraField, FieldForms]> {
  const pos = p === 1 ? 'CARER_ONE' : 'CARER_TWO';
  // Carer 1's characteristics need no number; carer 2's always do.
  const opt = p === 1 ? 'CARER_ONE?' : 'CARER_TWO';
  const f = (forms: string[], extra: Partial<FieldForms> = {}): FieldForms => ({
    forms,
    qualifiers: PERSON_QUALIFIERS,
    ...extra,
  });
  return [
    [
      carerField(p, 'first_name'),
      f([`${pos} first NAME`, `${pos} forename`, `${pos} given NAME`, `${pos} firstname`]),
    ],
    [
      carerField(p, 'surname'),
      f([`${pos} surname`, `${pos} last NAME`, `${pos} family NAME`, `${pos} lastname`]),
    ],
    [carerField(p, 'full_name'), f([`${pos} full? NAME`, `=carer ${pos}`, `=applicant ${pos}`])],
    [carerField(p, 'date_of_birth'), f([`${opt} BIRTH DATE?`])],
    [carerField(p, 'sex'), f([`${opt} SEX`], { not: ['identity'] })],
    [carerField(p, 'ethnicity'), f([`${opt} ETHNIC origin? group? background?`])],
    [carerField(p, 'disability'), f([`${opt} DISABLED status?`])],
    [carerField(p, 'religion'), f([`${opt} RELIGION`])],
    [carerField(p, 'sexual_orientation'), f([`${opt} sexual orientation`, `${opt} ORIENTATION`])],
    [carerField(p, 'gender_identity'), f([`${opt} gender identity`, `${opt} trans status?`])],
    [
      carerField(p, 'relationship_status'),
      f([`${opt} RELATIONSHIP status?`], { not: ['child', 'children'] }),
    ],
  ];
}

const APPROVAL = ['approved', 'approval', 'registered'];

export const EXTRA_FIELD_FORMS: Record<ExtraField, FieldForms> = {
  ...(Object.fromEntries([...personForms(1), ...personForms(2)]) as Record<CarerField, FieldForms>),
  places: {
    forms: ['PLACE', 'REF PLACE'],
    qualifiers: [...APPROVAL, 'total', 'max', 'maximum', 'child', 'children', 'foster', 'fostering'],
  },
  age_range: {
    forms: ['AGE range?', 'AGE band', 'AGE group'],
    qualifiers: [...APPROVAL, 'child', 'children'],
  },
  age_from: {
    forms: ['AGE range? from', 'min AGE range?', 'minimum AGE range?', 'youngest AGE?', 'lower AGE range?'],
    qualifiers: [...APPROVAL, 'child', 'children'],
  },
  // "to" is a filler word except at the end of a header ("Age to"): see header-words.ts.
  age_to: {
    forms: ['AGE range? to', 'max AGE range?', 'maximum AGE range?', 'oldest AGE?', 'upper AGE range?'],
    qualifiers: [...APPROVAL, 'child', 'children'],
  },
  short_breaks: {
    forms: ['short BREAK care?', 'BREAK care?'],
    qualifiers: [...APPROVAL, 'offer', 'offered'],
  },
  parent_and_child: {
    forms: ['parent child', 'mother baby', 'parent baby', 'p c'],
    qualifiers: [...APPROVAL, 'placement', 'arrangement', 'care'],
  },
  application_received_date: {
    forms: ['application RECEIVED? DATE?'],
    qualifiers: ['formal', 'fostering', 'assessment'],
  },
  // All Stage 1 information obtained: the Stage 1 words with its information or checks ("Stage 1
  // Information Complete", "Stage 1 Checks Completed"); a bare "Stage 1 Complete" is no one's.
  stage1_information_date: {
    forms: ['stage ONE INFORMATION OBTAINED? DATE?'],
    qualifiers: ['all', 'statutory', 'assessment'],
  },
  panel_minutes_date: { forms: ['PANEL? minute RECEIVED? DATE?'], qualifiers: ['final', 'fostering'] },
  viability_request_date: {
    forms: ['VIABILITY REQUEST DATE?', 'VIABILITY DATE', 'initial assessment REQUEST DATE?'],
    qualifiers: ['assessment', 'kinship', 'connected', 'initial'],
  },
  viability_outcome_date: {
    forms: ['VIABILITY RESULT DATE', 'VIABILITY completed DATE?'],
    qualifiers: ['assessment', 'kinship', 'initial'],
  },
  viability_result: {
    forms: ['VIABILITY RESULT'],
    qualifiers: ['assessment', 'kinship', 'initial', 'positive', 'negative'],
  },
  reg24_placement_date: {
    forms: ['REG 24 placement? DATE?', 'temporary APPROVED DATE?', 'temporary placement DATE?'],
    qualifiers: ['placement', 'temporary', 'approval', 'approved', 'start', 'child'],
  },
  extension_date: {
    forms: ['extension DATE?', 'REG 25 extension? DATE?'],
    qualifiers: ['temporary', 'approval', 'granted', 'placement'],
  },
  extension_reason: {
    forms: ['extension REASON', 'REG 25 extension? REASON'],
    qualifiers: ['temporary', 'approval', 'placement'],
  },
  extension_weeks: {
    forms: [
      'extension LENGTH? WEEK',
      'extension LENGTH',
      'REG 25 extension? LENGTH? WEEK',
      'REG 25 extension? LENGTH',
    ],
    qualifiers: ['temporary', 'approval', 'placement', 'granted'],
    // "Extension Period End", "Extension Week Commencing": a date of the extension, not its length.
    not: [
      'date',
      'start',
      'started',
      'end',
      'ends',
      'ended',
      'ending',
      'from',
      'to',
      'until',
      'till',
      'expiry',
      'expires',
      'expired',
      'commencing',
      'beginning',
    ],
  },
  irm_pending_date: {
    forms: ['irm review? pending? from? START? DATE?', 'independent review mechanism? pending? from? DATE?'],
    qualifiers: ['requested', 'request', 'referred', 'referral'],
    not: EXTRA_WORD_CLASSES.IRM_END,
  },
  irm_concluded_date: {
    forms: ['irm review? IRM_END DATE?', 'independent review mechanism? IRM_END DATE?'],
  },
};
