import { createRandom, mix, STEP, type Random } from './random.ts';
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
 * shortcut below consumes the random source exactly as the plain algorithm would.
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

const TWO_32 = 4294967296;

/** Nearest-rank percentile of an ascending array. */
const percentile = (sorted: ArrayLike<number>, q: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;

/**
 * Draws from Binomial(n, p) by inversion: with u the one uniform draw, the answer is the first k
 * whose cumulative probability reaches u (at most n). Where (1−p)^n underflows, n trials instead.
 * A table holds the cumulative probabilities of one (n, p), worked out once by the same recurrence
 * the plain loop uses (so the same sums, bit for bit), and then searched for every draw: a group's
 * quarter asks for the same (n, p) in run after run.
 */
interface Binomial {
  n: number;
  /** The answer when no draw is needed (p ≤ 0 or ≥ 1), else -1. */
  fixed: number;
  /** p > 0.5 is drawn as n − Binomial(n, 1 − p). */
  flip: boolean;
  /** The p drawn with (1 − p when flipped). */
  p: number;
  /** cdf[k] = P(X ≤ k) for k < n, summed in the plain loop's order; null: n trials. */
  cdf: Float64Array | null;
  /**
   * guide[j], for the G = size of the guide (a power of two, about twice n) slices [j/G, (j+1)/G)
   * of the uniform draws: the answer for every draw in the slice where they all share one (no
   * cdf value falls in it), else -1 − the first k with cdf[k] ≥ j/G, where a search starts. Made
   * on a table's first search. Most draws then read their answer with no comparison at all: the
   * few steps of a search, each a branch the processor could not predict, were most of a
   * draw's time once its table is at hand.
   */
  guide: Int32Array | null;
}

function binomialOf(n: number, p: number): Binomial {
  if (n <= 0 || p <= 0) return { n, fixed: 0, flip: false, p, cdf: null, guide: null };
  if (p >= 1) return { n, fixed: n, flip: false, p, cdf: null, guide: null };
  const flip = p > 0.5;
  if (flip) p = 1 - p;
  const q = 1 - p;
  let pmf = Math.pow(q, n);
  if (pmf < 1e-280) return { n, fixed: -1, flip, p, cdf: null, guide: null };
  const cdf = new Float64Array(n);
  let sum = pmf;
  cdf[0] = sum;
  for (let k = 0; k < n - 1; k++) {
    pmf *= ((n - k) / (k + 1)) * (p / q);
    sum += pmf;
    cdf[k + 1] = sum;
  }
  return { n, fixed: -1, flip, p, cdf, guide: null };
}

/** One draw: the first k whose cumulative probability reaches the uniform draw (at most n), as the plain loop finds it. */
function draw(t: Binomial, rand: () => number): number {
  if (t.fixed >= 0) return t.fixed;
  let k = 0;
  const cdf = t.cdf;
  if (cdf === null) {
    for (let i = 0; i < t.n; i++) if (rand() < t.p) k++;
  } else {
    return search(t, rand());
  }
  return t.flip ? t.n - k : k;
}

/** The guide's size for a table of n: a power of two (so u · G is exact), at least twice n. */
const guideSize = (n: number): number => 2 ** Math.ceil(Math.log2(2 * n));

/**
 * A table's draw for the uniform number `u` (0 ≤ u < 1): the first k with cdf[k] ≥ u (n for
 * none), the plain loop's answer, as the sums never fall: k is the count of cdf values below u.
 */
function search(t: Binomial, u: number): number {
  const cdf = t.cdf!;
  const n = t.n;
  let guide = t.guide;
  if (guide === null) {
    const size = guideSize(n);
    guide = t.guide = new Int32Array(size);
    // below: how many cdf values are below j / size (exact: size is a power of two).
    let below = 0;
    while (below < n && cdf[below]! < 0) below++;
    for (let j = 0; j < size; j++) {
      const start = below;
      const next = (j + 1) / size;
      while (below < n && cdf[below]! < next) below++;
      // No cdf value in [j/size, (j+1)/size): every u in it has `start` values below it.
      guide[j] = below === start ? start : -1 - start;
    }
  }
  // u · size is exact, so u falls in slice j exactly when j/size ≤ u < (j+1)/size.
  const g = guide[Math.floor(u * guide.length)]!;
  let k = g;
  if (g < 0) {
    k = -1 - g;
    while (k < n && cdf[k]! < u) k++;
  }
  return t.flip ? n - k : k;
}

/** One draw from Binomial(n, p) as the simulation makes it, for the uniform number u (tests compare it with the plain loop). */
export const drawOne = (n: number, p: number, u: number): number => draw(binomialOf(n, p), () => u);

/** Open episodes at one stage that have waited the same days, with their chance of approval in each bin. */
export interface Group {
  s0: number;
  waited: number;
  count: number;
  q: Float64Array;
}

/**
 * A history of days as the smallest typed array that holds it exactly (the same numbers at the
 * same places). A walk reads a history at a random place: the stages' histories, tens of
 * thousands of days each, then fit in the processor's cache, where as plain arrays each read
 * was likely a trip to memory.
 */
function compact(days: readonly number[]): ArrayLike<number> {
  let fits16 = true;
  for (const d of days) {
    if (!(Number.isInteger(d) && d >= 0 && d <= 0xffff) || Object.is(d, -0)) {
      fits16 = false;
      break;
    }
  }
  return fits16 ? Uint16Array.from(days) : days;
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
    const u = mix(a) / TWO_32;
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
      day += times[Math.floor((mix(a) / TWO_32) * times.length)]!;
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
  // mix(a += STEP) / 2^32, as random.ts's next() makes it), rather than through the source's
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

/** The share of a group not yet approved before each bin, subtracted in the plain order. */
function restsOf(g: Group, nb: number): Float64Array {
  const out = new Float64Array(nb);
  let rest = 1;
  for (let b = 0; b < nb; b++) {
    out[b] = rest;
    rest -= g.q[b]!;
  }
  return out;
}

/** Each group's draw in bin b depends only on how many of it are left: one table per count left. */
const tablesOf = (g: Group, nb: number) =>
  Array.from({ length: nb }, () => new Array<Binomial | undefined>(g.count + 1));

/**
 * One run's draws for one group: how many of it are approved in each bin, added to the run's
 * totals, each draw from `next` (a draw from a table takes one number, n trials n, a sure
 * outcome none).
 */
function drawGroup(
  g: Group,
  rest: Float64Array,
  tables: Array<Array<Binomial | undefined>>,
  nb: number,
  totals: Float64Array,
  at: number,
  next: () => number,
): void {
  let left = g.count;
  for (let b = 0; b < nb && left > 0; b++) {
    const qb = g.q[b]!;
    if (qb > 0) {
      const byLeft = tables[b]!;
      const k = draw((byLeft[left] ??= binomialOf(left, Math.min(1, qb / rest[b]!))), next);
      totals[at + b]! += k;
      left -= k;
    }
    if (rest[b]! - qb <= 0) break;
  }
}

/** The runs' draws: each run, each group in order, how many of it are approved in each bin. */
export function drawBins(
  drawing: readonly Group[],
  nb: number,
  runs: number,
  rand: () => number,
): Float64Array {
  const tables = drawing.map((g) => tablesOf(g, nb));
  const rests = drawing.map((g) => restsOf(g, nb));
  const perRun = new Float64Array(runs * nb);
  for (let r = 0; r < runs; r++) {
    for (let gi = 0; gi < drawing.length; gi++) {
      drawGroup(drawing[gi]!, rests[gi]!, tables[gi]!, nb, perRun, r * nb, rand);
    }
  }
  return perRun;
}

/**
 * How many numbers a large group takes each run, if it is never all approved before its last
 * draw: one per bin it draws in from a table, up to a bin it is surely all approved in (none
 * taken) or the last it can be approved in. 0 when it should be drawn in turn instead: small
 * (it may well be all approved early, and then takes fewer), or drawn by trials somewhere.
 */
function numbersTaken(g: Group, rest: Float64Array, nb: number, riskLimit: number): number {
  let taken = 0;
  // The chance a household is approved before the bin: all of the group so is its power.
  let before = 0;
  let risk = 0;
  for (let b = 0; b < nb; b++) {
    const qb = g.q[b]!;
    if (qb > 0) {
      const p = Math.min(1, qb / rest[b]!);
      if (p >= 1) break;
      const flipped = p > 0.5 ? 1 - p : p;
      if (Math.pow(1 - flipped, g.count) < 1e-280) return 0;
      risk = Math.max(risk, Math.pow(before, g.count));
      taken++;
    }
    before += qb;
    if (rest[b]! - qb <= 0) break;
  }
  return risk < riskLimit ? taken : 0;
}

/**
 * The runs' draws as drawBins makes them, with the large groups drawn apart. A draw from a large
 * group's table was most of the simulation's time: tables of thousands of entries, a different
 * one each draw, each fetched from memory. A large group takes the same count of numbers every
 * run (numbersTaken) unless it is all approved before its last draw, so the first pass takes
 * the numbers in the plain order, drawing the small groups in turn and keeping the large
 * groups' numbers aside, and the second draws each large group's runs one after another from
 * its own few tables. Should a large group take another count in any run after all, its numbers
 * were not the ones set aside: every draw is then made again in the plain order from where the
 * random source stood, so the answer is always drawBins's. `riskLimit`: the largest chance of
 * being all approved early a group drawn apart may have (a test sets it to 1 to draw the small
 * groups apart too).
 */
export function drawLargeApart(
  drawing: readonly Group[],
  nb: number,
  runs: number,
  random: Random,
  riskLimit = 1e-12,
): Float64Array {
  const start = random.copy();
  const rand = random.next;
  const tables = drawing.map((g) => tablesOf(g, nb));
  const rests = drawing.map((g) => restsOf(g, nb));
  const taken = drawing.map((g, gi) => numbersTaken(g, rests[gi]!, nb, riskLimit));
  const kept: Array<Float64Array | null> = taken.map((n) => (n > 0 ? new Float64Array(n * runs) : null));
  const perRun = new Float64Array(runs * nb);
  for (let r = 0; r < runs; r++) {
    for (let gi = 0; gi < drawing.length; gi++) {
      const numbers = kept[gi] ?? null;
      if (numbers === null) drawGroup(drawing[gi]!, rests[gi]!, tables[gi]!, nb, perRun, r * nb, rand);
      else for (let i = r * taken[gi]!, end = i + taken[gi]!; i < end; i++) numbers[i] = rand();
    }
  }
  for (let gi = 0; gi < drawing.length; gi++) {
    const numbers = kept[gi] ?? null;
    if (numbers === null) continue;
    const n = taken[gi]!;
    let used = 0;
    let end = 0;
    let over = false;
    // A run's numbers, and a note if it asks for more (its draws are then thrown away).
    const next = () => {
      if (used < end) return numbers[used++]!;
      over = true;
      return 0.5;
    };
    for (let r = 0; r < runs; r++) {
      used = r * n;
      end = used + n;
      drawGroup(drawing[gi]!, rests[gi]!, tables[gi]!, nb, perRun, r * nb, next);
      if (over || used !== end) return drawBins(drawing, nb, runs, start.next);
    }
  }
  return perRun;
}

/**
 * One run's numbers with a single bin, from mulberry32's state `a` (returned as it leaves it):
 * each table-drawn group's kept at u[slot · block + i], the others drawn in turn into the run's
 * total. Functions of their own, called thousands of times (this and drawKept), so V8 optimises
 * them whole: as loops inside drawOneBin (called once a forecast), they ran on-stack-replaced
 * code that was left at the end of every group or run and made again.
 */
function takeRun(
  tables: readonly Binomial[],
  slot: readonly number[],
  u: Float64Array,
  block: number,
  i: number,
  perRun: Float64Array,
  r: number,
  a: number,
): number {
  for (let gi = 0; gi < tables.length; gi++) {
    const s = slot[gi]!;
    if (s >= 0) {
      a = (a + STEP) >>> 0;
      u[s * block + i] = mix(a) / TWO_32;
    } else if (tables[gi]!.fixed >= 0) {
      perRun[r]! += tables[gi]!.fixed; // a sure outcome: no number
    } else {
      // n trials: drawn in turn from a source at the state.
      const source = createRandom(a);
      perRun[r]! += draw(tables[gi]!, source.next);
      a = source.state();
    }
  }
  return a;
}

/** Runs r0 to r1 − 1 of one table-drawn group, from its numbers kept from u[at] on (see takeRun). */
function drawKept(
  t: Binomial,
  u: Float64Array,
  at: number,
  perRun: Float64Array,
  r0: number,
  r1: number,
): void {
  for (let r = r0; r < r1; r++) perRun[r]! += search(t, u[at + (r - r0)]!);
}

/** Runs drawn at a time with a single bin: their numbers (~0.5 MB at 450 groups) stay in the processor's cache. */
const RUN_BLOCK = 128;

/**
 * The runs' draws with a single bin (the backtest's year), as simulate's loop over runs and
 * groups draws them, in two passes a block of runs at a time. With one bin each group draws
 * once a run from the one table of its whole count, so what it takes from the random source is
 * the same every run: nothing (p ≤ 0 or ≥ 1), one number (a table), or one per household (n
 * trials). The first pass takes a block's numbers in the loop's order, keeping each group's
 * table draws together; the second draws group by group, so one group's table is searched a
 * block of runs in a row rather than once between every other group's (a table fetched from
 * memory per draw was most of the time). By blocks, the numbers kept are written and read in
 * the cache (kept for all two thousand runs, each group's were written a run apart). The
 * numbers are mulberry32's with its state in a local, as in simulate's walks. Each run's total
 * is a sum of whole numbers, so its order does not change it.
 */
function drawOneBin(drawing: readonly Group[], runs: number, random: Random): Float64Array {
  const perRun = new Float64Array(runs);
  const tables = drawing.map((g) => binomialOf(g.count, Math.min(1, g.q[0]!)));
  // Where each table-drawn group keeps its numbers (-1: not drawn from a table).
  const slot = tables.map(() => -1);
  let slots = 0;
  tables.forEach((t, gi) => {
    if (t.fixed < 0 && t.cdf !== null) slot[gi] = slots++;
  });
  const block = Math.max(1, Math.min(runs, RUN_BLOCK));
  const u = new Float64Array(slots * block);
  let a = random.state();
  for (let r0 = 0; r0 < runs; r0 += block) {
    const r1 = Math.min(runs, r0 + block);
    for (let r = r0; r < r1; r++) a = takeRun(tables, slot, u, block, r - r0, perRun, r, a);
    for (let gi = 0; gi < tables.length; gi++) {
      const s = slot[gi]!;
      if (s >= 0) drawKept(tables[gi]!, u, s * block, perRun, r0, r1);
    }
  }
  return perRun;
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
