import { isoToDayNumber, type IsoDate } from './dates.ts';
import { CHAIN } from './forecast-model.ts';
import { otherPathway, switchedAt } from './episode-pathway.ts';
import type { Pathway } from './stages.ts';

/**
 * The forecast's input (domain/forecast.ts): episodes as columns of day numbers, and what the
 * records said of an episode on a given day (the stages it had reached, whether it had ended, the
 * pathway it was on). Apart from the forecast so that the reader that fills the columns
 * (db/queries/forecast-source.ts) needs only this.
 */

/** One episode's milestone dates and closure, as the forecast reads them (daysOfEpisodes makes columns of them). */
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

/** Day-number slots per episode: the CHAIN's milestones, then the closure. */
export const SLOTS = CHAIN.length + 1;
export const CLOSED = CHAIN.length;
export const APPROVAL = CHAIN.length - 1;

/**
 * Episodes as columns of day numbers (NaN where there is no date): what the forecast reads,
 * without an object or a date string per episode, so a million episodes cost a few typed arrays.
 * Episode order (which decides the order of `waiting`, and so the last bits of a conversion) is
 * household then episode; `inOrder` says the columns already come in that order.
 */
export interface EpisodeDays {
  count: number;
  householdId: Float64Array;
  episode: Float64Array;
  /** SLOTS per episode: enquiry, EOI, Stage 1, Stage 2, panel, approval, closure. */
  days: Float64Array;
  inOrder: boolean;
  /** Each episode's first and last milestone day and its end, when the reader has worked them out (see spans). */
  spans?: Spans;
  /** The pathway read (none: every pathway), and when each episode that switched was on it. */
  pathway?: PathwayDays;
}

/**
 * The episodes of one pathway: those on it throughout, and those that switched pathway (to or
 * from it) with the switch, so that each is counted on the pathway it was on at the day counted,
 * as every report counts (db/journey-sql.ts `pathwayAtSql`): the pipeline at a day on the
 * pathway that day, an approval on the pathway at its date. Read by the pathway at the enquiry,
 * a household switched before the day sat in the other pathway's pipeline.
 */
export interface PathwayDays {
  want: Pathway;
  /** 1 where the episode switched pathway (see `switches`), 0 where it was on `want` throughout. */
  switched: Uint8Array;
  /**
   * By episode index: the last switch's day, the pathway at the enquiry and, switched twice, the
   * first switch's day (null with one): on the other pathway from it until the last switch.
   */
  switches: Map<number, { day: number; before: Pathway; firstDay: number | null }>;
}

/** Whether episode `j` was on the pathway read on `day` (always, for a read of every pathway). */
export function onPathway(d: EpisodeDays, j: number, day: number): boolean {
  const p = d.pathway;
  if (p === undefined || p.switched[j] === 0) return true;
  const s = p.switches.get(j)!;
  return (switchedAt(s.firstDay, s.day, day) ? otherPathway(s.before) : s.before) === p.want;
}

/** Columns of a list of episodes, in the list's order (which is taken as episode order). */
export function daysOfEpisodes(episodes: readonly ForecastEpisode[]): EpisodeDays {
  const n = episodes.length;
  const out: EpisodeDays = {
    count: n,
    householdId: new Float64Array(n),
    episode: new Float64Array(n),
    days: new Float64Array(n * SLOTS),
    inOrder: true,
  };
  episodes.forEach((e, j) => {
    out.householdId[j] = e.householdId;
    out.episode[j] = j;
    CHAIN.forEach((k, i) => (out.days[j * SLOTS + i] = e[k] ? isoToDayNumber(e[k]) : NaN));
    out.days[j * SLOTS + CLOSED] = e.closedOn ? isoToDayNumber(e.closedOn) : NaN;
  });
  return out;
}

interface Known {
  /** Day numbers per chain stage, gaps filled from the next recorded stage; null = not reached. */
  days: Array<number | null>;
  /** Index in CHAIN of the furthest stage reached, or -1 when nothing is known yet. */
  reached: number;
  closedOn: number | null;
}

/**
 * What the records said about episode `j` at the end of day `asAt`: writes into `out` the day
 * each chain stage was reached (NaN: not yet), a stage skipped in the records taking the
 * earliest later recorded date, and returns the index of the furthest stage reached (-1: none).
 */
export function knownInto(d: EpisodeDays, j: number, asAt: number, out: Float64Array): number {
  const base = j * SLOTS;
  let later = NaN;
  let reached = -1;
  for (let i = CHAIN.length - 1; i >= 0; i--) {
    const raw = d.days[base + i]!;
    const k = raw <= asAt ? raw : NaN; // NaN (none) is never <= asAt
    if (k === k) later = later === later ? Math.min(k, later) : k;
    const v = k === k ? k : later;
    out[i] = v;
    if (v === v && reached < 0) reached = i;
  }
  return reached;
}

export const closedBy = (d: EpisodeDays, j: number, asAt: number): boolean =>
  d.days[j * SLOTS + CLOSED]! <= asAt;

/**
 * Each episode's first and last milestone day (Infinity and -Infinity for none) and the day it
 * ended (endOf), worked out once per columns: what the scan looks at for every episode, each
 * year of a backtest, before it looks at the episode's days (far apart in memory) at all.
 */
export interface Spans {
  first: Float64Array;
  last: Float64Array;
  ended: Float64Array;
}

/**
 * The day an episode ended: the earlier of its closure and approval days (NaN: none), Infinity
 * for neither, so that `endOf(c, a) <= asAt` exactly when `c <= asAt || a <= asAt` (asAt finite).
 */
export const endOf = (closed: number, approval: number): number =>
  Math.min(closed === closed ? closed : Infinity, approval === approval ? approval : Infinity);
const spansOf = new WeakMap<EpisodeDays, Spans>();

export function spans(d: EpisodeDays): Spans {
  if (d.spans) return d.spans;
  let s = spansOf.get(d);
  if (s) return s;
  s = { first: new Float64Array(d.count), last: new Float64Array(d.count), ended: new Float64Array(d.count) };
  for (let j = 0; j < d.count; j++) {
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < CHAIN.length; i++) {
      const day = d.days[j * SLOTS + i]!;
      if (day < first) first = day;
      if (day > last) last = day;
    }
    s.first[j] = first;
    s.last[j] = last;
    s.ended[j] = endOf(d.days[j * SLOTS + CLOSED]!, d.days[j * SLOTS + APPROVAL]!);
  }
  spansOf.set(d, s);
  return s;
}

/** What the records said about an episode at the end of day `asAt`. */
export function knownAt(e: ForecastEpisode, asAt: number): Known {
  const d = daysOfEpisodes([e]);
  const out = new Float64Array(CHAIN.length);
  const reached = knownInto(d, 0, asAt, out);
  return {
    days: Array.from(out, (v) => (v === v ? v : null)),
    reached,
    closedOn: closedBy(d, 0, asAt) ? d.days[CLOSED]! : null,
  };
}
