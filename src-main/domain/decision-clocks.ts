import { addDays, daysBetween, type IsoDate } from './dates.ts';
import type { JourneyDates } from './journey-dates.ts';

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
export const REG24_WEEKS = { first: 16, final: 24 } as const;

export interface Reg24Clock {
  placement: IsoDate;
  /** Days the clock stood still while an IRM review was pending (to date, if still pending). */
  pausedDays: number;
  /** An IRM review is pending: the clock is stopped and no limit falls due. */
  stopped: boolean;
  extended: boolean;
  /** The 16-week limit, moved on by the days stopped. */
  firstLimit: IsoDate;
  /** The limit including the reg 25 extension (24 weeks), moved on by the days stopped. */
  finalLimit: IsoDate;
  /** The limit that applies now: the final one once extended, else the first. */
  limit: IsoDate;
}

/**
 * The reg 24 temporary approval clock, from the placement date (never the enquiry): 16 weeks,
 * 24 with the one reg 25 extension; it stands still while an IRM review is pending
 * (from `irm_pending_from` up to `irm_pending_to`, or to `today` while still pending: no limit
 * falls due then, so alerts need no today).
 */
export function reg24Clock(
  j: JourneyDates,
  weeks: { first: number; final: number },
  today?: IsoDate,
): Reg24Clock | null {
  const placement = j.reg24_placement?.date;
  if (!placement) return null;
  const from = j.irm_pending_from?.date;
  const to = j.irm_pending_to?.date;
  const stopped = !!from && !to;
  const pausedDays = from ? Math.max(0, daysBetween(from, to ?? (today && today > from ? today : from))) : 0;
  const firstLimit = addDays(placement, weeks.first * 7 + pausedDays);
  const finalLimit = addDays(placement, weeks.final * 7 + pausedDays);
  const extended = !!j.extension;
  return {
    placement,
    pausedDays,
    stopped,
    extended,
    firstLimit,
    finalLimit,
    limit: extended ? finalLimit : firstLimit,
  };
}

/**
 * The reg 24 limit that falls due on a clock, and which: the final (24-week) limit once the
 * reg 25 extension is recorded, else the first (16-week) one; none while an IRM review is
 * pending. The alerts and Home's kinship deadlines both read it.
 */
export function reg24Due(
  clock: Reg24Clock | null,
): { kind: 'reg24_first' | 'reg24_final'; due: IsoDate } | null {
  if (!clock || clock.stopped) return null;
  return { kind: clock.extended ? 'reg24_final' : 'reg24_first', due: clock.limit };
}
