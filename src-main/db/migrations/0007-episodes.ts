import type { Migration } from './types.ts';
import { EPISODES_DDL, rebuildAllEpisodes } from '../episodes.ts';

/**
 * Episodes become records (issue 12), with the journey's dated steps that are not stages
 * (issues 14 and 15).
 *
 * - journey_dates: panel minutes received, and the kinship journey's viability request and
 *   outcome, reg 24 placement, reg 25 extension and IRM review; one row per kind per episode.
 *   `detail` is the viability result (kept on purge), `reason` the extension's reason (free
 *   text, erased on purge).
 * - episodes: one row per household episode with its pathway, source and household type as at
 *   its enquiry, its milestone and journey dates and its ending. Every report reads it, so a
 *   later edit or pathway switch cannot move an event out of a year already published.
 *   Existing databases are brought across from their milestones, closures, cessations and dated
 *   pathway switches; an earlier episode's source is the household's source at migration time
 *   (the only value the old schema kept).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'episodes',
  up(db) {
    db.exec(`
      CREATE TABLE journey_dates (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        episode INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('panel_minutes', 'viability_request', 'viability_outcome',
          'reg24_placement', 'extension', 'irm_pending_from', 'irm_pending_to')),
        date TEXT NOT NULL,
        detail TEXT CHECK (detail IN ('positive', 'negative')),
        reason TEXT,
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        UNIQUE (household_id, episode, kind)
      ) STRICT;
      CREATE INDEX journey_dates_by_kind_date ON journey_dates (kind, date);
      CREATE INDEX journey_dates_by_batch ON journey_dates (batch_id) WHERE batch_id IS NOT NULL;
    `);
    db.exec(EPISODES_DDL);
    rebuildAllEpisodes(db);
  },
};
