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

/**
 * A drill-down query selecting the given household ids, for planning figures whose households
 * are worked out in code (the forecast's open episodes). The ids travel as one JSON parameter.
 */
export function householdIdsQuery(ids: readonly number[]): { sql: string; params: unknown[] } {
  return { sql: 'SELECT value FROM json_each(?)', params: [JSON.stringify([...new Set(ids)])] };
}
