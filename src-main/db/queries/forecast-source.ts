import { isoToDayNumber, type IsoDate } from '../../domain/dates.ts';
import type { EpisodeDays } from '../../domain/forecast.ts';
import type { Db } from '../open.ts';

/**
 * The one door through which planning (the forecast, its backtest and the dashboard) reads
 * household episodes: one row per episode with its milestone dates and its ending, from the
 * episodes table (db/episodes.ts). `pathway` is the episode's pathway as at its enquiry.
 */
export interface EpisodeRow {
  householdId: number;
  episode: number;
  pathway: 'mainstream' | 'kinship';
  enquiry: string | null;
  eoi: string | null;
  stage1: string | null;
  stage2: string | null;
  panel: string | null;
  approval: string | null;
  /** The drop-out date of this episode, if it was closed. */
  closedOn: string | null;
  status: 'open' | 'closed' | 'approved' | 'ceased';
}

export type EpisodePathway = 'mainstream' | 'kinship' | 'all';

/** Every episode on the pathway (all pathways for `all`), in household then episode order. */
export function readEpisodes(db: Db, pathway: EpisodePathway): EpisodeRow[] {
  const filter = pathway === 'all' ? '' : 'WHERE e.pathway = ?';
  return db
    .prepare<unknown[], EpisodeRow>(
      `SELECT e.household_id AS householdId, e.episode AS episode, e.pathway AS pathway,
         e.enquiry, e.eoi, e.stage1, e.stage2, e.panel, e.approval, e.closed_on AS closedOn,
         CASE
           WHEN e.approval IS NOT NULL AND e.ceased_on IS NOT NULL THEN 'ceased'
           WHEN e.approval IS NOT NULL THEN 'approved'
           WHEN e.closed_on IS NOT NULL THEN 'closed'
           ELSE 'open' END AS status
       FROM episodes e
       ${filter}
       ORDER BY e.household_id, e.episode`,
    )
    .all(...(pathway === 'all' ? [] : [pathway]));
}

const DAY_COLUMNS = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval', 'closed_on']
  .map((c) => `e.${c}`)
  .join(', ');
const EPISODE_DAYS = `SELECT e.household_id, e.episode, ${DAY_COLUMNS} FROM episodes e`;
const EPISODE_DAYS_ON_PATHWAY = `${EPISODE_DAYS} WHERE e.pathway = ?`;
/**
 * The episodes a forecast as at a day, trained from another, can count: a milestone on or after
 * the first training day (each training history starts at a milestone date in the window), or
 * not ended by closure or approval on the day (open then). Bound: the first training day six
 * times, then the day twice. Each column is read through `+` so SQLite keeps to one pass over
 * the covering index rather than a lookup per episode from each date's own index.
 */
const CAN_COUNT = `(${['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval']
  .map((c) => `+e.${c} >= ?`)
  .join(' OR ')} OR NOT coalesce(+e.closed_on <= ? OR +e.approval <= ?, 0))`;
const LIVE_DAYS = `${EPISODE_DAYS} WHERE ${CAN_COUNT}`;
const LIVE_DAYS_ON_PATHWAY = `${EPISODE_DAYS_ON_PATHWAY} AND ${CAN_COUNT}`;

function grown(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/**
 * Every episode on the pathway as day-number columns (domain/forecast.ts EpisodeDays), for the
 * forecast and its backtest. One pass over the covering enquiry index, in its order (the forecast
 * puts the few open episodes in household order itself). A service's dates repeat (a few
 * thousand distinct days), so each distinct date is turned into a day number once: no object
 * per episode and no date parsed twice, which at a million episodes was most of the cost.
 * With `only`, just the episodes a forecast as at `only.asAt` trained from `only.from` can count
 * (CAN_COUNT): the columns then serve that one forecast and nothing else.
 */
export function readEpisodeDays(
  db: Db,
  pathway: EpisodePathway,
  only?: { from: IsoDate; asAt: IsoDate },
): EpisodeDays {
  const all = pathway === 'all';
  const stmt = db
    .prepare(only ? (all ? LIVE_DAYS : LIVE_DAYS_ON_PATHWAY) : all ? EPISODE_DAYS : EPISODE_DAYS_ON_PATHWAY)
    .raw();
  const params = [
    ...(all ? [] : [pathway]),
    ...(only ? [...Array<IsoDate>(6).fill(only.from), only.asAt, only.asAt] : []),
  ];
  const dayOf = new Map<string, number>();
  let capacity = 4096;
  let householdId: Float64Array = new Float64Array(capacity);
  let episode: Float64Array = new Float64Array(capacity);
  let days: Float64Array = new Float64Array(capacity * 7);
  let n = 0;
  // Streamed (not .all()), so a million episodes never sit in memory as row arrays.
  for (const row of stmt.iterate(...params) as Iterable<unknown[]>) {
    if (n === capacity) {
      capacity *= 2;
      householdId = grown(householdId, capacity);
      episode = grown(episode, capacity);
      days = grown(days, capacity * 7);
    }
    householdId[n] = row[0] as number;
    episode[n] = row[1] as number;
    for (let i = 0; i < 7; i++) {
      const iso = row[i + 2] as string | null;
      let day = NaN;
      if (iso) {
        day = dayOf.get(iso) ?? NaN;
        if (day !== day) dayOf.set(iso, (day = isoToDayNumber(iso)));
      }
      days[n * 7 + i] = day;
    }
    n++;
  }
  householdId = householdId.subarray(0, n);
  episode = episode.subarray(0, n);
  days = days.subarray(0, n * 7);
  return { count: n, householdId, episode, days, inOrder: false };
}

/**
 * A drill-down query selecting the given household ids, for planning figures whose households
 * are worked out in code (the forecast's open episodes). The ids travel as one JSON parameter.
 */
export function householdIdsQuery(ids: readonly number[]): { sql: string; params: unknown[] } {
  return { sql: 'SELECT value FROM json_each(?)', params: [JSON.stringify([...new Set(ids)])] };
}
