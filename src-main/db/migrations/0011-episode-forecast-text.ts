import type { Migration } from './types.ts';

/**
 * The forecast's text of an episode, kept on the row (issue 12): `household,episode,enquiry,eoi,
 * stage1,stage2,panel,approval,closed_on;` (a date as stored, empty for none), which the
 * forecast and its backtest read a million at a time (db/queries/forecast-source.ts). Joined at
 * read time it was most of their time in SQLite; as a STORED generated column SQLite writes it
 * with the row, so every writer of episodes keeps it without knowing of it, and the read is one
 * pass over the table. (An index holding it would not serve: SQLite reads a generated column
 * from the table even when an index holds it.)
 *
 * A stored column cannot be added to a table, so the table is made again with it: the same
 * columns, the rows copied, and the indexes it had (as sqlite_master holds them at version 10)
 * made again. `||` and ifnull(), not concat(): a SQLite older than 3.44 must still read the file.
 */
const DAY_COLUMNS = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'approval', 'closed_on'];
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
].join(', ');

export const migration0011: Migration = {
  version: 11,
  name: 'episode-forecast-text',
  up(db) {
    const indexes = db
      .prepare<[], string>(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'episodes' AND sql IS NOT NULL ORDER BY name",
      )
      .pluck()
      .all();
    db.exec(`
      CREATE TABLE episodes_v11 (
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
        PRIMARY KEY (household_id, episode)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO episodes_v11 (${COLUMNS}) SELECT ${COLUMNS} FROM episodes;
      DROP TABLE episodes;
      ALTER TABLE episodes_v11 RENAME TO episodes;
    `);
    for (const sql of indexes) db.exec(sql);
  },
};
