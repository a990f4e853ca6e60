import {
  CHARACTERISTIC_LABELS,
  CHARACTERISTIC_VALUES,
  CHARACTERISTICS,
  matchCategory,
  type Characteristic,
} from '../../domain/characteristics.ts';
import { birthFault } from '../../domain/carers.ts';
import { formatUkDate } from '../../domain/dates.ts';
import {
  applicationMilestone,
  type ApplicationBasis,
  type JourneyDates,
} from '../../domain/journey-dates.ts';
import { normaliseLabel } from '../../domain/reasons.ts';
import type { Milestone } from '../../domain/stages.ts';
import {
  carerField,
  JOURNEY_FIELDS,
  type CarerPosition,
  type ExtraField,
  type JourneyField,
  type PersonColumn,
} from './extra-fields.ts';
import type { ImportField } from './fields.ts';
import { splitFullName } from './full-name.ts';
import type { RowIssue } from '../../contract/imports.ts';
import type { HouseholdColumn } from '../../domain/household-details.ts';

/** Approval terms as approval_terms holds them (flags 0/1). */
export interface TermsValues {
  places: number;
  age_from: number;
  age_to: number;
  short_breaks: 0 | 1;
  parent_and_child: 0 | 1;
}

/** What one row says about its carers, approval terms and journey steps (only what it gives). */
export interface RecordExtras {
  people: Partial<Record<CarerPosition, Partial<Record<PersonColumn, string>>>>;
  terms: Partial<TermsValues> | null;
  journey: JourneyDates;
}

/** The row's cells as parse-row.ts reads them, and where its problems go. */
export interface RowReader {
  row: number;
  today: string;
  applicationBasis: ApplicationBasis;
  /** The fields of extra-fields.ts that the file has a column for. */
  fields: ReadonlySet<ExtraField>;
  get(f: ImportField): string;
  /** The cell as text with no word read as blank ("None" is a religion's answer). */
  raw(f: ImportField): string;
  /**
   * `earliest`: the bound before which a date is refused (parse-date.ts); null for none.
   * `notAfter`: a date of birth's today, which settles a two-digit year's century.
   */
  date(f: ImportField, earliest?: string | null, notAfter?: string | null): string | null;
  header(f: ImportField): string;
  errors: RowIssue[];
  warnings: RowIssue[];
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'approved'].map(normaliseLabel));
const NO = new Set(['no', 'n', 'false', '0', 'not approved'].map(normaliseLabel));
const POSITIVE = new Set(
  ['positive', 'pos', 'viable', 'positive recommendation', 'proceed', 'progress to full assessment'].map(
    normaliseLabel,
  ),
);
const NEGATIVE = new Set(
  ['negative', 'neg', 'not viable', 'negative recommendation', 'not proceeding', 'do not proceed'].map(
    normaliseLabel,
  ),
);
const AGE_RANGE = /^(\d{1,2})\s*(?:-|–|—|to)\s*(\d{1,2})\s*(?:years?|yrs?)?$/i;
const MAX_PLACES = 20;
const MAX_AGE = 25;
/** An extension's length as files write it: "4", "4 weeks", "4 wks", "4w" (a fraction is the engine's to refuse). */
const WEEKS = /^(\d+(?:\.\d+)?)\s*(?:weeks?|wks?|w)?$/i;

/**
 * Parses the carer, terms and journey cells of one row (fields named in extra-fields.ts).
 * `values` and `milestones` are the household's own, as parse-row.ts read them: a household
 * with no name columns takes carer 1's name, carer 1 with none takes the household's, and an
 * "Application received" date lands on the milestone the service counts it from (Settings:
 * the Stage 1 start, or the EOI). Null when the row gives none of them.
 */
export function parseExtras(
  r: RowReader,
  values: Partial<Record<HouseholdColumn, string>>,
  milestones: Partial<Record<Milestone, string>>,
): RecordExtras | null {
  const has = (f: ExtraField) => r.fields.has(f);
  const issue = (list: RowIssue[], f: ImportField, message: string) =>
    list.push({ row: r.row, column: r.header(f), message });

  const people: RecordExtras['people'] = {};
  for (const p of [1, 2] as const) {
    const person = parsePerson(r, p, issue);
    if (person) people[p] = person;
  }
  const one = people[1];
  if (one && !values.first_name && !values.surname) {
    if (one.first_name) values.first_name = one.first_name;
    if (one.surname) values.surname = one.surname;
  } else if (one && !one.first_name && !one.surname) {
    if (values.first_name) one.first_name = values.first_name;
    if (values.surname) one.surname = values.surname;
  }

  const terms = parseTerms(r, issue);

  const application = has('application_received_date') ? r.date('application_received_date') : null;
  if (application) {
    const m = applicationMilestone(r.applicationBasis);
    const given = milestones[m];
    if (given && given !== application) {
      // The whole row is refused (its other new dates with it), so the message names each way
      // out: the CRM's dates, the mapping (the Import screen's choice, or the CLI's), or Settings
      // where the other basis's milestone is the application's date (else it is refused as well).
      const column = r.header('application_received_date');
      const other = milestones[m === 'eoi' ? 'stage1' : 'eoi'];
      const settings =
        other === application ? '; or change what counts as the application received in Settings' : '';
      issue(
        r.errors,
        'application_received_date',
        `Application received ${formatUkDate(application)} is not the ${m === 'eoi' ? 'EOI' : 'Stage 1 start'} ${formatUkDate(given)} in column "${r.header(m === 'eoi' ? 'eoi_date' : 'stage1_date')}": the service counts the application as received ${m === 'eoi' ? 'at the EOI' : 'when Stage 1 starts'} (Settings), so the two must agree. Correct one of the two dates in the CRM and import again; or set column "${column}" to Not imported on the Import screen (fostering-funnel import FILE --map "${column}=none")${settings}.`,
      );
    } else milestones[m] = application;
  }

  const journey: JourneyDates = {};
  for (const [f, kind] of Object.entries(JOURNEY_FIELDS) as Array<[JourneyField, string | null]>) {
    if (!kind || !has(f)) continue;
    const d = r.date(f);
    if (d) journey[kind as keyof JourneyDates] = { date: d };
  }
  const result = has('viability_result') ? r.get('viability_result') : '';
  if (result) {
    const n = normaliseLabel(result);
    const detail = POSITIVE.has(n) ? 'positive' : NEGATIVE.has(n) ? 'negative' : null;
    if (!detail)
      issue(r.errors, 'viability_result', `Viability outcome "${result}" is neither positive nor negative.`);
    else if (!journey.viability_outcome)
      issue(
        r.errors,
        'viability_result',
        `A ${detail} viability outcome needs its date (a "${r.header('viability_outcome_date')}" column).`,
      );
    else journey.viability_outcome.detail = detail;
  }
  const reason = has('extension_reason') ? r.get('extension_reason') : '';
  if (reason && journey.extension) journey.extension.reason = reason;
  else if (reason)
    issue(r.warnings, 'extension_reason', 'An extension reason without an extension date was ignored.');
  const length = has('extension_weeks') ? r.get('extension_weeks') : '';
  const weeks = length ? WEEKS.exec(length) : null;
  // Its range (1 to 8 weeks) is the journey engine's to check, as for a length typed by hand.
  if (length && !weeks)
    issue(
      r.errors,
      'extension_weeks',
      `Extension length "${length}" is not a number of weeks (such as 4 or "4 weeks").`,
    );
  else if (weeks && journey.extension) journey.extension.weeks = Number(weeks[1]);
  else if (weeks)
    issue(r.warnings, 'extension_weeks', 'An extension length without an extension date was ignored.');

  const any = Object.keys(people).length > 0 || terms !== null || Object.keys(journey).length > 0;
  return any ? { people, terms, journey } : null;
}

function parsePerson(
  r: RowReader,
  p: CarerPosition,
  issue: (list: RowIssue[], f: ImportField, message: string) => void,
): Partial<Record<PersonColumn, string>> | null {
  const out: Partial<Record<PersonColumn, string>> = {};
  const text = (f: 'first_name' | 'surname' | 'full_name') =>
    r.fields.has(carerField(p, f)) ? r.get(carerField(p, f)) : '';
  let first = text('first_name');
  let surname = text('surname');
  const full = text('full_name');
  if (full && !first && !surname) ({ first, surname } = splitFullName(full));
  if (first) out.first_name = first;
  if (surname) out.surname = surname;
  const dobField = carerField(p, 'date_of_birth');
  const dob = r.fields.has(dobField) ? r.date(dobField, null, r.today) : null;
  const fault = dob && birthFault(dob, r.today);
  if (fault) issue(r.errors, dobField, fault);
  else if (dob) out.date_of_birth = dob;
  for (const c of CHARACTERISTICS) {
    const f = carerField(p, c);
    const cell = r.fields.has(f) ? r.raw(f) : '';
    if (!cell) continue;
    const key = matchCategory(c, cell);
    if (key === undefined) issue(r.errors, f, notACategory(c, cell));
    else if (key !== null) out[c] = key;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function notACategory(c: Characteristic, cell: string): string {
  const label = CHARACTERISTIC_LABELS[c];
  const choices =
    c === 'ethnicity'
      ? 'one of the ONS 2021 ethnic groups, such as "White British", "Black African" or "Mixed White and Asian"'
      : CHARACTERISTIC_VALUES[c].map((v) => `"${v.label}"`).join(', ');
  return `${label} "${cell}" is not a category the app records (${choices}); leave the cell empty for not recorded.`;
}

function parseTerms(
  r: RowReader,
  issue: (list: RowIssue[], f: ImportField, message: string) => void,
): Partial<TermsValues> | null {
  const out: Partial<TermsValues> = {};
  const whole = (f: 'places' | 'age_from' | 'age_to', max: number, what: string): number | null => {
    const cell = r.fields.has(f) ? r.get(f) : '';
    if (!cell) return null;
    const n = /^\d+$/.test(cell) ? Number(cell) : NaN;
    if (Number.isInteger(n) && n <= max) return n;
    issue(r.errors, f, `${what} "${cell}" is not a whole number from 0 to ${max}.`);
    return null;
  };
  const places = whole('places', MAX_PLACES, 'Number of places');
  if (places !== null) out.places = places;
  const range = r.fields.has('age_range') ? r.get('age_range') : '';
  if (range) {
    const m = AGE_RANGE.exec(range.trim());
    const from = m ? Number(m[1]) : NaN;
    const to = m ? Number(m[2]) : NaN;
    if (!m || from > MAX_AGE || to > MAX_AGE || from > to)
      issue(
        r.errors,
        'age_range',
        `Age range "${range}" is not two ages from 0 to ${MAX_AGE}, youngest first (e.g. "0-18").`,
      );
    else {
      out.age_from = from;
      out.age_to = to;
    }
  }
  for (const [f, key, what] of [
    ['age_from', 'age_from', 'Youngest age'],
    ['age_to', 'age_to', 'Oldest age'],
  ] as const) {
    const n = whole(f, MAX_AGE, what);
    if (n === null) continue;
    if (out[key] !== undefined && out[key] !== n)
      issue(
        r.errors,
        f,
        `${what} ${n} is not the age range's ${out[key]} (column "${r.header('age_range')}").`,
      );
    else out[key] = n;
  }
  if (out.age_from !== undefined && out.age_to !== undefined && out.age_from > out.age_to)
    issue(r.errors, 'age_from', `The age range ends (${out.age_to}) before it starts (${out.age_from}).`);
  for (const [f, what] of [
    ['short_breaks', 'Short breaks'],
    ['parent_and_child', 'Parent and child'],
  ] as const) {
    const cell = r.fields.has(f) ? r.get(f) : '';
    if (!cell) continue;
    const n = normaliseLabel(cell);
    if (YES.has(n)) out[f] = 1;
    else if (NO.has(n)) out[f] = 0;
    else issue(r.errors, f, `${what} "${cell}" is neither yes nor no.`);
  }
  return Object.keys(out).length > 0 ? out : null;
}
