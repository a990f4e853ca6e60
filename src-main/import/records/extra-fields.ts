import { CHARACTERISTIC_LABELS, CHARACTERISTICS, type Characteristic } from '../../domain/characteristics.ts';
import { PERSON_COLUMNS, type PersonColumnName } from '../../db/queries/import-extras.ts';
import type { JourneyDateKind } from '../../domain/journey-dates.ts';

/**
 * The fields an import can fill beyond the household's own columns and its stage dates
 * (issues 14 and 15): carer 1 and carer 2 (or applicant 1 and 2) with their characteristics,
 * the approval terms, and the journey's dated steps that are not stages. Parsed by
 * parse-extras.ts, planned and written by apply/extras.ts.
 */

/** A carer's details, as household_people's columns (names, date of birth, characteristics). */
export const PERSON_FIELDS = PERSON_COLUMNS;
export type PersonColumn = PersonColumnName;
/** A name in one cell ("Joan Ashby"): split at its last space into first name and surname. */
type PersonField = PersonColumn | 'full_name';
export type CarerPosition = 1 | 2;
export type CarerField = `carer${CarerPosition}_${PersonField}`;

export const carerField = (p: CarerPosition, f: PersonField): CarerField => `carer${p}_${f}`;

const PERSON_LABELS: Record<PersonField, string> = {
  first_name: 'first name',
  surname: 'surname',
  full_name: 'name',
  date_of_birth: 'date of birth',
  ...(Object.fromEntries(CHARACTERISTICS.map((c) => [c, CHARACTERISTIC_LABELS[c].toLowerCase()])) as Record<
    Characteristic,
    string
  >),
};

const CARER_FIELDS: CarerField[] = ([1, 2] as const).flatMap((p) =>
  (['first_name', 'surname', 'full_name', ...PERSON_FIELDS.slice(2)] as PersonField[]).map((f) =>
    carerField(p, f),
  ),
);

export const TERMS_FIELDS = [
  'places',
  'age_range',
  'age_from',
  'age_to',
  'short_breaks',
  'parent_and_child',
] as const;
export type TermsField = (typeof TERMS_FIELDS)[number];

/** The journey's dated steps, each to the kind it records (application received is a milestone: see parse-extras). */
export const JOURNEY_FIELDS = {
  application_received_date: null,
  stage1_information_date: 'stage1_information',
  panel_minutes_date: 'panel_minutes',
  viability_request_date: 'viability_request',
  viability_outcome_date: 'viability_outcome',
  viability_result: null,
  reg24_placement_date: 'reg24_placement',
  extension_date: 'extension',
  extension_reason: null,
  extension_weeks: null,
  irm_pending_date: 'irm_pending_from',
  irm_concluded_date: 'irm_pending_to',
} as const satisfies Record<string, JourneyDateKind | null>;
export type JourneyField = keyof typeof JOURNEY_FIELDS;

export type ExtraField = CarerField | TermsField | JourneyField;

export const EXTRA_FIELDS: readonly ExtraField[] = [
  ...CARER_FIELDS,
  ...TERMS_FIELDS,
  ...(Object.keys(JOURNEY_FIELDS) as JourneyField[]),
];

export const EXTRA_FIELD_LABELS = {
  ...(Object.fromEntries(
    CARER_FIELDS.map((f) => [f, `Carer ${f[5]} ${PERSON_LABELS[f.slice(7) as PersonField]}`]),
  ) as Record<CarerField, string>),
  places: 'Number of places',
  age_range: 'Age range',
  age_from: 'Age range from',
  age_to: 'Age range to',
  short_breaks: 'Short breaks',
  parent_and_child: 'Parent and child',
  application_received_date: 'Application received',
  stage1_information_date: 'Stage 1 information complete',
  panel_minutes_date: 'Panel minutes received',
  viability_request_date: 'Viability assessment requested',
  viability_outcome_date: 'Viability outcome date',
  viability_result: 'Viability outcome',
  reg24_placement_date: 'Reg 24 placement date',
  extension_date: 'Reg 25 extension date',
  extension_reason: 'Reg 25 extension reason',
  extension_weeks: 'Reg 25 extension length (weeks)',
  irm_pending_date: 'IRM review pending from',
  irm_concluded_date: 'IRM review concluded',
} satisfies Record<ExtraField, string>;

/** Names as long as the carers form takes them; a category, date or number no longer than any it could name. */
export const EXTRA_FIELD_MAX_CHARS: Record<ExtraField, number> = Object.fromEntries(
  EXTRA_FIELDS.map((f) => [
    f,
    /_(first_name|surname)$/.test(f)
      ? 100
      : f.endsWith('_full_name')
        ? 100
        : f === 'extension_reason'
          ? 500
          : CARER_FIELDS.includes(f as CarerField)
            ? 120
            : 60,
  ]),
) as Record<ExtraField, number>;
