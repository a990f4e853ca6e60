import type { ReportDefinition } from '../contract/reports.ts';
import {
  ASKED_FROM,
  askedIn,
  DEREGISTRATION_CATEGORIES,
  OFSTED_CHANGES_URL,
  OFSTED_COLLECTION_URL,
  WITHDRAWAL_CODES,
  ofstedMethodologyUrl,
} from '../domain/ofsted.ts';

/**
 * The rows of the Ofsted return, in the order of the collection's recruitment, retention
 * and capacity sections, each with what the app counts and where Ofsted defines it. Quoted
 * text is Ofsted's own (from the pages linked); the rest says how this app counts the item
 * from its records. Keys are part of the JSON output and never change.
 */
export interface OfstedRow {
  key: string;
  label: string;
  kind: 'count' | 'days';
  /** The template's section the row sits in (the xlsx groups rows under these). */
  part: 'recruitment' | 'withdrawals' | 'deregistrations' | 'capacity';
  definition: string;
  /** What ASKED_FROM calls the item, where not every year's collection asks for it. */
  asked?: keyof typeof ASKED_FROM;
  /** Collected for mainstream fostering alone: the family and friends column is "not collected". */
  mainstreamOnly?: true;
}

const GUIDANCE = `Ofsted's fostering data collection guidance for the year (${OFSTED_COLLECTION_URL})`;

const ROWS: readonly OfstedRow[] = [
  {
    key: 'initial_enquiries',
    label: 'Initial enquiries',
    kind: 'count',
    part: 'recruitment',
    mainstreamOnly: true,
    definition: `Enquiries of mainstream households dated in the year (a re-enquiry after a closure counts again), on the pathway of the enquiry. Ofsted collects initial enquiries for mainstream fostering only, so a family and friends household's enquiry is counted in no column, and the family and friends column says "not collected" (the kinship table counts its viability requests). Ofsted refined what does and does not count as an initial enquiry for 2023-24 and again for 2024-25 (${OFSTED_CHANGES_URL}): check the year's guidance before returning the figure.`,
  },
  {
    key: 'applications_received',
    label: 'Applications received',
    kind: 'count',
    part: 'recruitment',
    definition: `Applications received in the year. The application received is the Stage 1 start (in the statutory two-stage process Stage 1 begins when the formal application is received), or the EOI where Settings say the EOI is the formal application. For a family and friends (kinship) household the viability assessment request stands as the formal application: it is the application received when the household was on the kinship pathway on the day of the request, unless a Stage 1 start (or EOI) had been received before it. An application counts once, in the year it was received, on the pathway of that day, so a later change of pathway never moves it. Each later figure of an application is counted on the pathway of its own date, as the Source says: a withdrawn or turned-down application on the pathway of its closure, an approved one (and its days to approval) on the pathway of its approval, one in progress on the pathway at 31 March. See ${GUIDANCE}.`,
  },
  {
    key: 'applications_approved',
    label: 'Applications approved',
    kind: 'count',
    part: 'recruitment',
    definition:
      'Approvals dated in the year of households whose application received (see Applications received) is recorded for the same episode.',
  },
  {
    key: 'applications_withdrawn',
    label: 'Applications withdrawn',
    kind: 'count',
    part: 'recruitment',
    definition:
      'Applications closed in the year by the household: the applicant withdrew, or contact was lost. Lost contact counts as a withdrawal under the code of its reason (AW0 by default; Settings → drop-out reasons changes a reason’s Ofsted code). A household that withdrew after the panel heard its application counts here but under no code: the codes are asked only of withdrawals before panel.',
  },
  ...WITHDRAWAL_CODES.map((c) => ({
    key: `withdrawn_${c.code.toLowerCase()}`,
    label: `Withdrawn – ${c.code}: ${c.label}`,
    kind: 'count' as const,
    part: 'withdrawals' as const,
    asked: 'withdrawalCodes' as const,
    definition: `"${c.label} (${c.code})", one of the reasons "why households chose to withdraw from the application process before consideration at panel" (${OFSTED_CHANGES_URL}). Counted from the Ofsted code of the closure's drop-out reason; a reason without a code counts as AW0. Closures at the panel stage (after the panel heard the application) are not counted under any code, so the codes may add up to fewer than Applications withdrawn.`,
  })),
  {
    key: 'applications_turned_down',
    label: 'Applications turned down',
    kind: 'count',
    part: 'recruitment',
    definition:
      'Applications closed in the year by the service (checks unsatisfactory, counselled out, not approved by panel or the decision maker).',
  },
  {
    key: 'applications_in_progress_31_march',
    label: 'Applications in progress at 31 March',
    kind: 'count',
    part: 'recruitment',
    definition:
      'Applications received on or before 31 March that were neither approved nor closed by 31 March.',
  },
  {
    key: 'households_approved',
    label: 'Households approved in the year',
    kind: 'count',
    part: 'capacity',
    definition: 'Households whose first approval is dated in the year.',
  },
  {
    key: 'households_deregistered',
    label: 'Households deregistered in the year',
    kind: 'count',
    part: 'deregistrations',
    definition: `Approved households whose deregistration is dated in the year, by the return's deregistration categories below (mapped from this service's leaving reasons in Settings). See ${GUIDANCE}.`,
  },
  ...DEREGISTRATION_CATEGORIES.map((c) => ({
    key: `deregistered_${c.key}`,
    label: `Deregistered – ${c.label}`,
    kind: 'count' as const,
    part: 'deregistrations' as const,
    definition: `Deregistrations in the year whose leaving reason maps to "${c.label}" (Settings → Ofsted return).`,
  })),
  {
    key: 'approved_and_deregistered',
    label: 'Households approved and deregistered in the year',
    kind: 'count',
    part: 'deregistrations',
    definition: 'Households first approved in the year and deregistered in the same year.',
  },
  {
    key: 'new_approvals_active_31_march',
    label: 'Newly approved households still approved at 31 March',
    kind: 'count',
    part: 'capacity',
    definition:
      'Households first approved in the year and not deregistered by 31 March, each on its pathway at approval, as in the households approved in the year (so a switch since does not move it).',
  },
  {
    key: 'households_31_march',
    label: 'Approved households at 31 March',
    kind: 'count',
    part: 'capacity',
    definition: 'Households approved on or before 31 March and not deregistered by then.',
  },
  {
    key: 'carers_31_march',
    label: 'Approved foster carers at 31 March',
    kind: 'count',
    part: 'capacity',
    definition:
      'People recorded as carers of the households approved at 31 March who were in the household then: not yet left, and joined by then (a carer with no joining date has been one since the approval). "not recorded" when any of those households has no carer entered.',
  },
  {
    key: 'places_31_march',
    label: 'Approved places at 31 March',
    kind: 'count',
    part: 'capacity',
    definition:
      'Places at approval plus the places added and minus those removed on or before 31 March, over the households approved at 31 March. "not recorded" when any of those households has no places entered.',
  },
  {
    key: 'median_days_application_to_approval',
    label: 'Median days from application to approval',
    kind: 'days',
    part: 'recruitment',
    definition:
      'For the applications approved in the year: the median number of days from the application received (see Applications received) to approval (mean of the middle two when even).',
  },
];

const PART_ORDER: ReadonlyArray<OfstedRow['part']> = [
  'recruitment',
  'withdrawals',
  'deregistrations',
  'capacity',
];

/** The rows part by part (a stable sort keeps each part's own order): the JSON, screen and xlsx order. */
export const OFSTED_ROWS: readonly OfstedRow[] = [...ROWS].sort(
  (a, b) => PART_ORDER.indexOf(a.part) - PART_ORDER.indexOf(b.part),
);

/**
 * The list behind a figure as the screen points at it and as a saved file can (where nothing
 * opens): the same definition says each, so the two wordings never drift apart.
 */
const LIST_BEHIND = {
  screen: {
    says: 'the list behind the figure says which',
    opens: 'open it to list the households it would count',
  },
  file: {
    says: 'the app lists the carers behind the figure and says which',
    opens: 'the app lists the households it would count',
  },
} as const;

/** A definition's screen text and, where they differ, its saved files' text, from one wording. */
const worded = (say: (where: keyof typeof LIST_BEHIND) => string) => ({
  text: say('screen'),
  fileText: say('file'),
});

/** The rows the collection of the year starting in `startYear` asks for, in OFSTED_ROWS's order. */
export const ofstedRows = (startYear: number): readonly OfstedRow[] =>
  OFSTED_ROWS.filter((r) => r.asked === undefined || askedIn(r.asked, startYear));

export function ofstedDefinitions(startYear: number): ReportDefinition[] {
  return [
    {
      key: 'source',
      label: 'Source',
      text: `Ofsted's annual fostering data collection for ${startYear}-${String(startYear + 1).slice(2)}: ${OFSTED_COLLECTION_URL}; the year's methodology: ${ofstedMethodologyUrl(startYear)}. Columns: mainstream and family and friends (connected persons) households, each household on its pathway at the date of what is counted (the enquiry, application, approval, withdrawal or deregistration; 31 March for the figures at 31 March), so a later switch never moves a figure already returned; All is both.`,
    },
    ...ofstedRows(startYear).map((r) => ({ key: r.key, label: r.label, text: r.definition })),
    {
      key: 'characteristics',
      label: 'Carer characteristics',
      ...worded(
        (where) =>
          `Approved carers at 31 March by age band (from the date of birth) and by each recorded characteristic; "Not recorded" counts carers with nothing entered (for age: no date of birth, or one giving an age under 18 at 31 March, which is likely mistyped; ${LIST_BEHIND[where].says}); "Erased (retention period passed)", shown only where there are any, counts carers whose details a purge erased once the retention period had passed (a year long past), whom the return made then counted under what was recorded. Ofsted: "We will collect the data for approved carers as at 31 March only", "at aggregate rather than carer level, to allow for personal anonymity" (${OFSTED_CHANGES_URL}). Ofsted takes them as exact counts, so they are suppressed only with the rest of the return (for a copy shared beyond the service): then 1 to 4 show as <5, and a second figure (which may be larger, or 0) as <5 too wherever a total, or the approved carers at 31 March printed above, would give a hidden one back.`,
      ),
    },
    {
      key: 'not_recorded',
      label: 'not recorded',
      ...worded(
        (where) => `A figure the records cannot give (never shown as 0); ${LIST_BEHIND[where].opens}.`,
      ),
    },
  ];
}
