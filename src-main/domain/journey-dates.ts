import { formatUkDate, type IsoDate } from './dates.ts';
import { everOn, pathwayOn, type EpisodePathway } from './episode-pathway.ts';
import { type Milestone, type Pathway, type Status } from './stages.ts';

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

/**
 * One recorded step: `detail` is the viability result, `reason` the extension's reason (free
 * text), `weeks` the extension's length (reg 25(2): at most REG25_MAX_WEEKS; null where not
 * recorded, which the reg 24 clock takes as the most allowed).
 */
export interface JourneyDate {
  date: IsoDate;
  detail?: string | null;
  reason?: string | null;
  weeks?: number | null;
}

/** The longest reg 25 extension: "a further period not exceeding 8 weeks" (reg 25(2)). */
export const REG25_MAX_WEEKS = 8;

/** An extension's length in words: "4 weeks", "1 week". */
export const extensionWeeksWords = (weeks: number): string => `${weeks} week${weeks === 1 ? '' : 's'}`;
export type JourneyDates = Partial<Record<JourneyDateKind, JourneyDate>>;

/**
 * A recorded step in words, as the timeline, a merge's refusal and the record say it: its date,
 * then its result in the record's words (a viability outcome's, stored as its key) or an
 * extension's length and reason ("4 weeks: Assessment delayed").
 */
export function journeyDateText(j: {
  date?: IsoDate | null;
  detail?: string | null;
  reason?: string | null;
  weeks?: number | null;
}): string {
  const extra = journeyDateDetail(j);
  return `${formatUkDate(j.date ?? null)}${extra ? ` (${extra})` : ''}`;
}

/**
 * What a step adds to its date, as the record's "Outcome or reason" column says it: a viability
 * outcome's result in words ("Positive"), an extension's length and reason ("4 weeks: Assessment
 * delayed"); '' for a date alone.
 */
export function journeyDateDetail(j: {
  detail?: string | null;
  reason?: string | null;
  weeks?: number | null;
}): string {
  if (j.detail) return VIABILITY_RESULT_LABELS[j.detail as ViabilityResult] ?? j.detail;
  return [j.weeks ? extensionWeeksWords(j.weeks) : null, j.reason].filter(Boolean).join(': ');
}

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
