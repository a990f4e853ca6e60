/**
 * The forecast's vocabulary and its per-stage model (the method is described in domain/forecast.ts):
 * the stages walked, the simulation's size and seed, and each stage's conversion and times.
 */
import { MILESTONES, OPEN_STAGES, type Milestone, type OpenStage } from './stages.ts';

/**
 * The stages walked, in the journey's order: every milestone but the optional initial visit. The
 * episodes' stored forecast text (migrations 11 and 27) holds one day slot for each, in this order,
 * then the closure (db/queries/forecast-source.ts reads it; a test holds the two to one order); its
 * Stage 1 is the Stage 1 start with the kinship rule (a kinship household's viability request).
 */
export const CHAIN = MILESTONES.filter(
  (m): m is Exclude<Milestone, 'initial_visit'> => m !== 'initial_visit',
);
/** The stages a household can be at and move on from: the open stages (domain/stages.ts). */
export const FROM_STAGES = OPEN_STAGES;
export type FromStage = OpenStage;

/** The simulation's size and seed: fixed, so the same records always give the same forecast. */
export const RUNS = 2000;
export const SEED = 20_240_401;

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

export interface OpenEpisode {
  householdId: number;
  stage: FromStage;
  /** Day number the current stage was reached. */
  since: number;
}

/** Index of the first value greater than `w` in an ascending array. */
export function firstAbove(sorted: ArrayLike<number>, w: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > w) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The chance of moving on, at conversion p, for an episode whose wait leaves shares sc and sd of
 * the move and drop-out histories longer than it (each smoothed by a half). `pastMoves`: how far
 * the wait runs past the longest move of the history, as that move's days over the wait's (1 at
 * it, falling; null within the history). Past every move the two smoothed shares made an even
 * chance, however long the wait (helper-241: stalled enquiries, which a CRM leaves open rather than
 * closes, were forecast at about 50 %, so the forecast rose the longer they stalled): there the
 * chance is at most the stage's own p, and falls as the wait grows, halved by a wait twice the
 * longest move. It falls gradually, not to nothing at once (helper-243: a panel's decision a week
 * later than any recorded is still likely). Within the move history a wait past every drop-out
 * still makes moving on likelier, as the histories say.
 */
export function moveChance(p: number, sc: number, sd: number, pastMoves: number | null): number {
  if (p === 1 || p === 0) return p;
  const chance = (p * sc) / (p * sc + (1 - p) * sd);
  return pastMoves === null ? chance : Math.min(chance, p) * pastMoves;
}

/** `pastMoves` of moveChance for a wait of `w` days: null while some move of the history is longer. */
function pastMovesAt(toNext: readonly number[], w: number): number | null {
  const longest = toNext[toNext.length - 1];
  if (longest === undefined || longest > w) return null;
  return w > 0 ? Math.max(longest, 1) / Math.max(w, 1) : 1;
}

/** Of a history ascending, the share longer than `w` days, smoothed by a half. */
const longer = (sorted: readonly number[], w: number): number =>
  (sorted.length - firstAbove(sorted, w) + 0.5) / (sorted.length + 1);

/** The chance of moving on for an episode that has waited `w` days at the stage without moving or dropping out. */
export function conditionalConversion(m: StageModel, w: number): number {
  if (m.p === null) return 0;
  return moveChance(m.p, longer(m.toNext, w), longer(m.toDrop, w), pastMovesAt(m.toNext, w));
}

/**
 * Sorts days ascending, as `days.sort((a, b) => a - b)` would: days are whole and not negative
 * (days between two dates), so by counting each day (a million days in a few milliseconds,
 * where the comparison sort took a tenth of a second); anything else by the comparison sort.
 */
export function sortDays(days: number[]): number[] {
  let max = 0;
  for (const d of days) {
    if (!Number.isInteger(d) || d < 0 || d > 1e6 || Object.is(d, -0)) return days.sort((a, b) => a - b);
    if (d > max) max = d;
  }
  const counts = new Uint32Array(max + 1);
  for (const d of days) counts[d]!++;
  let i = 0;
  for (let d = 0; d <= max; d++) for (let c = counts[d]!; c > 0; c--) days[i++] = d;
  return days;
}

/**
 * One EM round's expected moves of those waiting at conversion p: conditionalConversion's term
 * for each distinct wait (its shares sc and sd), added in the waits' own order (`of`: each
 * wait's distinct one). A function of its own, called once a round, so V8 optimises it whole
 * (as loops inside finishModels, called once a forecast, it ran on-stack-replaced code that was
 * left at the end of every round and made again).
 */
function expectedMovesAt(
  p: number,
  sc: readonly number[],
  sd: readonly number[],
  pastMoves: ReadonlyArray<number | null>,
  of: Int32Array,
  terms: Float64Array,
): number {
  for (let k = 0; k < sc.length; k++) {
    terms[k] = moveChance(p, sc[k]!, sd[k]!, pastMoves[k]!);
  }
  let expectedMoves = 0;
  for (let j = 0; j < of.length; j++) expectedMoves += terms[of[j]!]!;
  return expectedMoves;
}

/**
 * Finishes the models whose histories have been gathered (toNext, toDrop and waiting filled, in
 * any order for the first two, in episode order for `waiting`): sorts the histories (unless
 * `sorted`: they already come ascending) and works out each conversion.
 */
export function finishModels(models: StageModel[], sorted = false): StageModel[] {
  for (const m of models) {
    if (!sorted) {
      sortDays(m.toNext);
      sortDays(m.toDrop);
    }
    m.moved = m.toNext.length;
    m.dropped = m.toDrop.length;
    m.p = m.moved + m.dropped > 0 ? m.moved / (m.moved + m.dropped) : null;
    // Those still waiting are neither moved on nor dropped out: leaving them out would favour the
    // quicker outcome (drop-outs at Enquiry are quicker than moves). Each counts instead as its
    // chance of moving on given its wait, worked out with p itself, until p settles (EM).
    if (m.p !== null && m.p > 0 && m.p < 1 && m.waiting.length > 0) {
      const resolved = m.moved + m.dropped + m.waiting.length;
      // A wait's shares of the histories longer than it do not change with p: each is found
      // once per distinct wait (waits are whole days and repeat: ~1,000 distinct among 20,000),
      // and each round works out conditionalConversion's very term once per distinct wait, then
      // adds the waits' terms in their order, so the sum is the plain loop's to the last bit.
      const distinct = new Map<number, number>();
      const of = new Int32Array(m.waiting.length);
      const sc: number[] = [];
      const sd: number[] = [];
      const pastMoves: Array<number | null> = [];
      m.waiting.forEach((w, j) => {
        let k = distinct.get(w);
        if (k === undefined) {
          k = sc.length;
          distinct.set(w, k);
          sc.push(longer(m.toNext, w));
          sd.push(longer(m.toDrop, w));
          pastMoves.push(pastMovesAt(m.toNext, w));
        }
        of[j] = k;
      });
      const terms = new Float64Array(sc.length);
      for (let i = 0; i < 50; i++) {
        const expectedMoves = expectedMovesAt(m.p, sc, sd, pastMoves, of, terms);
        const next = (m.moved + expectedMoves) / resolved;
        const settled = Math.abs(next - m.p) < 1e-6;
        m.p = next;
        if (settled) break;
      }
    }
  }
  return models;
}

export const emptyModels = (): StageModel[] =>
  FROM_STAGES.map((stage) => ({ stage, moved: 0, dropped: 0, p: null, toNext: [], toDrop: [], waiting: [] }));

/**
 * Where the walk of a household now at `stage` stops for want of history: the first stage from it
 * on that no household in the training years entered and left (moved on or dropped out), or null
 * where the walk reaches approval, or stops at a stage none moved on from (a forecast of 0 that the
 * history gives: forecast-simulate.ts stops there too, before any later stage). A household stopped
 * for want of history adds nothing to the forecast, which is then no forecast of it, not one of none.
 */
export function historyEndsAt(models: readonly StageModel[], stage: FromStage): FromStage | null {
  for (const m of models.slice(FROM_STAGES.indexOf(stage))) {
    if (m.p === null) return m.stage;
    if (m.p === 0) return null;
  }
  return null;
}
