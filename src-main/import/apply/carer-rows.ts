import { HOUSEHOLD_COLUMNS, type ImportRecord } from '../records/import-record.ts';
import type { ImportField } from '../records/field-keys.ts';
import { MILESTONE_FIELDS } from '../records/fields.ts';
import {
  carerField,
  JOURNEY_FIELDS,
  PERSON_FIELDS,
  TERMS_FIELDS,
  type JourneyField,
} from '../records/extra-fields.ts';
import type { JourneyDateKind } from '../../domain/journey-dates.ts';

/**
 * Rows of one reference, told apart. Many carers registers list a household's carers one per row:
 * the same reference, approval and places on two rows, each with one carer's name, date of birth
 * and characteristics. Read as a household's carer 1 (the first row) and carer 2 (the second).
 */
export type SameReference =
  | { kind: 'alike' }
  /** Every other row gives nothing `fullest` does not give alike (an export listing a household again with a later step). */
  | { kind: 'later step'; fullest: ImportRecord }
  | { kind: 'two carers'; joined: ImportRecord; carer1: ImportRecord; carer2: ImportRecord }
  | { kind: 'too many carers' }
  | { kind: 'different' };

/** The rows' content, for telling identical rows apart from different ones. */
export const signatureOf = (r: ImportRecord): string =>
  JSON.stringify([r.reference, r.values, r.milestones, r.responded, r.closure, r.cessation, r.extras]);

/**
 * Everything but the one carer a row names: the household's name goes too, since a row with no
 * household name column takes its carer's (parse-extras.ts).
 */
function withoutCarer(r: ImportRecord): string {
  const { first_name: _f, surname: _s, ...values } = r.values;
  const extras = r.extras ? { ...r.extras, people: null } : null;
  return JSON.stringify([r.reference, values, r.milestones, r.responded, r.closure, r.cessation, extras]);
}

const contentOf = (r: ImportRecord) => ({
  values: r.values,
  milestones: r.milestones,
  responded: r.responded,
  closure: r.closure,
  cessation: r.cessation,
  extras: r.extras ?? null,
});

/**
 * Whether every cell `a` fills, `b` fills alike: a blank in `a` is no difference, as a blank in a
 * later export never erases (so the app guesses nothing in reading the two rows as one).
 */
function within(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || a === '') return true;
  if (typeof a === 'object' && !Array.isArray(a) && typeof b === 'object' && b !== null)
    return Object.entries(a).every(([k, v]) => within(v, (b as Record<string, unknown>)[k]));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether each row names one carer (carer 1's columns) and no second. */
const oneCarerEach = (rows: readonly ImportRecord[]) =>
  rows.every((r) => r.extras?.people[1] && !r.extras.people[2]);

/** `group`: the rows sharing one reference, in file order (two or more). */
export function sameReference(group: readonly ImportRecord[]): SameReference {
  const seen = new Set<string>();
  const distinct = group.filter((r) => {
    const sig = signatureOf(r);
    if (seen.has(sig)) return false;
    seen.add(sig);
    return true;
  });
  if (distinct.length === 1) return { kind: 'alike' };
  const fullest = distinct.find((b) => distinct.every((a) => within(contentOf(a), contentOf(b))));
  if (fullest) return { kind: 'later step', fullest };
  const household = withoutCarer(distinct[0]!);
  if (!oneCarerEach(distinct) || distinct.some((r) => withoutCarer(r) !== household))
    return { kind: 'different' };
  if (distinct.length > 2) return { kind: 'too many carers' };
  const [carer1, carer2] = distinct as [ImportRecord, ImportRecord];
  const joined: ImportRecord = {
    ...carer1,
    extras: { ...carer1.extras!, people: { 1: carer1.extras!.people[1], 2: carer2.extras!.people[1] } },
  };
  return { kind: 'two carers', joined, carer1, carer2 };
}

/**
 * The fields whose cells differ between rows of one reference that are refused, for the refusal to
 * name (a household's two people on two rows differ in names and contact details, not in
 * milestones). A register's own columns are named too: approval terms, each carer's details and
 * the journey's steps, a step's date, result, reason and length each by its own column.
 */
export function differingFields(group: readonly ImportRecord[]): ImportField[] {
  const fields: ImportField[] = [];
  const check = (field: ImportField, read: (r: ImportRecord) => unknown) => {
    const first = JSON.stringify(read(group[0]!) ?? null);
    if (group.some((r) => JSON.stringify(read(r) ?? null) !== first)) fields.push(field);
  };
  // Rows naming one carer each may differ in the name (each row's carer's): that is not what is wrong.
  const carerRows = oneCarerEach(group);
  for (const c of HOUSEHOLD_COLUMNS)
    if (!(carerRows && (c === 'first_name' || c === 'surname'))) check(c, (r) => r.values[c]);
  check('responded_date', (r) => r.responded);
  for (const [field, m] of MILESTONE_FIELDS) check(field, (r) => r.milestones[m]);
  check('closed_date', (r) => r.closure?.date);
  check('closure_reason', (r) => [r.closure?.reasonKey, r.closure?.reasonText]);
  check('closed_by', (r) => r.closure?.endedBy);
  check('deregistration_date', (r) => r.cessation?.date);
  check('leaving_reason', (r) => [r.cessation?.reasonKey, r.cessation?.reasonText]);
  check('ceased_by', (r) => r.cessation?.initiatedBy);
  // (A repeat differing only in Places named no column.)
  for (const t of TERMS_FIELDS) if (t !== 'age_range') check(t, (r) => r.extras?.terms?.[t]);
  if (!carerRows)
    for (const p of [1, 2] as const)
      for (const c of PERSON_FIELDS) check(carerField(p, c), (r) => r.extras?.people[p]?.[c]);
  for (const [f, kind] of Object.entries(JOURNEY_FIELDS) as Array<[JourneyField, JourneyDateKind | null]>)
    if (kind) check(f, (r) => r.extras?.journey[kind]?.date);
  check('viability_result', (r) => r.extras?.journey.viability_outcome?.detail);
  check('extension_reason', (r) => r.extras?.journey.extension?.reason);
  check('extension_weeks', (r) => r.extras?.journey.extension?.weeks);
  return fields;
}
