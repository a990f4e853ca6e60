import type { Db } from '../open.ts';

/**
 * The one door through which planning (the forecast, its backtest and the dashboard) reads
 * household episodes: one row per episode with its milestone dates and its ending. Built from
 * today's milestones and closures tables; when the episodes table lands, repoint these two
 * functions at it and nothing else changes.
 *
 * `pathway` is the household's current pathway (the episodes table will carry it as at the enquiry).
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
  const filter = pathway === 'all' ? '' : 'WHERE h.pathway = ?';
  return db
    .prepare<unknown[], EpisodeRow>(
      `SELECT ep.household_id AS householdId, ep.episode AS episode, h.pathway AS pathway,
         ep.enquiry, ep.eoi, ep.stage1, ep.stage2, ep.panel, ep.approval, c.date AS closedOn,
         CASE
           WHEN ep.approval IS NOT NULL AND h.status = 'ceased' AND ep.episode = h.episode THEN 'ceased'
           WHEN ep.approval IS NOT NULL THEN 'approved'
           WHEN c.date IS NOT NULL THEN 'closed'
           ELSE 'open' END AS status
       FROM (
         SELECT household_id, episode,
           MAX(CASE kind WHEN 'enquiry' THEN date END) AS enquiry,
           MAX(CASE kind WHEN 'eoi' THEN date END) AS eoi,
           MAX(CASE kind WHEN 'stage1' THEN date END) AS stage1,
           MAX(CASE kind WHEN 'stage2' THEN date END) AS stage2,
           MAX(CASE kind WHEN 'panel' THEN date END) AS panel,
           MAX(CASE kind WHEN 'approval' THEN date END) AS approval
         FROM milestones GROUP BY household_id, episode
       ) ep
       JOIN households h ON h.id = ep.household_id
       LEFT JOIN closures c ON c.household_id = ep.household_id AND c.episode = ep.episode
       ${filter}
       ORDER BY ep.household_id, ep.episode`,
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
