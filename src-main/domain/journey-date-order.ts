import { formatUkDate, type IsoDate } from './dates.ts';
import { pathwayOn, type EpisodePathway } from './episode-pathway.ts';
import {
  JOURNEY_DATE_LABELS,
  journeyDateWords,
  KINSHIP_ONLY,
  REG25_MAX_WEEKS,
  VIABILITY_RESULTS,
  type EpisodeEnding,
  type JourneyDate,
  type JourneyDateKind,
  type JourneyDates,
  type ViabilityResult,
} from './journey-dates.ts';
import { MILESTONE_LABELS, MILESTONE_WORDS, type Milestone, type Pathway } from './stages.ts';

/**
 * The order of the journey's dated steps (journey-dates.ts) among themselves and against the
 * milestones, each rule once: the lists the engine, the import, the record's offers and the SQL
 * read, and the checks that name the fault when a step or a milestone would break them.
 */

/**
 * The steps that follow from a step (dated on or after it, recorded after it): a step is not
 * corrected past them, and is removed only after them.
 */
export const JOURNEY_DATE_DEPENDANTS: Partial<Record<JourneyDateKind, readonly JourneyDateKind[]>> = {
  viability_request: ['viability_outcome'],
  reg24_placement: ['extension', 'irm_pending_from'],
  irm_pending_from: ['irm_pending_to'],
};

/**
 * The milestone each dated step follows (dated on or after it, checkJourneyDate): the enquiry, for
 * the kinship steps that need none before them; the Stage 1 start, for all its information
 * obtained; the panel, for its minutes. `required`: the step cannot be recorded without it
 * ("Record the panel before the panel minutes received"). Stage 1 and Stage 2 may overlap (domain
 * brief), so all Stage 1 information may come after a Stage 2 start (a reference still awaited
 * when Stage 2 began); it then starts no alert.
 */
const STEP_FOLLOWS: Partial<Record<JourneyDateKind, { milestone: Milestone; required: boolean }>> = {
  viability_request: { milestone: 'enquiry', required: false },
  reg24_placement: { milestone: 'enquiry', required: false },
  stage1_information: { milestone: 'stage1', required: true },
  panel_minutes: { milestone: 'panel', required: true },
};
const stepsFollowing = Object.entries(STEP_FOLLOWS) as Array<
  [JourneyDateKind, { milestone: Milestone; required: boolean }]
>;

/**
 * The milestone a step cannot be recorded without: the record offers the step only once it is
 * recorded in the episode.
 */
export const JOURNEY_DATE_NEEDS: Partial<Record<JourneyDateKind, Milestone>> = Object.fromEntries(
  stepsFollowing.filter(([, f]) => f.required).map(([step, f]) => [step, f.milestone]),
);

/**
 * The dated steps a milestone bounds (each on or after it): the journey engine keeps a correction
 * of the milestone from passing them, and its removal for after theirs.
 */
export const MILESTONE_DEPENDANTS: Partial<Record<Milestone, readonly JourneyDateKind[]>> =
  stepsFollowing.reduce<Partial<Record<Milestone, readonly JourneyDateKind[]>>>(
    (out, [step, { milestone }]) => ({ ...out, [milestone]: [...(out[milestone] ?? []), step] }),
    {},
  );

/**
 * The dated steps that come before a milestone (each on or before it): the reg 24 placement, a
 * temporary approval while a connected person is assessed, comes before the full approval (an
 * approved household needs none), and so do its reg 25 extension and an IRM review's start (each
 * extends that temporary approval, which the full approval ends: domain brief, Timescales), and
 * the viability request, the kinship application (one dated after the approval would become the
 * application of an approval already counted, after a negative number of days, in a return
 * already made), and its outcome, which decides whether the full assessment goes on (the kinship
 * table counts it in its year). The journey engine keeps the milestone from being recorded or corrected to
 * before them; checkJourneyDate keeps them from passing it.
 */
export const MILESTONE_PRECEDENTS: Partial<Record<Milestone, readonly JourneyDateKind[]>> = {
  approval: ['reg24_placement', 'extension', 'irm_pending_from', 'viability_request', 'viability_outcome'],
};

const precedents = Object.entries(MILESTONE_PRECEDENTS) as Array<[Milestone, readonly JourneyDateKind[]]>;

/** Why a step comes before the milestone it precedes, as its refusal says. */
const PRECEDES_BECAUSE: Partial<Record<JourneyDateKind, string>> = {
  reg24_placement: 'a temporary approval comes before the full one',
  viability_request: 'a viability assessment comes before the approval',
  viability_outcome: 'a viability assessment comes before the approval',
  extension: 'it extends a temporary approval, which the full approval ends',
  irm_pending_from: 'it extends a temporary approval, which the full approval ends',
};

/** The step each step follows from: JOURNEY_DATE_DEPENDANTS read the other way. */
const FOLLOWS_FROM: Partial<Record<JourneyDateKind, JourneyDateKind>> = Object.fromEntries(
  (Object.entries(JOURNEY_DATE_DEPENDANTS) as Array<[JourneyDateKind, readonly JourneyDateKind[]]>).flatMap(
    ([from, later]) => later.map((k) => [k, from]),
  ),
);

/** A step a later one follows from, named short inside that one's refusal ("Record the viability request before …"). */
const STEP_IN_SENTENCE: Partial<Record<JourneyDateKind, string>> = {
  viability_request: 'viability request',
  reg24_placement: 'reg 24 placement',
  irm_pending_from: 'IRM review pending',
};

/**
 * A milestone dated `date` against the episode's dated steps: the first it would pass (a step it
 * bounds dated before it, or one it follows dated after it), as the message to show; or null.
 * The engine asks it of a milestone recorded or corrected, and of those a merge brings together.
 */
export function milestoneStepsFault(
  kind: Milestone,
  date: IsoDate,
  steps: JourneyDates | null | undefined,
): string | null {
  const words = (step: JourneyDateKind, on: IsoDate, how: 'after' | 'before') =>
    `${MILESTONE_LABELS[kind]} date ${formatUkDate(date)} is ${how} the ${journeyDateWords(step)} date ${formatUkDate(on)}: correct that first.`;
  for (const step of MILESTONE_DEPENDANTS[kind] ?? []) {
    const on = steps?.[step]?.date;
    if (on && on < date) return words(step, on, 'after');
  }
  for (const step of MILESTONE_PRECEDENTS[kind] ?? []) {
    const on = steps?.[step]?.date;
    if (on && on > date) return words(step, on, 'before');
  }
  return null;
}

const NEEDS_RESULT = 'Say whether the viability outcome was positive or negative.';
const NEEDS_REASON = 'Say why the temporary approval was extended.';
const NEEDS_WEEKS = `An extension is for 1 to ${REG25_MAX_WEEKS} weeks (reg 25(2)): give its length in whole weeks.`;

/**
 * Which part of a step a checkJourneyDate fault is about, so the form's box or the file's column
 * named is the one at fault: the outcome's result, the extension's reason or length, else the date (an
 * extension without its reason and dated in the future is a fault of its date).
 */
const FAULT_PARTS: Record<string, 'result' | 'reason' | 'weeks'> = {
  [NEEDS_RESULT]: 'result',
  [NEEDS_REASON]: 'reason',
  [NEEDS_WEEKS]: 'weeks',
};
export const journeyDateFaultPart = (fault: string): 'result' | 'reason' | 'weeks' | 'date' =>
  FAULT_PARTS[fault] ?? 'date';

/**
 * Checks one step against the journey so far: the household's pathway, what must come first
 * and the date order. Returns the message naming the fault, or null. The UI, the import and the
 * CLI all reach it through the one writer.
 */
export function checkJourneyDate(
  kind: JourneyDateKind,
  value: JourneyDate,
  ctx: {
    pathway: Pathway;
    /**
     * The episode's pathway record, when known (hand edits): a kinship step dated while the episode
     * was on kinship is taken also once it has switched to mainstream (a kinship carer who became a
     * mainstream one can still have its reg 24 placement corrected).
     */
    episode?: EpisodePathway | null;
    milestones: Partial<Record<Milestone, IsoDate>>;
    journey: JourneyDates;
    today: IsoDate;
    /**
     * Steps checked in the same change (an import row's), each against the steps before it: not
     * checked again here as following this one, so one fault is named once.
     */
    checkedToo?: ReadonlySet<JourneyDateKind>;
    /** The episode's closure or cessation, when it has ended (endingBeforeStepFault's other half). */
    ending?: EpisodeEnding | null;
  },
): string | null {
  const label = JOURNEY_DATE_LABELS[kind];
  const { date } = value;
  if (date > ctx.today) return `${label} date ${formatUkDate(date)} is in the future.`;
  if (ctx.ending && date > ctx.ending.date)
    return `${label} date ${formatUkDate(date)} is after the ${ctx.ending.what} date ${formatUkDate(ctx.ending.date)}: nothing of the episode comes after it.`;
  // A step that follows from one recorded (the extension or IRM review of a placement made under
  // reg 24, the outcome of a viability request) belongs to it, whatever the pathway since: the reg 24
  // clock follows the placement, and the steps that lengthen or stop it were refused after a switch
  // to mainstream, leaving the limit overdue with no way to record its extension (helper-242).
  const from = FOLLOWS_FROM[kind];
  if (
    KINSHIP_ONLY.has(kind) &&
    !(from && ctx.journey[from]) &&
    ctx.pathway !== 'kinship' &&
    !(ctx.episode && pathwayOn(ctx.episode, date) === 'kinship')
  ) {
    return ctx.episode && ctx.episode.switched_on
      ? `${label} is a step of the kinship (connected persons) journey; this household was mainstream on ${formatUkDate(date)}.`
      : `${label} is a step of the kinship (connected persons) journey; this household is mainstream.`;
  }
  if (kind === 'viability_outcome' && !VIABILITY_RESULTS.includes(value.detail as ViabilityResult)) {
    return NEEDS_RESULT;
  }
  if (kind === 'extension' && !value.reason?.trim()) return NEEDS_REASON;
  const weeks = value.weeks;
  if (
    kind === 'extension' &&
    weeks != null &&
    !(Number.isInteger(weeks) && weeks >= 1 && weeks <= REG25_MAX_WEEKS)
  )
    return NEEDS_WEEKS;
  const after = (what: string, earlier: IsoDate | null | undefined, required: boolean): string | null => {
    if (!earlier) return required ? `Record the ${what} before the ${journeyDateWords(kind)}.` : null;
    return date < earlier
      ? `${label} date ${formatUkDate(date)} is before the ${what} date ${formatUkDate(earlier)}.`
      : null;
  };
  const j = ctx.journey;
  const m = ctx.milestones;
  // A step corrected to after a step that follows from it (the placement an extension extends).
  for (const later of JOURNEY_DATE_DEPENDANTS[kind] ?? []) {
    const d = ctx.checkedToo?.has(later) ? null : j[later]?.date;
    if (d && d < date)
      return `${label} date ${formatUkDate(date)} is after the ${journeyDateWords(later)} date ${formatUkDate(d)}.`;
  }
  const follows = STEP_FOLLOWS[kind];
  const milestoneFault =
    follows &&
    after(
      // "the Stage 1 start", "the panel"
      follows.milestone === 'stage1' ? `${MILESTONE_WORDS.stage1} start` : MILESTONE_WORDS[follows.milestone],
      m[follows.milestone],
      follows.required,
    );
  if (milestoneFault) return milestoneFault;
  // The step it follows from (JOURNEY_DATE_DEPENDANTS read the other way) is recorded first.
  const fromFault = from && after(STEP_IN_SENTENCE[from] ?? journeyDateWords(from), j[from]?.date, true);
  if (fromFault) return fromFault;
  // A milestone it comes before (MILESTONE_PRECEDENTS), once recorded, is not passed.
  for (const [milestone, steps] of precedents) {
    const on = m[milestone];
    if (steps.includes(kind) && on && date > on)
      return `${label} date ${formatUkDate(date)} is after the ${MILESTONE_WORDS[milestone]} date ${formatUkDate(on)}: ${PRECEDES_BECAUSE[kind] ?? `it comes before the ${MILESTONE_WORDS[milestone]}`}.`;
  }
  return null;
}
