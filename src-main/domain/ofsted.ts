import { DEFAULT_LEAVING_REASONS, ENDED_BY_ON_SIDE } from './reasons.ts';
import type { EndedBy } from './stages.ts';
import { ageOn, formatUkDate, isValidIsoDate } from './dates.ts';

/**
 * The vocabulary of Ofsted's annual fostering data collection ("Fostering in England"),
 * one financial year at a time. Sources (read 2026 from the stored copies of GOV.UK):
 * - the collection's page and its annual changes, https://www.gov.uk/government/publications/ofsted-annual-fostering-data-collection
 *   and https://www.gov.uk/government/publications/ofsted-annual-fostering-data-collection/ofsted-fostering-dataset-returns-changes-for-2019-to-2020-onwards
 * - the methodology of the release for the year, e.g.
 *   https://www.gov.uk/government/statistics/fostering-in-england-1-april-2024-to-31-march-2025/methodology-fostering-in-england-1-april-2024-to-31-march-2025
 */
export const OFSTED_COLLECTION_URL =
  'https://www.gov.uk/government/publications/ofsted-annual-fostering-data-collection';
export const OFSTED_CHANGES_URL =
  'https://www.gov.uk/government/publications/ofsted-annual-fostering-data-collection/ofsted-fostering-dataset-returns-changes-for-2019-to-2020-onwards';
export const ofstedMethodologyUrl = (startYear: number): string => {
  const y = `1-april-${startYear}-to-31-march-${startYear + 1}`;
  return `https://www.gov.uk/government/statistics/fostering-in-england-${y}/methodology-fostering-in-england-${y}`;
};

/**
 * The first year of the collection (its start year: 2023 for 2023-24) that asked for an item the
 * return prints: a return for an earlier year leaves it out, as that year's collection did. The
 * withdrawal codes are "optional since 2023-24"; carers' characteristics other than their age
 * band and disability are asked "from 2024-25" (the changes page above).
 */
export const ASKED_FROM = {
  withdrawalCodes: 2023,
  sex: 2024,
  ethnicity: 2024,
  religion: 2024,
  sexual_orientation: 2024,
  gender_identity: 2024,
  relationship_status: 2024,
} as const satisfies Readonly<Record<string, number>>;

/** Whether the collection of the year starting in `startYear` asks for the item (any not listed: every year). */
export const askedIn = (item: string, startYear: number): boolean =>
  startYear >= ((ASKED_FROM as Readonly<Record<string, number>>)[item] ?? 0);

/** The withdrawal codes (optional since 2023-24), as Ofsted words them. */
export const WITHDRAWAL_CODES = [
  { code: 'AW0', label: 'Other reason/unknown reason' },
  { code: 'AW1', label: 'Fostering was not as the applicant expected' },
  { code: 'AW2', label: 'Assessment process was not as the applicant expected' },
  {
    code: 'AW3',
    label: 'Household circumstances changed during the assessment (other than for financial reasons)',
  },
  { code: 'AW4', label: 'Applicant was unable to continue the process for financial reasons' },
  { code: 'AW5', label: 'Applicant was concerned about the risk of allegations' },
] as const;
export type WithdrawalCode = (typeof WITHDRAWAL_CODES)[number]['code'];
/** The code of an application withdrawn for a reason that carries none: other or unknown. */
export const UNKNOWN_WITHDRAWAL_CODE: WithdrawalCode = 'AW0';

/**
 * Who ended an application the return counts as withdrawn: the household (it withdrew, or contact
 * was lost). One the service ended was turned down.
 */
export const WITHDREW_ENDED_BY: readonly EndedBy[] = ENDED_BY_ON_SIDE.withdrew;

/**
 * The return's deregistration categories, as the app takes them: the service's default leaving
 * reasons (the domain guide's reasons-for-leaving table), each default reason mapping to the
 * category of the same key and a reason the service adds to "other" until Settings maps it. None
 * of Ofsted's pages we could read (the collection's page, its annual changes, the 2019-20 to
 * 2024-25 releases and methodologies; 30/11/2026) lists the template's deregistration reasons,
 * so these are not confirmed as Ofsted's: check them against the year's template.
 */
export const DEREGISTRATION_CATEGORIES: ReadonlyArray<{ key: string; label: string }> =
  DEFAULT_LEAVING_REASONS.map((r) => ({ key: r.key, label: r.label }));

export const isDeregistrationCategory = (key: string): boolean =>
  DEREGISTRATION_CATEGORIES.some((c) => c.key === key);

/** The category a leaving reason counts under, given the service's saved mapping. */
export function deregistrationCategoryOf(
  reasonKey: string,
  mapping: Readonly<Record<string, string>>,
): string {
  const mapped = mapping[reasonKey];
  if (mapped && isDeregistrationCategory(mapped)) return mapped;
  return isDeregistrationCategory(reasonKey) ? reasonKey : 'other';
}

/**
 * Carer age bands at 31 March, from the date of birth. What the public pages show of the
 * template's bands (read 30/11/2026; the template itself could not be read):
 * - the 18–19 band was added for 2023-24 ("a new response option ... for 'Age of Foster Carer 1'
 *   and 'Age of Foster Carer 2' (A8, A9) ... 18-19", the changes page above), so the bands
 *   began at 20 before;
 * - Ofsted's release for 2019-20 reports "carers aged 20 to 39" and "those aged 55+", and "65%
 *   were over 50 years old and 25% were over 60"
 *   (https://www.gov.uk/government/statistics/fostering-in-england-1-april-2019-to-31-march-2020/fostering-in-england-2019-to-2020-main-findings):
 *   so the template's bands meet at 20, 40, 50, 55 and 60, and the fifties are split at 55.
 * Whether they also meet at 30, or within the twenties, forties or sixties, no page we could read
 * shows: check them against the year's template.
 */
export const AGE_BANDS: ReadonlyArray<{ key: string; label: string; from: number; to: number }> = [
  { key: 'age_18_19', label: '18 to 19', from: 18, to: 19 },
  { key: 'age_20_29', label: '20 to 29', from: 20, to: 29 },
  { key: 'age_30_39', label: '30 to 39', from: 30, to: 39 },
  { key: 'age_40_49', label: '40 to 49', from: 40, to: 49 },
  { key: 'age_50_54', label: '50 to 54', from: 50, to: 54 },
  { key: 'age_55_59', label: '55 to 59', from: 55, to: 59 },
  { key: 'age_60_plus', label: '60 and over', from: 60, to: 200 },
];

export function ageBandOf(dateOfBirth: string | null, on: string): string | null {
  if (!dateOfBirth) return null;
  const age = ageOn(dateOfBirth, on);
  return AGE_BANDS.find((b) => age >= b.from && age <= b.to)?.key ?? null;
}

/**
 * Why a carer counts under the age table's "Not recorded" (no date of birth, or one in no band),
 * for the list behind that figure; null where the date of birth falls in a band. A carer is an
 * adult (domain/carers.ts birthFault refuses a child's date today), so an age under 18 at 31 March
 * is a date mistyped, e.g. the year of a carer who is 18 today but was 17 that day.
 */
export function notRecordedAgeWords(dateOfBirth: string | null, on: string): string | null {
  if (!dateOfBirth) return 'No date of birth recorded for a carer.';
  if (!isValidIsoDate(dateOfBirth)) return `A carer's date of birth, "${dateOfBirth}", is not a date.`;
  if (ageBandOf(dateOfBirth, on) !== null) return null;
  const age = ageOn(dateOfBirth, on);
  const youngest = Math.min(...AGE_BANDS.map((b) => b.from));
  const shown = `A carer's date of birth, ${formatUkDate(dateOfBirth)}, gives an age of ${age} at ${formatUkDate(on)}`;
  return age < youngest
    ? `${shown}: under ${youngest}, so it is likely wrong (check the year).`
    : `${shown}: older than any age band, so it is likely wrong (check the year).`;
}

/** The return's columns: Ofsted calls connected persons (kinship) carers "family and friends". */
export const OFSTED_COLUMNS = [
  { key: 'mainstream', label: 'Mainstream', pathway: 'mainstream' },
  { key: 'family_and_friends', label: 'Family and friends', pathway: 'kinship' },
  { key: 'all', label: 'All', pathway: null },
] as const;
export type OfstedColumn = (typeof OFSTED_COLUMNS)[number]['key'];
