import { BY_TWO_32, createRandom, mix, STEP } from './random.ts';
import { TWO_32 } from './forecast-binomial.ts';
import { drawLargeApart, drawOneBin, type Group } from './forecast-draws.ts';
import {
  conditionalConversion,
  firstAbove,
  FROM_STAGES,
  RUNS,
  SEED,
  type FromStage,
  type OpenEpisode,
  type StageModel,
} from './forecast-model.ts';

/**
 * The forecast's simulation: open episodes walked forward with a seeded random source (the method
 * is described in domain/forecast.ts). Its answer is a pure function of the open episodes, the
 * models, the bins, the runs and the seed; making it faster must never change a draw, so every
 * shortcut (here, in forecast-draws.ts and in forecast-binomial.ts) consumes the random source
 * exactly as the plain algorithm would.
 */
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

/**
 * A history of days as the smallest typed array that holds it exactly (the same numbers at the
 * same places). A walk reads a history at a random place: the stages' histories, tens of
 * thousands of days each, then fit in the processor's cache, where as plain arrays each read
 * was likely a trip to memory.
 */
function compact(days: readonly number[]): ArrayLike<number> {
  // Checked and copied in one pass (a pass to check, then Uint16Array.from's, cost four times as
  // much: ~4 ms a simulation, five in a backtest).
  const n = days.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const d = days[i]!;
    // Whole and 0 to 0xffff exactly when its low 16 bits are it (not for a fraction, a negative,
    // NaN or ±Infinity); -0 passes that but would be stored as 0.
    if ((d & 0xffff) !== d || (d === 0 && 1 / d < 0)) return days;
    out[i] = d;
  }
  return out;
}

/** What every walk of a simulation reads (see simulate). */
interface Walk {
  asAt: number;
  horizon: number;
  stages: number;
  toNext: ReadonlyArray<ArrayLike<number>>;
  moveOn: Float64Array;
  binFrom: Float64Array;
  binTo: Float64Array;
}

/** Counts as shares of `walks` (a call, not a loop inside simulate's, for the reason walkGroup gives). */
function shares(q: Float64Array, walks: number): void {
  for (let b = 0; b < q.length; b++) q[b]! /= walks;
}

/**
 * Walks group `g` forward `walks` times, counting in g.q the walks approved in each bin, with
 * mulberry32's state starting at `a`; returns the state it leaves. A function of its own, called
 * once a group, so V8 optimises it as a whole after a few groups: as a loop inside simulate
 * (called once a forecast), it ran on-stack-replaced code that was left at the end of every
 * group and made again, the first few calls of a process ~twice as slow.
 */
function walkGroup(g: Group, p0: number, walks: number, a: number, w: Walk): number {
  const { asAt, horizon, stages, toNext, moveOn, binFrom, binTo } = w;
  const nb = binFrom.length;
  // mix(a) / 2^32 ≥ p0 exactly when mix(a) ≥ p0 · 2^32: both sides scaled by a power of two, exact.
  const above = p0 * TWO_32;
  const toNext0 = toNext[g.s0]!;
  const above0 = firstAbove(toNext0, g.waited);
  for (let r = 0; r < walks; r++) {
    a = (a + STEP) >>> 0;
    if (mix(a) >= above) continue;
    // Residual time given it has already waited: from the longer histories, else afresh.
    a = (a + STEP) >>> 0;
    const u = mix(a) * BY_TWO_32;
    let day =
      asAt +
      (above0 < toNext0.length
        ? toNext0[above0 + Math.floor(u * (toNext0.length - above0))]! - g.waited
        : Math.max(1, toNext0[Math.floor(u * toNext0.length)]!));
    if (day > horizon) continue;
    // On through the later stages; a walk that stops short of approval (i < stages) counts nowhere.
    let i = g.s0 + 1;
    for (; i < stages; i++) {
      const p = moveOn[i]!;
      if (p < 0) break;
      a = (a + STEP) >>> 0;
      if (mix(a) >= p * TWO_32) break;
      const times = toNext[i]!;
      a = (a + STEP) >>> 0;
      day += times[Math.floor(mix(a) * BY_TWO_32 * times.length)]!;
      if (day > horizon) break;
    }
    if (i < stages) continue;
    for (let b = 0; b < nb; b++) {
      if (day >= binFrom[b]! && day <= binTo[b]!) {
        g.q[b]!++;
        break;
      }
    }
  }
  return a;
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
  const nb = bins.length;
  const horizon = Math.max(asAt, ...bins.map((b) => b.to));
  const openByStage = Object.fromEntries(FROM_STAGES.map((s) => [s, 0])) as Record<FromStage, number>;
  const binFrom = Float64Array.from(bins, (b) => b.from);
  const binTo = Float64Array.from(bins, (b) => b.to);

  // Groups in a fixed order (stage, then days waited), so the same records give the same draws.
  const groups = new Map<number, Group>();
  for (const e of open) {
    openByStage[e.stage]++;
    const s0 = FROM_STAGES.indexOf(e.stage);
    const waited = asAt - e.since;
    // One key per (stage, days waited): days waited are whole and far below 2^40.
    const key = waited * 8 + s0;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { s0, waited, count: 1, q: new Float64Array(nb) });
  }
  const ordered = [...groups.values()].sort((a, b) => a.s0 - b.s0 || a.waited - b.waited);

  const toNext = models.map((m) => compact(m.toNext));
  // Each stage's conversion as a walk reads it, -1 where a walk stops without a draw (no
  // conversion or no history): one number per stage rather than a model and its history's length.
  const moveOn = Float64Array.from(models, (m, i) => (m.p === null || toNext[i]!.length === 0 ? -1 : m.p));
  const stages = FROM_STAGES.length;
  // The walks take their numbers from mulberry32 with its state in a local (each draw is
  // mix(a += STEP) · 2^-32, as random.ts's next() makes it), rather than through the source's
  // closure: millions of draws a year, each a read and write of the closure's state otherwise.
  // The draws after the walks go on from where they left the state.
  let a = createRandom(seed).state();
  const walk: Walk = { asAt, horizon, stages, toNext, moveOn, binFrom, binTo };
  for (const g of ordered) {
    const first = models[g.s0]!;
    // A group's chances need walks in proportion to its size: 200 per household, up to `runs`
    // (the error this leaves in the expected total is a fraction of one approval).
    const walks = Math.min(runs, 200 * g.count);
    a = walkGroup(g, conditionalConversion(first, g.waited), walks, a, walk);
    shares(g.q, walks);
  }

  // A group with no chance of approval in any bin draws nothing (no random number), so it is left out.
  const drawing = ordered.filter((g) => g.q.some((q) => q > 0));
  const random = createRandom(a);
  const perRun = nb === 1 ? drawOneBin(drawing, runs, random) : drawLargeApart(drawing, nb, runs, random);

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
