import type { Migration } from './types.ts';

/**
 * All Stage 1 information obtained, a dated step of the journey (domain/journey-dates.ts
 * `stage1_information`): a Stage 1 "unsuitable" decision must be given within 10 working days of
 * it (domain brief, Timescales), the one timescale the record could not date.
 *
 * - journey_dates: its CHECK names every kind a row may hold, and SQLite cannot alter a CHECK, so
 *   the table is made again with the new kind (written out as at version 23, never generated from
 *   today's list), every row copied with its id, and its two indexes made again as version 22 had
 *   them. Nothing refers to journey_dates, and no trigger or view names it.
 * - episodes: the step's date as a column of the same name (every journey date is one there), at
 *   the end of the table, null on every existing episode (no row of the old kind list can hold it).
 */
export const migration0023: Migration = {
  version: 23,
  name: 'stage1-information',
  up(db) {
    db.exec(`
      CREATE TABLE journey_dates_v23 (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        episode INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('stage1_information', 'panel_minutes', 'viability_request',
          'viability_outcome', 'reg24_placement', 'extension', 'irm_pending_from', 'irm_pending_to')),
        date TEXT NOT NULL,
        detail TEXT CHECK (detail IN ('positive', 'negative')),
        reason TEXT,
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        UNIQUE (household_id, episode, kind)
      ) STRICT;
      INSERT INTO journey_dates_v23 (id, household_id, episode, kind, date, detail, reason, source, batch_id)
        SELECT id, household_id, episode, kind, date, detail, reason, source, batch_id FROM journey_dates;
      DROP TABLE journey_dates;
      ALTER TABLE journey_dates_v23 RENAME TO journey_dates;
      CREATE INDEX journey_dates_by_kind_date ON journey_dates (kind, date);
      CREATE INDEX journey_dates_by_batch ON journey_dates (batch_id) WHERE batch_id IS NOT NULL;
    `);
    // Only where missing, as 21's IF NOT EXISTS: the migration can run again on a file at this
    // schema marked older, as tests make one (the rebuild above is the same either way).
    const has = db
      .prepare("SELECT 1 FROM pragma_table_info('episodes') WHERE name = 'stage1_information'")
      .get();
    if (!has) db.exec('ALTER TABLE episodes ADD COLUMN stage1_information TEXT');
  },
};
