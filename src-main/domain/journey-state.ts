import type { IsoDate } from './dates.ts';
import { type EpisodeEnding, type JourneyDates } from './journey-dates.ts';
import { otherPathway, type EpisodePathway } from './episode-pathway.ts';
import {
  MILESTONES,
  OPEN_STAGES,
  stageReached,
  type Milestone,
  type OpenStage,
  type Pathway,
  type Status,
} from './stages.ts';

/**
 * What the journey engine (domain/journey.ts) knows of a household, and the plain readings of it
 * (where it stands, its latest milestone, the stage a closure records, where an enquiry belongs).
 */

export type Dates = Partial<Record<Milestone, IsoDate>>;

/**
 * A closure or cessation as the engine sees it. `interview`: the earliest date of the exit interview
 * that follows it (offered, else held), which a moved ending may not pass; read by the import plan
 * only for a row that restates the ending with another date (by hand an ending is not moved).
 */
export interface Ending {
  id: number | null;
  date: IsoDate;
  /** `notice`: a cessation's notice date, from which its interview may be held (order-rules exitInterviewFrom). */
  interview?: { on: IsoDate; what: 'offered' | 'held'; notice?: IsoDate | null } | null;
  /**
   * A closure's stage as stored, which a later pathway switch dated before its viability request
   * moves (the decider's restageClosure). Read by the hand writer; the import plan restages a
   * standing closure itself (its switches are dated after the closure, or start a new episode).
   */
  stage?: OpenStage;
}

/** What the engine needs to know about a household: its current episode and how it ended, if it did. */
export interface JourneyState {
  reference: string;
  episode: number;
  pathway: Pathway;
  /** The current episode's milestone dates. */
  dates: Dates;
  respondedDate: IsoDate | null;
  /** The current episode's closure (a closure of an earlier episode was re-opened and is history). */
  closure: Ending | null;
  cessation: Ending | null;
  /**
   * The date of the household's latest pathway switch, if any (see pathwaySwitchFault). The import
   * plan reads it only for a row that would switch.
   */
  lastSwitchOn?: IsoDate | null;
  /** A purge erased its personal details (a merge can bring it nothing: journey-merge.ts). */
  erased?: boolean;
  /** The day they were erased (hand-actions.ts endingErased: an ending before it stays). */
  erasedOn?: IsoDate | null;
  /**
   * The dates of the current episode's pathway switches, in order (see pathwaySwitchFault: at most
   * two). Read from the database by the writer, and by the import plan only for a row that would
   * switch; omitted: none.
   */
  episodeSwitches?: IsoDate[];
  /**
   * A re-opened episode's start: the date of the closure it re-opened (the previous episode's), which
   * its enquiry may not move before. Omitted by the import plan, which never moves a re-opened
   * episode's enquiry back (an earlier date is an old export's row: placeEnquiry).
   */
  reopenedAfter?: IsoDate | null;
  /**
   * A re-opened episode's latest earlier pathway switch: the last dated before its enquiry, which
   * an earlier episode holds (most often recorded while the household was closed). A correction
   * may not move the enquiry onto or before it: the switch would fall inside this episode, and a
   * third change there is read as one. Omitted by the import plan, as reopenedAfter is.
   */
  priorSwitchOn?: IsoDate | null;
  /**
   * The carers' dates already recorded (domain/carers.ts joiningFault, leavingFault,
   * placeChangeFault): `from`, the earliest joining date or change of places, which the approval may
   * not pass; `until`, the latest joining or leaving date or change of places, which a cessation may
   * not precede. Read by the writer, and by the import plan for a row bringing an approval or a
   * cessation; omitted: none.
   */
  carerDates?: { from: IsoDate | null; until: IsoDate | null } | null;
  /**
   * The current episode's dated steps (panel minutes, the kinship journey), which bound the
   * milestones they follow (domain/journey-date-order.ts MILESTONE_DEPENDANTS) and a closure (not before
   * the viability request). Read by the writer, and by the import plan for a row that moves a
   * bounded milestone or brings a closure; omitted: none.
   */
  journeyDates?: JourneyDates | null;
}

/** Where a household stands, from its journey (the same answer as domain/summary.ts gives from stored rows). */
export function statusOf(s: JourneyState): Status {
  if (s.cessation) return 'ceased';
  if (s.dates.approval) return 'approved';
  return s.closure ? 'closed' : 'open';
}

/** The latest milestone on or before `upTo`, in stage order on ties. */
export function latestMilestone(
  dates: Dates,
  upTo = '9999-12-31',
): { kind: Milestone; date: IsoDate } | null {
  let latest: { kind: Milestone; date: IsoDate } | null = null;
  for (const kind of MILESTONES) {
    const date = dates[kind];
    if (date && date <= upTo && (!latest || date >= latest.date)) latest = { kind, date };
  }
  return latest;
}

/**
 * The open stage a closure dated `closedOn` had reached: the furthest milestone on or before it,
 * and Stage 1 at least once the episode's kinship application was made (`kinshipApplied`, its
 * viability request made while kinship: journey-dates.ts `kinshipApplication`; asked only when the
 * milestones stop short of Stage 1). A kinship household's viability assessment stands as its
 * formal application, as the Stage 1 start does in the statutory two-stage process (domain
 * brief), and the Ofsted return counts such a closure as an application withdrawn or turned down:
 * the drop-out table puts it at Stage 1 with them, not at Enquiry (migration 20 moved the
 * closures stored before this rule).
 */
export function stageAtClosure(
  dates: Dates,
  closedOn: IsoDate,
  kinshipApplied: () => IsoDate | null,
): OpenStage {
  const reached = stageReached(MILESTONES.filter((m) => dates[m] && dates[m]! <= closedOn));
  if (OPEN_STAGES.indexOf(reached) >= OPEN_STAGES.indexOf('stage1')) return reached;
  const applied = kinshipApplied();
  return applied !== null && applied <= closedOn ? 'stage1' : reached;
}

/**
 * The day an episode starts: its enquiry or, where none is recorded (a carers register's household
 * holds its approval alone), its earliest recorded milestone (milestones run in order), else its
 * closure. Its switches are those dated from it on: the engine counts them (a third is refused) and
 * db/episodes.ts (START) reads its pathway record so, in SQL.
 */
export function episodeStart(dates: Dates, closedOn: IsoDate | null): IsoDate | null {
  return firstMilestone(dates)?.date ?? closedOn;
}

/** The episode's first recorded milestone: its enquiry, or where none is recorded the earliest. */
export function firstMilestone(dates: Dates): { kind: Milestone; date: IsoDate } | null {
  const kind = MILESTONES.find((m) => dates[m]);
  return kind ? { kind, date: dates[kind]! } : null;
}

/**
 * The current episode's pathway record (as at its enquiry, with its switches), from the
 * household's pathway now and the episode's switches (`episodeSwitches`): each switch after the
 * enquiry turned it to the other pathway.
 */
export function episodePathwayOf(s: Pick<JourneyState, 'pathway' | 'episodeSwitches'>): EpisodePathway {
  const switches = s.episodeSwitches ?? [];
  const last = switches.at(-1) ?? null;
  return {
    pathway: switches.length % 2 === 1 ? otherPathway(s.pathway) : s.pathway,
    switched_on: last,
    switched_to: last ? s.pathway : null,
    first_switched_on: switches.length >= 2 ? switches[0]! : null,
  };
}

/** How the current episode ended, if it has: its closure, else the household's cessation. */
export function episodeEnding(s: Pick<JourneyState, 'closure' | 'cessation'>): EpisodeEnding | null {
  if (s.closure) return { what: 'closure', date: s.closure.date };
  return s.cessation ? { what: 'cessation', date: s.cessation.date } : null;
}

/** Where an enquiry date arriving for a known household belongs. */
export type EnquiryPlace =
  /** the current episode (its own enquiry, or a correction of it while it is the only one) */
  | 'current'
  /** a new episode: the household enquires again on or after its closure */
  | 'reopens'
  /** an episode before the current one: an old export's row, which must not rewrite the newer episode */
  | 'earlier';

export function placeEnquiry(
  enquiry: IsoDate,
  s: Pick<JourneyState, 'episode' | 'dates' | 'closure'>,
): EnquiryPlace {
  const current = s.dates.enquiry ?? null;
  if (enquiry === current) return 'current';
  if (s.closure && enquiry >= s.closure.date) return 'reopens';
  if (s.episode > 1 && current && enquiry < current) return 'earlier';
  return 'current';
}
