import { isoToDayNumber, type IsoDate } from './dates.ts';
import { createRandom } from './random.ts';

/**
 * The approvals forecast: a pure function of episodes, an "as at" date and a seed.
 *
 * Each open stage has a conversion (of the episodes that entered the stage in the training
 * years and have since moved on or dropped out, the share that moved on) and two histories of
 * days: stage to next stage for those that moved on, stage to closure for those that dropped
 * out. Every open episode is then walked forward many times with a seeded random source:
 * - at its current stage it has already waited `w` days without moving or dropping out, so it
 *   moves on with p·Sc(w) / (p·Sc(w) + (1−p)·Sd(w)), where Sc and Sd are the shares of the
 *   histories longer than `w` (each smoothed by a half, so an episode older than any history
 *   keeps a small chance rather than none), after a time drawn from the histories longer than
 *   `w` (or, when none is, the whole history again);
 * - at every later stage it moves on with the stage's conversion after a time drawn from its history;
 * - it stops at approval (counted in the period its date falls in), at a drop-out, or once past the horizon.
 * The expected figure is the mean over the runs, the range their 10th to 90th percentile.
 *
 * Only facts dated on or before the "as at" date are used, so a backtest as at a past date sees
 * what the records then said. A stage without a milestone between two recorded ones (EOI left
 * blank, Stage 1 recorded) is taken as passed on the date of the next recorded stage.
 */
export const CHAIN = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval'] as const;
export const FROM_STAGES = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel'] as const;
export type FromStage = (typeof FROM_STAGES)[number];

/** The simulation's size and seed: fixed, so the same records always give the same forecast. */
export const RUNS = 2000;
export const SEED = 20_240_401;

export interface ForecastEpisode {
  householdId: number;
  enquiry: IsoDate | null;
  eoi: IsoDate | null;
  stage1: IsoDate | null;
  stage2: IsoDate | null;
  panel: IsoDate | null;
  approval: IsoDate | null;
  closedOn: IsoDate | null;
}

interface Known {
  /** Day numbers per chain stage, gaps filled from the next recorded stage; null = not reached. */
  days: Array<number | null>;
  /** Index in CHAIN of the furthest stage reached, or -1 when nothing is known yet. */
  reached: number;
  closedOn: number | null;
}

/** Day numbers of an episode's milestones (NaN for none) and closure, worked out once per episode. */
const dayCache = new WeakMap<ForecastEpisode, Float64Array>();
function daysOf(e: ForecastEpisode): Float64Array {
  let d = dayCache.get(e);
  if (!d) {
    d = new Float64Array(CHAIN.length + 1);
    CHAIN.forEach((k, i) => (d![i] = e[k] ? isoToDayNumber(e[k]) : NaN));
    d[CHAIN.length] = e.closedOn ? isoToDayNumber(e.closedOn) : NaN;
    dayCache.set(e, d);
  }
  return d;
}

/** What the records said about an episode at the end of day `asAt`. */
export function knownAt(e: ForecastEpisode, asAt: number): Known {
  const raw = daysOf(e);
  const days: Array<number | null> = new Array<number | null>(CHAIN.length).fill(null);
  let later: number | null = null;
  let reached = -1;
  for (let i = CHAIN.length - 1; i >= 0; i--) {
    const d = raw[i]! <= asAt ? raw[i]! : null; // NaN (none) is never <= asAt
    if (d !== null) later = later === null ? d : Math.min(d, later);
    days[i] = d ?? later;
    if (days[i] !== null && reached < 0) reached = i;
  }
  const closed = raw[CHAIN.length]!;
  return { days, reached, closedOn: closed <= asAt ? closed : null };
}

export interface StageModel {
  stage: FromStage;
  moved: number;
  dropped: number;
  /** Conversion to the next stage, or null with no resolved history. */
  p: number | null;
  /** Days to the next stage of those that moved on, ascending. */
  toNext: number[];
  /** Days to closure of those that dropped out, ascending. */
  toDrop: number[];
  /** Days already waited by those still at the stage on the "as at" date. */
  waiting: number[];
}

/** Conversions and times from the episodes that entered each stage between `from` and `to` (day numbers). */
export function fitModel(
  episodes: readonly ForecastEpisode[],
  asAt: number,
  from: number,
  to: number,
): StageModel[] {
  const models = FROM_STAGES.map((stage): StageModel => ({
    stage,
    moved: 0,
    dropped: 0,
    p: null,
    toNext: [],
    toDrop: [],
    waiting: [],
  }));
  for (const e of episodes) {
    const k = knownAt(e, asAt);
    for (let i = 0; i < FROM_STAGES.length; i++) {
      const d = k.days[i];
      if (d === null || d === undefined || d < from || d > to) continue;
      const next = k.days[i + 1];
      const m = models[i]!;
      if (next !== null && next !== undefined) {
        m.moved++;
        m.toNext.push(Math.max(0, next - d));
      } else if (k.closedOn !== null) {
        m.dropped++;
        m.toDrop.push(Math.max(0, k.closedOn - d));
      } else {
        m.waiting.push(asAt - d);
      }
    }
  }
  for (const m of models) {
    m.toNext.sort((a, b) => a - b);
    m.toDrop.sort((a, b) => a - b);
    m.p = m.moved + m.dropped > 0 ? m.moved / (m.moved + m.dropped) : null;
    // Those still waiting are neither moved on nor dropped out: leaving them out would favour the
    // quicker outcome (drop-outs at Enquiry are quicker than moves). Each counts instead as its
    // chance of moving on given its wait, worked out with p itself, until p settles (EM).
    if (m.p !== null && m.p > 0 && m.p < 1 && m.waiting.length > 0) {
      const resolved = m.moved + m.dropped + m.waiting.length;
      for (let i = 0; i < 50; i++) {
        const expectedMoves = m.waiting.reduce((sum, w) => sum + conditionalConversion(m, w), 0);
        const next = (m.moved + expectedMoves) / resolved;
        const settled = Math.abs(next - m.p) < 1e-6;
        m.p = next;
        if (settled) break;
      }
    }
  }
  return models;
}

/** Index of the first value greater than `w` in an ascending array. */
function firstAbove(sorted: readonly number[], w: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > w) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The chance of moving on for an episode that has waited `w` days at the stage without moving or dropping out. */
export function conditionalConversion(m: StageModel, w: number): number {
  if (m.p === null) return 0;
  if (m.p === 1 || m.p === 0) return m.p;
  const sc = (m.toNext.length - firstAbove(m.toNext, w) + 0.5) / (m.toNext.length + 1);
  const sd = (m.toDrop.length - firstAbove(m.toDrop, w) + 0.5) / (m.toDrop.length + 1);
  return (m.p * sc) / (m.p * sc + (1 - m.p) * sd);
}

export interface OpenEpisode {
  householdId: number;
  stage: FromStage;
  /** Day number the current stage was reached. */
  since: number;
}

/** Whether an episode was open at the end of day `asAt`: reached a stage, not approved, not closed. */
export function isOpenAt(e: ForecastEpisode, asAt: number): boolean {
  const k = knownAt(e, asAt);
  return k.reached >= 0 && k.reached < FROM_STAGES.length && k.closedOn === null;
}

/** Episodes open at the end of day `asAt`, with their stage and the day they reached it. */
export function openAt(episodes: readonly ForecastEpisode[], asAt: number): OpenEpisode[] {
  const out: OpenEpisode[] = [];
  for (const e of episodes) {
    const k = knownAt(e, asAt);
    if (k.reached < 0 || k.reached >= FROM_STAGES.length || k.closedOn !== null) continue;
    out.push({ householdId: e.householdId, stage: FROM_STAGES[k.reached]!, since: k.days[k.reached]! });
  }
  return out;
}

export interface Bin {
  key: string;
  from: number;
  to: number;
}

export interface Simulation {
  bins: Bin[];
  expected: number[];
  low: number[];
  high: number[];
  /** Expected approvals per bin from the episodes open at each stage. */
  byStage: Record<FromStage, number[]>;
  /** How many episodes were open at each stage. */
  openByStage: Record<FromStage, number>;
  /** Approvals per run and bin (run-major), for ranges over several bins (rangeOver). */
  perRun: Float64Array;
}

/** Nearest-rank percentile of an ascending array. */
const percentile = (sorted: ArrayLike<number>, q: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;

/** A draw from Binomial(n, p) by inversion (cost about n·p), or by n trials where (1−p)^n underflows. */
function binomial(rand: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rand, n, 1 - p);
  const q = 1 - p;
  let pmf = Math.pow(q, n);
  if (pmf < 1e-280) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rand() < p) k++;
    return k;
  }
  const u = rand();
  let cdf = pmf;
  let k = 0;
  while (u > cdf && k < n) {
    pmf *= ((n - k) / (k + 1)) * (p / q);
    k++;
    cdf += pmf;
  }
  return k;
}

/**
 * Walks the open episodes forward and counts approvals falling in each bin (day-number ranges
 * after `asAt`). Episodes at the same stage that have waited the same days share one future:
 * each such group is walked many times to learn its chances of approval in each bin, then each
 * run draws how many of the group's episodes are approved in each bin (a multinomial draw, as if
 * each had been walked on its own). The cost follows the number of groups, not of households.
 */
export function simulate(
  open: readonly OpenEpisode[],
  models: readonly StageModel[],
  asAt: number,
  bins: readonly Bin[],
  runs = RUNS,
  seed = SEED,
): Simulation {
  const rand = createRandom(seed).next;
  const nb = bins.length;
  const horizon = Math.max(asAt, ...bins.map((b) => b.to));
  const openByStage = Object.fromEntries(FROM_STAGES.map((s) => [s, 0])) as Record<FromStage, number>;
  const binOf = (day: number) => bins.findIndex((b) => day >= b.from && day <= b.to);
  const draw = (sorted: readonly number[], start: number) =>
    sorted[start + Math.floor(rand() * (sorted.length - start))]!;

  // Groups in a fixed order (stage, then days waited), so the same records give the same draws.
  const groups = new Map<string, { s0: number; waited: number; count: number; q: Float64Array }>();
  for (const e of open) {
    openByStage[e.stage]++;
    const s0 = FROM_STAGES.indexOf(e.stage);
    const waited = asAt - e.since;
    const key = `${s0}|${waited}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { s0, waited, count: 1, q: new Float64Array(nb) });
  }
  const ordered = [...groups.values()].sort((a, b) => a.s0 - b.s0 || a.waited - b.waited);

  for (const g of ordered) {
    const first = models[g.s0]!;
    const p0 = conditionalConversion(first, g.waited);
    const above0 = firstAbove(first.toNext, g.waited);
    // A group's chances need walks in proportion to its size: 200 per household, up to `runs`
    // (the error this leaves in the expected total is a fraction of one approval).
    const walks = Math.min(runs, 200 * g.count);
    for (let r = 0; r < walks; r++) {
      if (rand() >= p0) continue;
      // Residual time given it has already waited: from the longer histories, else afresh.
      let day =
        asAt +
        (above0 < first.toNext.length
          ? draw(first.toNext, above0) - g.waited
          : Math.max(1, draw(first.toNext, 0)));
      let ok = day <= horizon;
      for (let i = g.s0 + 1; ok && i < FROM_STAGES.length; i++) {
        const m = models[i]!;
        if (m.p === null || m.toNext.length === 0 || rand() >= m.p) ok = false;
        else day += draw(m.toNext, 0);
        if (day > horizon) ok = false;
      }
      if (!ok) continue;
      const b = binOf(day);
      if (b >= 0) g.q[b]!++;
    }
    for (let b = 0; b < nb; b++) g.q[b]! /= walks;
  }

  const perRun = new Float64Array(runs * nb);
  for (let r = 0; r < runs; r++) {
    for (const g of ordered) {
      let left = g.count;
      let rest = 1;
      for (let b = 0; b < nb && left > 0; b++) {
        const qb = g.q[b]!;
        if (qb > 0) {
          const k = binomial(rand, left, Math.min(1, qb / rest));
          perRun[r * nb + b]! += k;
          left -= k;
        }
        rest -= qb;
        if (rest <= 0) break;
      }
    }
  }

  const expected: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  for (let b = 0; b < nb; b++) {
    const r = rangeOver({ perRun, bins: [...bins] }, [b]);
    expected.push(ordered.reduce((sum, g) => sum + g.count * g.q[b]!, 0));
    low.push(r.low);
    high.push(r.high);
  }
  const byStage = Object.fromEntries(
    FROM_STAGES.map((s, i) => [
      s,
      Array.from({ length: nb }, (_, b) =>
        ordered.filter((g) => g.s0 === i).reduce((sum, g) => sum + g.count * g.q[b]!, 0),
      ),
    ]),
  ) as Record<FromStage, number[]>;
  return { bins: [...bins], expected, low, high, byStage, openByStage, perRun };
}

/** The 80 % range of the approvals in several bins together (e.g. the rest of a financial year). */
export function rangeOver(
  sim: { perRun: Float64Array; bins: readonly Bin[] },
  which: readonly number[],
): { mean: number; low: number; high: number } {
  const nb = sim.bins.length;
  const runs = nb === 0 ? 0 : sim.perRun.length / nb;
  const totals = new Float64Array(runs);
  let sum = 0;
  for (let r = 0; r < runs; r++) {
    for (const b of which) totals[r]! += sim.perRun[r * nb + b]!;
    sum += totals[r]!;
  }
  totals.sort();
  return { mean: runs ? sum / runs : 0, low: percentile(totals, 0.1), high: percentile(totals, 0.9) };
}

/** A forecast from the records as at `asAt` (ISO), trained on the episodes that entered each stage in [trainFrom, trainTo]. */
export function forecast(
  episodes: readonly ForecastEpisode[],
  asAt: IsoDate,
  train: { from: IsoDate; to: IsoDate },
  bins: ReadonlyArray<{ key: string; from: IsoDate; to: IsoDate }>,
  opts: { runs?: number; seed?: number } = {},
): { models: StageModel[]; open: OpenEpisode[]; sim: Simulation } {
  const day = isoToDayNumber(asAt);
  const models = fitModel(episodes, day, isoToDayNumber(train.from), isoToDayNumber(train.to));
  const open = openAt(episodes, day);
  const sim = simulate(
    open,
    models,
    day,
    bins.map((b) => ({ key: b.key, from: isoToDayNumber(b.from), to: isoToDayNumber(b.to) })),
    opts.runs,
    opts.seed,
  );
  return { models, open, sim };
}

/** Mean absolute error of forecasts against actuals (null for no pairs). */
export function meanAbsoluteError(pairs: ReadonlyArray<{ forecast: number; actual: number }>): number | null {
  if (pairs.length === 0) return null;
  return pairs.reduce((s, p) => s + Math.abs(p.forecast - p.actual), 0) / pairs.length;
}
