import { BY_TWO_32, createRandom, mix, STEP, type Random } from './random.ts';
import { binomialOf, draw, search, type Binomial } from './forecast-binomial.ts';

/**
 * How many of each group the forecast's runs approve in each bin (forecast-simulate.ts): the
 * multinomial draws after the walks, made faster without ever changing a draw.
 */

/** Open episodes at one stage that have waited the same days, with their chance of approval in each bin. */
export interface Group {
  s0: number;
  waited: number;
  count: number;
  q: Float64Array;
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
 * Every run's draws of one group drawn apart, as drawGroup makes them run by run, made a bin at
 * a time: `n` numbers a run, kept at numbers[r · n] on, the j-th for the j-th bin it draws in
 * from a table. A run by run, a group's draws went from bin to bin, each bin's tables (one per
 * count left) fetched from memory again; a bin at a time, the runs draw from the few tables of
 * the counts left around that bin, at hand in the processor's cache (the live forecast at a
 * million households, ~250 groups drawn apart over four quarters). `left` is room for the count
 * left of each run. False where a run would take another count of numbers than `n` (all
 * approved before a bin it draws in, or drawing by trials): the numbers kept were then not its own.
 */
function drawApart(
  g: Group,
  rest: Float64Array,
  tables: Array<Array<Binomial | undefined>>,
  nb: number,
  perRun: Float64Array,
  numbers: Float64Array,
  n: number,
  left: Int32Array,
): boolean {
  const runs = left.length;
  left.fill(g.count);
  // The numbers each run has taken: the same for every run (the check below), so one count.
  let j = 0;
  for (let b = 0; b < nb; b++) {
    const qb = g.q[b]!;
    if (qb > 0) {
      const byLeft = tables[b]!;
      const p = Math.min(1, qb / rest[b]!);
      // The same p for every run: a table (0 < p < 1) takes a number, a sure outcome none.
      const drawn = p > 0 && p < 1;
      if (drawn && j >= n) return false;
      for (let r = 0; r < runs; r++) {
        const l = left[r]!;
        if (l <= 0) {
          if (drawn) return false;
          continue;
        }
        const t = (byLeft[l] ??= binomialOf(l, p));
        let k = t.fixed;
        if (k < 0) {
          if (t.cdf === null) return false;
          k = search(t, numbers[r * n + j]!);
        }
        perRun[r * nb + b]! += k;
        left[r] = l - k;
      }
      if (drawn) j++;
    }
    if (rest[b]! - qb <= 0) break;
  }
  return j === n;
}

/**
 * The runs' draws as drawBins makes them, with the large groups drawn apart. A draw from a large
 * group's table was most of the simulation's time: tables of thousands of entries, a different
 * one each draw, each fetched from memory. A large group takes the same count of numbers every
 * run (numbersTaken) unless it is all approved before its last draw, so the first pass takes
 * the numbers in the plain order, drawing the small groups in turn and keeping the large
 * groups' numbers aside, and the second draws each large group's runs from its own few tables,
 * a bin at a time (drawApart). Should a large group take another count in any run after all, its numbers
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
  const left = new Int32Array(runs);
  for (let gi = 0; gi < drawing.length; gi++) {
    const numbers = kept[gi] ?? null;
    if (numbers === null) continue;
    if (!drawApart(drawing[gi]!, rests[gi]!, tables[gi]!, nb, perRun, numbers, taken[gi]!, left)) {
      return drawBins(drawing, nb, runs, start.next);
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
      u[s * block + i] = mix(a) * BY_TWO_32;
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
export function drawOneBin(drawing: readonly Group[], runs: number, random: Random): Float64Array {
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
