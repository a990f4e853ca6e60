import type { Db } from './handle.ts';

/**
 * Large loads into a table that is small by comparison (an import filling an empty database)
 * are faster without the secondary indexes: each insert then touches only the table and its
 * unique keys, and each index is built afterwards in one sort instead of entry by entry in
 * random order (about half a 100,000-row import's time, measured). The indexes are dropped
 * and made again, from their own CREATE statements, inside the caller's transaction: a failure
 * rolls the drop back with everything else, and the schema afterwards is exactly the one
 * before (schema-check.ts compares it).
 *
 * Unique indexes stay: they enforce rules (one household per reference), not just speed.
 * The caller must not read through a dropped index meanwhile (it would scan the table).
 */
const TABLES = ['households', 'milestones', 'episodes', 'closures', 'cessations', 'audit_log'] as const;

/** Whether loading `adding` rows into a table of `existing` is worth the rebuild. */
export const worthDroppingIndexes = (adding: number, existing: number): boolean =>
  adding >= 5000 && adding >= existing;

export function withoutSecondaryIndexes<T>(db: Db, fn: () => T): T {
  if (!db.inTransaction) throw new Error('withoutSecondaryIndexes needs the caller’s transaction.');
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${TABLES.map((t) => `'${t}'`).join(', ')})
       ORDER BY name`,
    )
    .all()
    .filter((i) => !/^\s*CREATE\s+UNIQUE\b/i.test(i.sql));
  // Names come from sqlite_master, quoted as identifiers.
  for (const i of indexes) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
  const result = fn();
  for (const i of indexes) db.exec(i.sql);
  return result;
}
