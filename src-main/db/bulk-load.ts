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
  rebuild(
    db,
    indexes.map((i) => i.sql),
  );
  return result;
}

/**
 * The indexes are made again with SQLite’s sorter in small runs, sorted by helper threads. It
 * sorts in runs as large as the page cache (16 MB in the import worker, 128 MB in the app:
 * db/open.ts) and merges them; small runs are faster. Rebuilding all 32 indexes after the bench's
 * 1,000,000-row csv took 25.2 s in the worker and 14.6 s so (the whole import 77.6 → 66.7 s); one
 * index by one, 128 MB runs took 1.3–2.8 s and 2 MB runs with helpers 0.5–1.3 s. The cache is
 * put back afterwards; dirty pages over the small size meanwhile are spilled to the WAL, as a
 * large import's are anyway.
 */
const SORT_RUN_CACHE_SIZE = -2048; // 2 MB (negative: KiB)
const SORT_THREADS = 2;

function rebuild(db: Db, statements: string[]): void {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  const threads = db.pragma('threads', { simple: true }) as number;
  db.pragma(`cache_size = ${SORT_RUN_CACHE_SIZE}`);
  db.pragma(`threads = ${SORT_THREADS}`);
  try {
    for (const sql of statements) db.exec(sql);
  } finally {
    db.pragma(`cache_size = ${cache}`);
    db.pragma(`threads = ${threads}`);
  }
}
