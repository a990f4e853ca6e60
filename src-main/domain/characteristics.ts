import { normaliseLabel } from './reasons.ts';

/**
 * The personal characteristics recorded for a household's people (enquirers, applicants,
 * approved carers): one vocabulary for the hand forms, the import, the Ofsted return and
 * the diversity report. Each is optional; a missing value is counted as "not recorded",
 * never guessed. Keys are stable forever (they are stored); labels may be reworded.
 *
 * Ethnicity: the Office for National Statistics' 2021 Census categories for England
 * (19 groups in 5 headings), https://www.ons.gov.uk/census/census2021dictionary/variablesbytopic/ethnicgroupnationalidentitylanguageandreligionvariablescensus2021/ethnicgroup
 * Sex, religion, sexual orientation and gender identity: the categories Ofsted gives for
 * the 2024-25 fostering data collection's aggregate characteristics section,
 * https://www.gov.uk/government/publications/ofsted-annual-fostering-data-collection/ofsted-fostering-dataset-returns-changes-for-2019-to-2020-onwards
 * (their "Unknown/not collected" is our missing value). Relationship status: that page
 * names the item but the stored copy we read did not list its categories, so these are
 * the ONS legal-partnership groups; check them against the year's template.
 */
export interface Category {
  key: string;
  label: string;
  /** The heading a category sits under (ethnicity only). */
  group?: string;
}

const ASIAN = 'Asian, Asian British or Asian Welsh';
const BLACK = 'Black, Black British, Black Welsh, Caribbean or African';
const MIXED = 'Mixed or Multiple ethnic groups';
const WHITE = 'White';
const OTHER = 'Other ethnic group';

export const ETHNICITIES: readonly Category[] = [
  { key: 'asian_bangladeshi', label: 'Bangladeshi', group: ASIAN },
  { key: 'asian_chinese', label: 'Chinese', group: ASIAN },
  { key: 'asian_indian', label: 'Indian', group: ASIAN },
  { key: 'asian_pakistani', label: 'Pakistani', group: ASIAN },
  { key: 'asian_other', label: 'Other Asian', group: ASIAN },
  { key: 'black_african', label: 'African', group: BLACK },
  { key: 'black_caribbean', label: 'Caribbean', group: BLACK },
  { key: 'black_other', label: 'Other Black', group: BLACK },
  { key: 'mixed_white_asian', label: 'White and Asian', group: MIXED },
  { key: 'mixed_white_black_african', label: 'White and Black African', group: MIXED },
  { key: 'mixed_white_black_caribbean', label: 'White and Black Caribbean', group: MIXED },
  { key: 'mixed_other', label: 'Other Mixed or Multiple ethnic groups', group: MIXED },
  { key: 'white_british', label: 'English, Welsh, Scottish, Northern Irish or British', group: WHITE },
  { key: 'white_irish', label: 'Irish', group: WHITE },
  { key: 'white_gypsy_traveller', label: 'Gypsy or Irish Traveller', group: WHITE },
  { key: 'white_roma', label: 'Roma', group: WHITE },
  { key: 'white_other', label: 'Other White', group: WHITE },
  { key: 'other_arab', label: 'Arab', group: OTHER },
  { key: 'other_any', label: 'Any other ethnic group', group: OTHER },
  { key: 'refused', label: 'Refused / preferred not to say' },
];

/** The five headings of the ethnicity categories (and refusals): the diversity report's rows. */
export const ETHNIC_GROUPS: readonly Category[] = [
  { key: 'asian', label: ASIAN },
  { key: 'black', label: BLACK },
  { key: 'mixed', label: MIXED },
  { key: 'white', label: WHITE },
  { key: 'other', label: OTHER },
  { key: 'refused', label: 'Refused / preferred not to say' },
];

/** The heading of an ethnicity key: its prefix, by construction of ETHNICITIES. */
export const ethnicGroupOf = (ethnicity: string): string => ethnicity.split('_')[0]!;

export const SEXES: readonly Category[] = [
  { key: 'male', label: 'Male' },
  { key: 'female', label: 'Female' },
];

export const DISABILITIES: readonly Category[] = [
  { key: 'yes', label: 'Yes' },
  { key: 'no', label: 'No' },
];

export const RELIGIONS: readonly Category[] = [
  { key: 'none', label: 'No religion' },
  { key: 'christian', label: 'Christian' },
  { key: 'buddhist', label: 'Buddhist' },
  { key: 'hindu', label: 'Hindu' },
  { key: 'jewish', label: 'Jewish' },
  { key: 'muslim', label: 'Muslim' },
  { key: 'sikh', label: 'Sikh' },
  { key: 'other', label: 'Other religion' },
  { key: 'refused', label: 'Refused / preferred not to say' },
];

export const SEXUAL_ORIENTATIONS: readonly Category[] = [
  { key: 'heterosexual', label: 'Straight or heterosexual' },
  { key: 'gay_lesbian', label: 'Gay or lesbian' },
  { key: 'bisexual', label: 'Bisexual' },
  { key: 'other', label: 'All other sexual orientations' },
  { key: 'refused', label: 'Refused / preferred not to say' },
];

export const GENDER_IDENTITIES: readonly Category[] = [
  { key: 'same_as_sex', label: 'Gender identity the same as sex registered at birth' },
  {
    key: 'different_unspecified',
    label: 'Gender identity different from sex registered at birth but no specific identity given',
  },
  { key: 'trans_woman', label: 'Trans woman' },
  { key: 'trans_man', label: 'Trans man' },
  { key: 'other', label: 'All other gender identities' },
  { key: 'refused', label: 'Refused / preferred not to say' },
];

export const RELATIONSHIP_STATUSES: readonly Category[] = [
  { key: 'single', label: 'Single (never married or in a civil partnership)' },
  { key: 'married', label: 'Married or in a civil partnership' },
  { key: 'cohabiting', label: 'Living with a partner (not married)' },
  { key: 'separated', label: 'Separated, divorced or civil partnership dissolved' },
  { key: 'widowed', label: 'Widowed or surviving civil partner' },
  { key: 'refused', label: 'Refused / preferred not to say' },
];

/** The characteristics, in the order forms and reports show them, with their column names. */
export const CHARACTERISTICS = [
  'sex',
  'ethnicity',
  'disability',
  'religion',
  'sexual_orientation',
  'gender_identity',
  'relationship_status',
] as const;
export type Characteristic = (typeof CHARACTERISTICS)[number];

export const CHARACTERISTIC_VALUES: Record<Characteristic, readonly Category[]> = {
  sex: SEXES,
  ethnicity: ETHNICITIES,
  disability: DISABILITIES,
  religion: RELIGIONS,
  sexual_orientation: SEXUAL_ORIENTATIONS,
  gender_identity: GENDER_IDENTITIES,
  relationship_status: RELATIONSHIP_STATUSES,
};

export const CHARACTERISTIC_LABELS: Record<Characteristic, string> = {
  sex: 'Sex',
  ethnicity: 'Ethnicity',
  disability: 'Disability',
  religion: 'Religion or belief',
  sexual_orientation: 'Sexual orientation',
  gender_identity: 'Gender identity',
  relationship_status: 'Relationship status',
};

/** The row every count of a characteristic carries for people with nothing recorded. */
export const NOT_RECORDED_KEY = 'not_recorded';
export const NOT_RECORDED_LABEL = 'Not recorded';
/** The row for people whose details a purge erased once the retention period had passed. */
export const ERASED_KEY = 'erased';
export const ERASED_LABEL = 'Erased (retention period passed)';

export const isCategory = (c: Characteristic, key: string): boolean =>
  CHARACTERISTIC_VALUES[c].some((v) => v.key === key);

export const categoryLabel = (c: Characteristic, key: string | null): string =>
  key === null ? NOT_RECORDED_LABEL : (CHARACTERISTIC_VALUES[c].find((v) => v.key === key)?.label ?? key);

/**
 * Other words registers use for the same categories (matched after normaliseLabel), on top
 * of each category's key, label and "group: label".
 */
const EXTRA_WORDS: Partial<Record<Characteristic, Record<string, readonly string[]>>> = {
  sex: { male: ['m', 'man'], female: ['f', 'woman'] },
  disability: { yes: ['y', 'disabled', 'true'], no: ['n', 'not disabled', 'none', 'false'] },
  ethnicity: {
    white_british: ['White British', 'White English', 'British', 'WBRI'],
    white_irish: ['White Irish', 'WIRI'],
    white_other: ['White Other', 'Any other White background', 'WOTH'],
    white_gypsy_traveller: ['Gypsy', 'Traveller of Irish heritage', 'WIRT'],
    white_roma: ['Gypsy/Roma', 'WROM'],
    mixed_white_black_caribbean: ['Mixed White and Black Caribbean', 'MWBC'],
    mixed_white_black_african: ['Mixed White and Black African', 'MWBA'],
    mixed_white_asian: ['Mixed White and Asian', 'MWAS'],
    mixed_other: ['Any other mixed background', 'Mixed Other', 'MOTH'],
    asian_indian: ['Asian Indian', 'AIND'],
    asian_pakistani: ['Asian Pakistani', 'APKN'],
    asian_bangladeshi: ['Asian Bangladeshi', 'ABAN'],
    asian_chinese: ['Chinese', 'CHNE'],
    asian_other: ['Any other Asian background', 'Asian Other', 'AOTH'],
    black_caribbean: ['Black Caribbean', 'BCRB'],
    black_african: ['Black African', 'BAFR'],
    black_other: ['Any other Black background', 'Black Other', 'BOTH'],
    other_arab: ['Arab'],
    other_any: ['Any other ethnic group', 'Other', 'OOTH'],
    refused: ['Refused', 'Information refused', 'Prefer not to say', 'REFU'],
  },
  religion: { none: ['None', 'No religion', 'Atheist'], refused: ['Prefer not to say'] },
  sexual_orientation: { heterosexual: ['Straight', 'Heterosexual'], refused: ['Prefer not to say'] },
  gender_identity: { same_as_sex: ['Same', 'Cisgender', 'Yes'], refused: ['Prefer not to say'] },
  relationship_status: {
    married: ['Married', 'Civil partnership', 'Civil partner'],
    cohabiting: ['Cohabiting', 'Living together', 'Partner'],
    separated: ['Divorced', 'Separated'],
    widowed: ['Widow', 'Widower'],
    refused: ['Prefer not to say'],
  },
};

/** Words meaning "not recorded": an imported cell saying one of them leaves the value empty. */
const UNKNOWN_WORDS = [
  'unknown',
  'not known',
  'not recorded',
  'not collected',
  'not stated',
  'n/a',
  'na',
  '-',
];

/**
 * Each characteristic's words (normalised) → category key. Built on the first match, not when the
 * module loads: every CLI command loads this module, few of them match a category.
 */
let lookup: { unknown: Set<string>; words: Map<Characteristic, Map<string, string>> } | undefined;
function buildLookup(): NonNullable<typeof lookup> {
  const words = new Map<Characteristic, Map<string, string>>();
  for (const c of CHARACTERISTICS) {
    const m = new Map<string, string>();
    for (const v of CHARACTERISTIC_VALUES[c]) {
      for (const word of [v.key, v.label, ...(v.group ? [`${v.group} ${v.label}`] : [])]) {
        if (!m.has(normaliseLabel(word))) m.set(normaliseLabel(word), v.key);
      }
    }
    for (const [key, extra] of Object.entries(EXTRA_WORDS[c] ?? {})) {
      for (const w of extra) if (!m.has(normaliseLabel(w))) m.set(normaliseLabel(w), key);
    }
    words.set(c, m);
  }
  return { unknown: new Set(UNKNOWN_WORDS.map(normaliseLabel)), words };
}

/**
 * An imported or typed text as a category key: `null` for an empty or "unknown" cell,
 * `undefined` when the text matches no category (the import reports it).
 */
export function matchCategory(c: Characteristic, text: string): string | null | undefined {
  const n = normaliseLabel(text);
  lookup ??= buildLookup();
  if (n === '' || lookup.unknown.has(n)) return null;
  return lookup.words.get(c)!.get(n);
}
