import type { Migration } from './types.ts';
import { rebuildAllEpisodes } from '../episodes.ts';

/**
 * The journey's dated steps that are not stages (issues 14 and 15): panel minutes received, and
 * the kinship journey's viability request and outcome, reg 24 placement, reg 25 extension and
 * IRM review. One row per kind per episode; `detail` is the viability result (kept on purge),
 * `reason` the extension's reason (free text, erased on purge). Then every household's episodes
 * are built from its milestones, closures, cessations, pathway switches and these dates.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'journey-dates',
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
    rebuildAllEpisodes(db);
  },
};
