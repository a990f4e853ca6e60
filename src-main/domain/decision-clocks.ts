import { addDays, type IsoDate } from './dates.ts';
import { REG25_MAX_WEEKS, type JourneyDates } from './journey-dates.ts';

/**
 * The statutory clocks that run to a decision, from the journey's dated steps: the Stage 1
 * decision, the agency decision after the panel, and a connected person's reg 24 temporary
 * approval. The alerts, the household's page, Home's kinship deadlines and the reports read them
 * from here.
 */

/**
 * A Stage 1 "unsuitable" decision is given within 10 working days of all Stage 1 information
 * being obtained (domain brief, Timescales): statutory, so not a Settings threshold.
 */
export const STAGE1_DECISION_WORKING_DAYS = 10;

type LaterMilestones = { stage2?: IsoDate | null; panel?: IsoDate | null; approval?: IsoDate | null };

/**
 * The episode has gone past Stage 1 (a Stage 2 start, panel or approval): nothing waits on Stage 1
 * any more, so neither its time limit nor its decision clock runs.
 */
export const pastStage1 = (m: LaterMilestones): boolean => !!(m.stage2 || m.panel || m.approval);

/**
 * The Stage 1 decision clock's start: all Stage 1 information obtained, while the episode waits
 * for the decision (not `pastStage1`: the household went on, and an "unsuitable" decision closes
 * it, which ends its alerts). Null when no clock runs.
 */
export function stage1DecisionClockStart(
  milestones: LaterMilestones,
  information: IsoDate | null | undefined,
): IsoDate | null {
  return information && !pastStage1(milestones) ? information : null;
}

/** The decision clock's start: the panel minutes, or the panel date when they are not recorded. */
export function decisionClockStart(
  panel: IsoDate | null | undefined,
  minutes: IsoDate | null | undefined,
): { date: IsoDate; from: 'panel_minutes' | 'panel' } | null {
  if (minutes) return { date: minutes, from: 'panel_minutes' };
  if (panel) return { date: panel, from: 'panel' };
  return null;
}

/** The statutory reg 24 limits: 16 weeks from the placement, 24 with the one reg 25 extension. */
export const REG24_WEEKS = { first: 16, final: 16 + REG25_MAX_WEEKS } as const;

export interface Reg24Clock {
  placement: IsoDate;
  /**
   * An IRM review sought by the limit is pending: the approval lasts until its outcome is known,
   * so no limit falls due. One sought after the limit stops nothing.
   */
  stopped: boolean;
  extended: boolean;
  /** The 16-week limit. */
  firstLimit: IsoDate;
  /** The limit with the reg 25 extension: 24 weeks, or 16 and the extension's length where recorded. */
  finalLimit: IsoDate;
  /**
   * The IRM review's outcome, where it came after the limit that applied: reg 25(3) extends the
   * approval until then, and no longer. Null without a review, or one that ended before the limit.
   */
  irmUntil: IsoDate | null;
  /** The limit that applies now: the final one once extended, else the first; the IRM outcome where later. */
  limit: IsoDate;
}

/**
 * The reg 24 temporary approval clock, from the placement date (never the enquiry): 16 weeks,
 * 24 with the one reg 25 extension (reg 25(2)), or fewer where the extension's length is recorded
 * as less than its 8 weeks. A connected person not approved who seeks an IRM
 * review keeps the approval "until the outcome of the review is known" (reg 25(3)): while the
 * review is pending no limit falls due, and once it ends the limit is its outcome's date where
 * that is later, not the days it was pending added on (the approval is longer only while it is
 * pending). A review begun after the limit that applied had passed changes nothing: the
 * approval had already ended.
 */
export function reg24Clock(j: JourneyDates, weeks: { first: number; final: number }): Reg24Clock | null {
  const placement = j.reg24_placement?.date;
  if (!placement) return null;
  const from = j.irm_pending_from?.date;
  const to = j.irm_pending_to?.date;
  const firstLimit = addDays(placement, weeks.first * 7);
  // An extension or an IRM review is made while the approval runs (reg 25): one dated after the
  // law's limit cannot bring it back (a service's shorter setting warns sooner, and moves neither).
  // Recorded as the record accepts it, it leaves the limit passed.
  const lawFirst = addDays(placement, REG24_WEEKS.first * 7);
  const extended = !!j.extension && j.extension.date <= lawFirst;
  // An extension recorded with its length ends the approval that many weeks after the first
  // limit, never past the final one; one without it is taken as the most reg 25 allows.
  const length = extended ? j.extension?.weeks : undefined;
  const upTo = (first: number, final: number) =>
    addDays(placement, (length ? Math.min(first + length, final) : final) * 7);
  const finalLimit = upTo(weeks.first, weeks.final);
  const base = extended ? finalLimit : firstLimit;
  const review = !!from && from <= (extended ? upTo(REG24_WEEKS.first, REG24_WEEKS.final) : lawFirst);
  const irmUntil = review && to && to > base ? to : null;
  return {
    placement,
    stopped: review && !to,
    extended,
    firstLimit,
    finalLimit,
    irmUntil,
    limit: irmUntil ?? base,
  };
}

/**
 * The reg 24 limit that falls due on a clock, and which: the final limit once the approval is
 * extended (the reg 25 extension's 24 weeks, or an IRM review's outcome), else the first
 * (16-week) one; none while an IRM review is pending. The alerts and Home's kinship deadlines
 * both read it.
 */
export function reg24Due(
  clock: Reg24Clock | null,
): { kind: 'reg24_first' | 'reg24_final'; due: IsoDate } | null {
  if (!clock || clock.stopped) return null;
  return { kind: clock.extended || clock.irmUntil ? 'reg24_final' : 'reg24_first', due: clock.limit };
}
