import { APPLICATION_STAGE1 } from './0019-episode-first-switch.ts';
import type { Migration } from './types.ts';

/**
 * The forecast's text of an episode (migration 11) gives as its Stage 1 day the Stage 1 start with
 * the kinship rule: a kinship household's viability request stands as its formal application
 * (domain brief), so an open one that has made it is at Stage 1, as the households list stands it
 * (domain/summary.ts) and the recruitment table counts its Stage 1 start (db/journey-sql.ts
 * funnelDateSql). Read from the `stage1` column alone, the forecast put it at Enquiry (or its EOI).
 * The expression is migration 19's APPLICATION_STAGE1, which episodes_by_application holds and a
 * unit test holds equal to `applicationReceivedSql('stage1', '')`: the rule's own SQL, not a copy.
 * Frozen there, as a shipped migration's text must be; a change of the rule needs a migration.
 *
 * A generated column can be neither altered nor added STORED, so the table is made again as at
 * version 26, its columns in the same order with only forecast_text's expression new, every row
 * copied (SQLite works the column out for each as it is written), and its indexes made again
 * from sqlite_master as version 26 has them (as migration 11 did). Nothing refers to episodes,
 * and no trigger or view names it. STRICT and WITHOUT ROWID as before.
 */
const DAY_COLUMNS = ['enquiry', 'eoi', APPLICATION_STAGE1, 'stage2', 'panel', 'approval', 'closed_on'];
const FORECAST_TEXT = `household_id || ',' || episode || ${DAY_COLUMNS.map((c) => `',' || ifnull(${c}, '')`).join(' || ')} || ';'`;

const COLUMNS = [
  'household_id',
  'episode',
  'pathway',
  'switched_on',
  'switched_to',
  'source',
  'household_type',
  'enquiry',
  'initial_visit',
  'eoi',
  'stage1',
  'stage2',
  'panel',
  'approval',
  'stage_reached',
  'closed_on',
  'closed_stage',
  'closed_reason',
  'ended_by',
  'exit_interview',
  'ceased_on',
  'ceased_reason',
  'panel_minutes',
  'viability_request',
  'viability_outcome',
  'reg24_placement',
  'extension',
  'irm_pending_from',
  'irm_pending_to',
  'viability_result',
  'first_switched_on',
  'stage1_information',
  'cessation_exit_interview',
  'cessation_might_return',
  'cessation_exit_reasons',
].join(', ');

export const migration0027: Migration = {
  version: 27,
  name: 'forecast-kinship-application',
  up(db) {
    const indexes = db
      .prepare<[], string>(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'episodes' AND sql IS NOT NULL ORDER BY name",
      )
      .pluck()
      .all();
    db.exec(`
      CREATE TABLE episodes_v27 (
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        episode INTEGER NOT NULL,
        pathway TEXT NOT NULL CHECK (pathway IN ('mainstream', 'kinship')),
        switched_on TEXT,
        switched_to TEXT CHECK (switched_to IN ('mainstream', 'kinship')),
        source TEXT,
        household_type TEXT,
        enquiry TEXT,
        initial_visit TEXT,
        eoi TEXT,
        stage1 TEXT,
        stage2 TEXT,
        panel TEXT,
        approval TEXT,
        stage_reached TEXT NOT NULL,
        closed_on TEXT,
        closed_stage TEXT,
        closed_reason TEXT,
        ended_by TEXT,
        exit_interview TEXT CHECK (exit_interview IN ('offered', 'held', 'declined')),
        ceased_on TEXT,
        ceased_reason TEXT,
        panel_minutes TEXT,
        viability_request TEXT,
        viability_outcome TEXT,
        reg24_placement TEXT,
        extension TEXT,
        irm_pending_from TEXT,
        irm_pending_to TEXT,
        viability_result TEXT,
        forecast_text TEXT GENERATED ALWAYS AS (${FORECAST_TEXT}) STORED,
        first_switched_on TEXT,
        stage1_information TEXT,
        cessation_exit_interview TEXT CHECK (cessation_exit_interview IN ('offered', 'held', 'declined')),
        cessation_might_return INTEGER CHECK (cessation_might_return IN (0, 1)),
        cessation_exit_reasons TEXT,
        PRIMARY KEY (household_id, episode)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO episodes_v27 (${COLUMNS}) SELECT ${COLUMNS} FROM episodes;
      DROP TABLE episodes;
      ALTER TABLE episodes_v27 RENAME TO episodes;
    `);
    for (const sql of indexes) db.exec(sql);
  },
};
