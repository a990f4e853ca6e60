import type { Migration } from './types.ts';

/**
 * Personal data leaves with its household (issue 13):
 * - household ids are never re-used: `households` is rebuilt with AUTOINCREMENT (SQLite's
 *   documented way: new table, copy, drop, rename; `migrate` runs it with foreign keys off and
 *   checks them after), and its sequence starts above every id the audit log has ever named;
 *   before this, an import undone then another import gave the new household the old one's id,
 *   and with it the old one's history. Every row, index and trigger is kept; the table's
 *   definition is taken from the schema itself, so columns added by earlier migrations follow.
 * - `purge_ledger`: the references purged and when (never a name), seeded from the households
 *   already purged; db/purge-ledger.ts re-applies it to every copy (see there).
 * - audit values left behind by households that no longer exist (removed by undoing their
 *   import) are erased, and the entries an earlier holder of a re-used id left under it are
 *   erased and detached: what happened (action, field, when) stays, the values go.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'private-ids-purge-ledger',
  up(db) {
    const schema = db
      .prepare<[], { type: string; sql: string }>(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'households' AND sql IS NOT NULL ORDER BY type, name",
      )
      .all();
    const table = schema.find((s) => s.type === 'table')!.sql;
    const rebuilt = table
      .replace(/^CREATE TABLE households \(/, 'CREATE TABLE households_next (')
      .replace(/\bid INTEGER PRIMARY KEY,/, 'id INTEGER PRIMARY KEY AUTOINCREMENT,');
    if (!rebuilt.startsWith('CREATE TABLE households_next (') || !rebuilt.includes('AUTOINCREMENT')) {
      throw new Error('The households table is not the one this migration knows how to rebuild.');
    }
    const columns = db
      .prepare<[], string>("SELECT name FROM pragma_table_info('households')")
      .pluck()
      .all()
      .map((c) => `"${c}"`)
      .join(', ');
    db.exec(rebuilt);
    db.exec(`INSERT INTO households_next (${columns}) SELECT ${columns} FROM households`);
    db.exec('DROP TABLE households');
    // Views or triggers naming `households` would be checked (and fail) mid-rebuild otherwise.
    db.pragma('legacy_alter_table = ON');
    db.exec('ALTER TABLE households_next RENAME TO households');
    db.pragma('legacy_alter_table = OFF');
    for (const s of schema) if (s.type !== 'table') db.exec(s.sql);
    db.exec(`
      DELETE FROM sqlite_sequence WHERE name = 'households';
      INSERT INTO sqlite_sequence (name, seq)
        SELECT 'households', seq FROM (
          SELECT MAX(COALESCE((SELECT MAX(id) FROM households), 0),
                     COALESCE((SELECT MAX(household_id) FROM audit_log), 0)) AS seq)
        WHERE seq > 0;

      CREATE TABLE purge_ledger (
        reference TEXT PRIMARY KEY,
        purged_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO purge_ledger (reference, purged_at)
        SELECT reference, purged_at FROM households WHERE purged_at IS NOT NULL;

      -- An earlier holder of a re-used id: everything logged under the id up to the undo that
      -- removed it (an 'undo' of the whole household) was that household's, not this one's.
      WITH removed AS (
        SELECT household_id AS hid, MAX(id) AS last FROM audit_log
        WHERE action = 'undo' AND entity = 'household' AND field IS NULL
          AND household_id IN (SELECT id FROM households)
        GROUP BY household_id)
      UPDATE audit_log SET household_id = NULL, old_value = NULL, new_value = NULL, reason = NULL
        WHERE household_id IN (SELECT hid FROM removed)
          AND id <= (SELECT last FROM removed WHERE hid = audit_log.household_id);
      -- Households removed by undoing their import keep what happened, not their values.
      UPDATE audit_log SET old_value = NULL, new_value = NULL, reason = NULL
        WHERE household_id IS NOT NULL AND household_id NOT IN (SELECT id FROM households);
    `);
  },
};
