import { formatUkDate, type IsoDate } from './dates.ts';
import { everOn, pathwayOn, type EpisodePathway } from './episode-pathway.ts';
import { MILESTONE_LABELS, MILESTONE_WORDS, type Milestone, type Pathway, type Status } from './stages.ts';

/**
 * The journey's dated steps that are not stages (issues 14 and 15): all Stage 1 information
 * obtained, the panel minutes, and the kinship steps (viability request and outcome, reg 24
 * placement, extension, IRM review). They never move a household's stage; they date the clocks:
 * application received, the Stage 1 decision, the decision after panel and the reg 24 temporary
 * approval. Stored one per kind per episode in `journey_dates`; the episodes row carries each as a
 * column of the same name. Adding a kind: a migration widens journey_dates' CHECK and adds the
 * episodes column (as 23 did for `stage1_information`; db/episodes.ts names each kind's migration).
 */
export const JOURNEY_DATE_KINDS = [
  'stage1_information',
  'panel_minutes',
  'viability_request',
  'viability_outcome',
  'reg24_placement',
  'extension',
  'irm_pending_from',
  'irm_pending_to',
] as const;
export type JourneyDateKind = (typeof JOURNEY_DATE_KINDS)[number];

export const JOURNEY_DATE_LABELS: Record<JourneyDateKind, string> = {
  stage1_information: 'Stage 1 information complete',
  panel_minutes: 'Panel minutes received',
  viability_request: 'Viability assessment requested',
  viability_outcome: 'Viability outcome',
  reg24_placement: 'Reg 24 placement (temporary approval)',
  extension: 'Reg 25 extension',
  irm_pending_from: 'IRM review pending from',
  irm_pending_to: 'IRM review concluded',
};

/**
 * A step's label inside a sentence: "the reg 25 extension", "the IRM review concluded"; a stage's
 * name keeps its capital ("the Stage 1 information complete").
 */
export const journeyDateWords = (kind: JourneyDateKind): string =>
  JOURNEY_DATE_LABELS[kind].replace(/^(?!Stage )[A-Z][a-z]/, (c) => c.toLowerCase());

/** Steps of the connected persons (kinship) journey only. */
export const KINSHIP_ONLY: ReadonlySet<JourneyDateKind> = new Set([
  'viability_request',
  'viability_outcome',
  'reg24_placement',
  'extension',
  'irm_pending_from',
  'irm_pending_to',
]);

/**
 * The statuses in which a household's dated steps may be recorded: open, or approved (its panel
 * minutes, a placed child's extension). A closed or ceased household's journey is over. The
 * journey engine refuses any other (domain/hand-actions.ts); the record offers the form only then.
 */
export const JOURNEY_DATE_STATUSES: readonly Status[] = ['open', 'approved'];

/**
 * Whether a household's current episode follows the kinship journey, so the record offers its steps:
 * it is kinship now, or was at some time in the episode (checkJourneyDate takes a kinship step
 * dated while it was, also after a switch to mainstream).
 */
export const followsKinship = (pathwayNow: Pathway, episode: EpisodePathway | null | undefined): boolean =>
  pathwayNow === 'kinship' || (episode != null && everOn(episode, 'kinship'));

export const VIABILITY_RESULTS = ['positive', 'negative'] as const;
export type ViabilityResult = (typeof VIABILITY_RESULTS)[number];
export const VIABILITY_RESULT_LABELS: Record<ViabilityResult, string> = {
  positive: 'Positive',
  negative: 'Negative',
};

/** One recorded step: `detail` is the viability result, `reason` the extension's reason (free text). */
export interface JourneyDate {
  date: IsoDate;
  detail?: string | null;
  reason?: string | null;
}
export type JourneyDates = Partial<Record<JourneyDateKind, JourneyDate>>;

/** What starts the 8-month application clock (Settings; default Stage 1, issue 14). */
export const APPLICATION_BASES = ['stage1', 'eoi'] as const;
export type ApplicationBasis = (typeof APPLICATION_BASES)[number];
export const DEFAULT_APPLICATION_BASIS: ApplicationBasis = 'stage1';
/** Each basis in words, as a sentence names it ("counted from the Stage 1 start"). */
export const APPLICATION_BASIS_WORDS: Record<ApplicationBasis, string> = {
  stage1: 'the Stage 1 start',
  eoi: 'the EOI / application date',
};

/**
 * An episode's "application received" date: the one rule the alerts, the Ofsted return, the
 * diversity table and the timescales table share (the reports read it as SQL, db/journey-sql.ts
 * `applicationReceivedSql`; a unit test holds the two to one table of cases). By default the
 * Stage 1 start (the statutory two-stage process starts Stage 1 on receipt of the application);
 * a service whose EOI is the formal application chooses `eoi` (then a Stage 1 start with no EOI
 * recorded stands in for it). For a kinship household the viability request stands as the
 * formal application: it is the application when the episode was kinship on the day of the
 * request (`pathwayOn`) and nothing earlier was received by the basis; an application is
 * received once, at the first of them. So a mainstream household that switches to kinship after
 * its Stage 1 start keeps that start, and one that switches from kinship to mainstream after its
 * viability request keeps the request.
 *
 * `pathway` is the pathway as at the episode's enquiry and `switched_on`/`switched_to` a dated
 * switch inside it, as on the episodes record (`EpisodePathway`): the alerts and the household's
 * page read the current episode's row (db/episodes.ts `episodePathwayReader`). With no switch
 * given, the episode is on `pathway` throughout.
 */
export function applicationReceived(
  e: Partial<EpisodePathway> & {
    pathway: Pathway;
    eoi?: IsoDate | null;
    stage1?: IsoDate | null;
    viability_request?: IsoDate | null;
  },
  basis: ApplicationBasis,
): IsoDate | null {
  return applicationDate(e, basis)?.date ?? null;
}

/**
 * The milestone the Settings basis takes as the application: a household that reached it, or any
 * later milestone, has applied (the retention rules: a withdrawn or refused applicant is kept 3
 * years, an enquirer who never applied 1). An EOI is an application only where the service
 * counts it as one; otherwise the formal application starts Stage 1 (domain brief).
 */
export const applicationMilestone = (basis: ApplicationBasis): Milestone =>
  basis === 'eoi' ? 'eoi' : 'stage1';

/** Which date an episode's application received is: its viability request, or the Settings basis's. */
export interface ApplicationDate {
  date: IsoDate;
  from: 'viability_request' | ApplicationBasis;
}

/** The rule of `applicationReceived`, saying which date it chose (the household's page shows both). */
export function applicationDate(
  e: Parameters<typeof applicationReceived>[0],
  basis: ApplicationBasis,
): ApplicationDate | null {
  const byBasis = basis === 'eoi' ? (e.eoi ?? e.stage1 ?? null) : (e.stage1 ?? null);
  const v = kinshipApplication(e, e.viability_request);
  if (v && (byBasis === null || v <= byBasis)) {
    return { date: v, from: 'viability_request' };
  }
  return byBasis ? { date: byBasis, from: basis } : null;
}

/** How an episode ended, which none of its dated steps may pass: its closure or its cessation. */
export interface EpisodeEnding {
  what: 'closure' | 'cessation';
  date: IsoDate;
}

const ENDING_LABELS = { closure: 'Closure', cessation: 'Cessation' } as const;

/**
 * Why an ending dated `date` cannot stand before the episode's dated steps, or null: nothing of an
 * episode happens after it ends (checkJourneyDate keeps a step from passing the ending; this keeps
 * the ending from passing a step). Names the latest step it would pass. For a closure the viability
 * request matters twice: it is a kinship household's application, which the stage the closure
 * stands at counts in (journey-state.ts stageAtClosure). Asked of a closure or cessation by hand,
 * by import and moved across by a merge. `replacing`: the ending it corrects (or moves across),
 * with the steps stored beside it: a stored step already after that ending (as an earlier version
 * could store one) is left as it stands and does not hold up the correction, since a closed
 * household's steps cannot be removed first; a step the change brings is held to the ending.
 */
export function endingBeforeStepFault(
  what: EpisodeEnding['what'],
  date: IsoDate,
  steps: JourneyDates | null | undefined,
  replacing?: { date: IsoDate; steps: JourneyDates | null | undefined } | null,
): string | null {
  let latest: { kind: JourneyDateKind; on: IsoDate } | null = null;
  for (const kind of JOURNEY_DATE_KINDS) {
    const on = steps?.[kind]?.date;
    const storedAfter = replacing && on && on > replacing.date && replacing.steps?.[kind]?.date === on;
    if (!on || storedAfter) continue;
    if (on > date && (!latest || on > latest.on)) latest = { kind, on };
  }
  return latest
    ? `${ENDING_LABELS[what]} date ${formatUkDate(date)} is before the ${journeyDateWords(latest.kind)} date ${formatUkDate(latest.on)}.`
    : null;
}

/**
 * An episode's kinship application: its viability request, when the episode was kinship on the
 * day of the request (`pathwayOn`), else null. The viability assessment stands as a kinship
 * household's formal application (domain brief): the application received (`applicationDate`)
 * and the stage a closure stands at (journey-state.ts `stageAtClosure`) both read it here.
 */
export function kinshipApplication(
  e: Partial<EpisodePathway> & { pathway: Pathway },
  viabilityRequest: IsoDate | null | undefined,
): IsoDate | null {
  return viabilityRequest && pathwayOn(e, viabilityRequest) === 'kinship' ? viabilityRequest : null;
}

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

/**
 * Which part of a step a checkJourneyDate fault is about, so the form's box or the file's column
 * named is the one at fault: the outcome's result, the extension's reason, else the date (an
 * extension without its reason and dated in the future is a fault of its date).
 */
export const journeyDateFaultPart = (fault: string): 'result' | 'reason' | 'date' =>
  fault === NEEDS_RESULT ? 'result' : fault === NEEDS_REASON ? 'reason' : 'date';

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
  if (
    KINSHIP_ONLY.has(kind) &&
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
  const from = FOLLOWS_FROM[kind];
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
