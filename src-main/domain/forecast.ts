import { isoToDayNumber, type IsoDate } from './dates.ts';
import {
  CHAIN,
  emptyModels,
  finishModels,
  FROM_STAGES,
  type FromStage,
  type OpenEpisode,
  type StageModel,
} from './forecast-model.ts';
import { simulate, type Simulation } from './forecast-simulate.ts';
import {
  APPROVAL,
  CLOSED,
  closedBy,
  daysOfEpisodes,
  knownInto,
  onPathway,
  SLOTS,
  spans,
  type EpisodeDays,
  type ForecastEpisode,
} from './forecast-episode-days.ts';

/**
 * The approvals forecast: a pure function of episodes, an "as at" date and a seed.
 *
 * Each open stage has a conversion (of the episodes that entered the stage in the training
 * years and have since moved on or dropped out, the share that moved on) and two histories of
 * days: stage to next stage for those that moved on, stage to closure for those that dropped
 * out. Every open episode is then walked forward many times with a seeded random source:
 * - at its current stage it has already waited `w` days without moving or dropping out, so it
 *   moves on with p·Sc(w) / (p·Sc(w) + (1−p)·Sd(w)), where Sc and Sd are the shares of the
 *   histories longer than `w` (each smoothed by a half); an episode that has waited longer than
 *   every move has at most p, falling as the wait grows (forecast-model.ts moveChance),
 *   after a time drawn from the histories longer than
 *   `w` (or, when none is, the whole history again);
 * - at every later stage it moves on with the stage's conversion after a time drawn from its history;
 * - it stops at approval (counted in the period its date falls in), at a drop-out, or once past the horizon.
 * The expected figure is the mean over the runs, the range their 10th to 90th percentile.
 *
 * Only facts dated on or before the "as at" date are used, so a backtest as at a past date sees
 * what the records then said. A stage without a milestone between two recorded ones (EOI left
 * blank, Stage 1 recorded) is taken as passed on the date of the next recorded stage.
 */

export {
  CHAIN,
  conditionalConversion,
  FROM_STAGES,
  historyEndsAt,
  RUNS,
  SEED,
  type FromStage,
  type OpenEpisode,
  type StageModel,
} from './forecast-model.ts';
export { rangeOver, simulate, type Bin, type Simulation } from './forecast-simulate.ts';
export {
  daysOfEpisodes,
  endOf,
  knownAt,
  onPathway,
  SLOTS,
  type EpisodeDays,
  type ForecastEpisode,
  type PathwayDays,
  type Spans,
} from './forecast-episode-days.ts';

/**
 * The expected approvals as shown beside their 80 % range, wherever they are shown (Home, the
 * forecast and backtest tables, so their exports and charts): whole households, as the range
 * counts them. The mean itself can fall outside its own range (four households each approved 49
 * times in 50: the runs approve all four nine times in ten, so the range is 4 to 4, while the
 * mean is 3.9); rounded, it reads as a number of approvals inside it. The breakdown by stage keeps
 * the mean's decimal.
 */
export const expectedApprovals = (mean: number): number => Math.round(mean);

/** An episode open on the "as at" day, with where it sits in the columns. */
export interface OpenAt extends OpenEpisode {
  /** Its index in the columns. */
  index: number;
  /** Its approval day, NaN for none (an open episode's approval, if any, is after the day). */
  approval: number;
}

/**
 * The most whole days a training history counts in place (a day further is gathered in a list;
 * see scanDays). A window of three years needs about 1,100.
 */
const COUNTED_DAYS = 1 << 16;

/** A day the scan reads the records as they stood, with the training window to gather histories from (day numbers). */
interface ScanPoint {
  asAt: number;
  window: { from: number; to: number } | null;
}

/** What the scan found as at one day: the open episodes and each stage's histories. */
interface Scanned {
  open: OpenAt[];
  models: StageModel[];
  sorted: boolean;
}

/**
 * One pass over the episodes as the records stood at each point's `asAt`: those open then
 * (reached a stage, not approved, not closed), in episode order, and, given a training window
 * (day numbers), each stage's days to the next stage or to closure of the episodes that entered
 * it in the window. Every point's answer is what a pass of its own would find; the backtest's
 * years share one pass (a pass a year read every episode's spans and days again, five times).
 *
 * With `counted`, the days are counted by whole day as they come rather than pushed onto lists
 * sorted afterwards (a million pushes a backtest year were a third of the scan): the counts,
 * read from day 0 up, are the sorted list itself, which is what sortDays's counting makes of a
 * list of whole days from 0 up (and what finishModels needs: the histories sorted, their order
 * of arrival lost anyway). A day that is not a whole number within the counts (a fraction, or
 * too far: day numbers are whole, and a day counted is between two dates in the window, so
 * neither should happen) cannot be counted: that point's answer is then null, and the caller
 * scans again with lists.
 */
function scanDays(d: EpisodeDays, points: readonly ScanPoint[], counted = false): Array<Scanned | null> {
  const known = new Float64Array(CHAIN.length);
  const { first, last, ended } = spans(d);
  const scans = points.map(({ asAt, window }) => {
    // Days counted per stage and kind (to the next stage, to closure): every day counted is from
    // a day in the window to one on or before `asAt`, so at most asAt − window.from.
    const span = window ? asAt - window.from : NaN;
    const size = span >= 0 && span < COUNTED_DAYS ? Math.floor(span) + 1 : COUNTED_DAYS;
    return {
      asAt,
      window,
      size,
      counts: counted && window ? new Uint32Array(FROM_STAGES.length * 2 * size) : null,
      open: [] as OpenAt[],
      models: emptyModels(),
      failed: false,
    };
  });
  // Each point's day and window start at hand in arrays (+Infinity: no window, so the test of an
  // ended episode's last milestone against it always holds, as with no window).
  const asAts = Float64Array.from(points, (p) => p.asAt);
  const starts = Float64Array.from(points, (p) => (p.window ? p.window.from : Infinity));
  const n = points.length;
  for (let j = 0; j < d.count; j++) {
    const firstDay = first[j]!;
    const lastDay = last[j]!;
    const endDay = ended[j]!;
    // `known` holds the stages with every milestone day by the day read (the same for any day on
    // or after the last milestone): worked out once an episode for the points at or after it.
    let reachedByLast = -2;
    for (let p = 0; p < n; p++) {
      const asAt = asAts[p]!;
      // Passed over without a look at its stages, as they would add nothing: an episode with no
      // milestone by the day (none reached), and one ended by the day (closed or approved: not
      // open) whose milestones all fall before the window (no history in it). The backtest's
      // earlier years pass over most episodes this way.
      if (firstDay > asAt) continue;
      if (lastDay < starts[p]! && endDay <= asAt) continue;
      const s = scans[p]!;
      if (s.failed) continue;
      // On the pathway as the records stood that day: the pipeline and the histories alike.
      if (!onPathway(d, j, asAt)) continue;
      let reached: number;
      if (lastDay <= asAt) {
        if (reachedByLast === -2) reachedByLast = knownInto(d, j, asAt, known);
        reached = reachedByLast;
      } else {
        reached = knownInto(d, j, asAt, known);
        reachedByLast = -2;
      }
      if (reached < 0) continue;
      const isClosed = closedBy(d, j, asAt);
      if (!isClosed && reached < FROM_STAGES.length) {
        s.open.push({
          householdId: d.householdId[j]!,
          stage: FROM_STAGES[reached]!,
          since: known[reached]!,
          index: j,
          approval: d.days[j * SLOTS + APPROVAL]!,
        });
      }
      const window = s.window;
      if (!window) continue;
      const { models, counts, size } = s;
      const closed = isClosed ? d.days[j * SLOTS + CLOSED]! : NaN;
      for (let i = 0; i < FROM_STAGES.length && i <= reached; i++) {
        const day = known[i]!;
        if (day < window.from || day > window.to) continue;
        const next = known[i + 1]!;
        const moved = next === next;
        if (!moved && closed !== closed) continue;
        // Math.max(0, ·) is never -0, so a whole day here is counted as the very number listed.
        const days = Math.max(0, (moved ? next : closed) - day);
        if (counts === null) (moved ? models[i]!.toNext : models[i]!.toDrop).push(days);
        else if (days < size && (days | 0) === days) counts[((i << 1) | (moved ? 0 : 1)) * size + days]!++;
        else {
          s.failed = true;
          break;
        }
      }
    }
  }
  return scans.map(({ open, models, counts, size, failed }) => {
    if (failed) return null;
    if (counts !== null) {
      // Made at their full length and filled in (a push at a time cost four times as much).
      const listed = (at: number): number[] => {
        let total = 0;
        for (let day = 0; day < size; day++) total += counts[at + day]!;
        const out = new Array<number>(total);
        for (let day = 0, i = 0; day < size; day++)
          for (let c = counts[at + day]!; c > 0; c--) out[i++] = day;
        return out;
      };
      models.forEach((m, i) => {
        m.toNext = listed((i << 1) * size);
        m.toDrop = listed(((i << 1) | 1) * size);
      });
    }
    if (!d.inOrder) {
      open.sort((x, y) => x.householdId - y.householdId || d.episode[x.index]! - d.episode[y.index]!);
    }
    return { open, models, sorted: counts !== null };
  });
}

/** scanDays with the histories counted, or with lists for a point whose days cannot be counted. */
const scanCounted = (d: EpisodeDays, points: readonly ScanPoint[]): Scanned[] =>
  scanDays(d, points, true).map((s, k) => s ?? scanDays(d, [points[k]!])[0]!);

/**
 * Those still waiting at a stage they entered in the window are exactly the episodes open at
 * that stage since a day in the window: their waits, in episode order, finish the models.
 */
function withWaiting(
  models: StageModel[],
  open: readonly OpenAt[],
  asAt: number,
  from: number,
  to: number,
  sorted = false,
): StageModel[] {
  const stageIndex = Object.fromEntries(FROM_STAGES.map((s, i) => [s, i])) as Record<FromStage, number>;
  for (const e of open) {
    if (e.since >= from && e.since <= to) models[stageIndex[e.stage]]!.waiting.push(asAt - e.since);
  }
  return finishModels(models, sorted);
}

/** Episodes open at the end of day `asAt` (reached a stage, not approved, not closed), in episode order. */
export function openDays(d: EpisodeDays, asAt: number): OpenAt[] {
  return scanDays(d, [{ asAt, window: null }])[0]!.open;
}

/**
 * Conversions and times from the episodes that entered each stage between `from` and `to` (day
 * numbers), as the records stood at `asAt`; `open` is openDays(d, asAt).
 */
export function fitDays(
  d: EpisodeDays,
  asAt: number,
  from: number,
  to: number,
  open: readonly OpenAt[],
): StageModel[] {
  const scanned = scanCounted(d, [{ asAt, window: { from, to } }])[0]!;
  return withWaiting(scanned.models, open, asAt, from, to, scanned.sorted);
}

/** Conversions and times from the episodes that entered each stage between `from` and `to` (day numbers). */
export function fitModel(
  episodes: readonly ForecastEpisode[],
  asAt: number,
  from: number,
  to: number,
): StageModel[] {
  const d = daysOfEpisodes(episodes);
  return fitDays(d, asAt, from, to, openDays(d, asAt));
}

/** Whether an episode was open at the end of day `asAt`: reached a stage, not approved, not closed. */
export function isOpenAt(e: ForecastEpisode, asAt: number): boolean {
  return openDays(daysOfEpisodes([e]), asAt).length === 1;
}

/** Episodes open at the end of day `asAt`, with their stage and the day they reached it. */
export function openAt(episodes: readonly ForecastEpisode[], asAt: number): OpenEpisode[] {
  return openDays(daysOfEpisodes(episodes), asAt).map(({ householdId, stage, since }) => ({
    householdId,
    stage,
    since,
  }));
}

/** A forecast as at a day, trained on the episodes that entered each stage in a window (ISO dates). */
export interface ForecastAt {
  asAt: IsoDate;
  train: { from: IsoDate; to: IsoDate };
  bins: ReadonlyArray<{ key: string; from: IsoDate; to: IsoDate }>;
}

/**
 * Forecasts as at several days from one pass over the episodes (the backtest's years): each the
 * very answer forecastDays gives for it alone.
 */
export function forecastsDays(
  d: EpisodeDays,
  at: readonly ForecastAt[],
  opts: { runs?: number; seed?: number } = {},
): Array<{ models: StageModel[]; open: OpenAt[]; sim: Simulation }> {
  const points = at.map((f) => ({
    asAt: isoToDayNumber(f.asAt),
    window: { from: isoToDayNumber(f.train.from), to: isoToDayNumber(f.train.to) },
  }));
  return scanCounted(d, points).map((scanned, k) => {
    const { asAt: day, window } = points[k]!;
    const open = scanned.open;
    const models = withWaiting(scanned.models, open, day, window.from, window.to, scanned.sorted);
    const sim = simulate(
      open,
      models,
      day,
      at[k]!.bins.map((b) => ({ key: b.key, from: isoToDayNumber(b.from), to: isoToDayNumber(b.to) })),
      opts.runs,
      opts.seed,
    );
    return { models, open, sim };
  });
}

/** A forecast from the records as at `asAt` (ISO), trained on the episodes that entered each stage in [trainFrom, trainTo]. */
export function forecastDays(
  d: EpisodeDays,
  asAt: IsoDate,
  train: { from: IsoDate; to: IsoDate },
  bins: ReadonlyArray<{ key: string; from: IsoDate; to: IsoDate }>,
  opts: { runs?: number; seed?: number } = {},
): { models: StageModel[]; open: OpenAt[]; sim: Simulation } {
  return forecastsDays(d, [{ asAt, train, bins }], opts)[0]!;
}

/** forecastDays over a list of episodes (in the list's order). */
export function forecast(
  episodes: readonly ForecastEpisode[],
  asAt: IsoDate,
  train: { from: IsoDate; to: IsoDate },
  bins: ReadonlyArray<{ key: string; from: IsoDate; to: IsoDate }>,
  opts: { runs?: number; seed?: number } = {},
): { models: StageModel[]; open: OpenEpisode[]; sim: Simulation } {
  const f = forecastDays(daysOfEpisodes(episodes), asAt, train, bins, opts);
  return { ...f, open: f.open.map(({ householdId, stage, since }) => ({ householdId, stage, since })) };
}

/** Mean absolute error of forecasts against actuals (null for no pairs). */
export function meanAbsoluteError(pairs: ReadonlyArray<{ forecast: number; actual: number }>): number | null {
  if (pairs.length === 0) return null;
  return pairs.reduce((s, p) => s + Math.abs(p.forecast - p.actual), 0) / pairs.length;
}
