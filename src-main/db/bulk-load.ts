import { ApiError } from '../domain/errors.ts';
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

/** `adding`: how many households the load adds (it decides how the indexes are sorted: below). */
export function withoutSecondaryIndexes<T>(db: Db, adding: number, fn: () => T): T {
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
  const statements = indexes.map((i) => i.sql);
  if (adding >= SMALL_RUNS_FROM) inSmallSortRuns(db, statements);
  else for (const sql of statements) db.exec(sql);
  return result;
}

/**
 * A very large load's indexes are sorted in small runs by helper threads. SQLite's sorter, which
 * builds each index, sorts in runs as large as the page cache (16 MB in the import worker, 128 MB
 * in the app: db/open.ts) and merges them, and once an index outgrows one run, small runs are
 * faster: rebuilding the 32 indexes after the bench's 1,000,000-row csv took 25.2 and 41.1 s in
 * the worker, 14.6 and 16.5 s so (two pairs; the first import 77.6 → 66.7 s). A smaller load's
 * sorts fit in one run and gain nothing, and shrinking the cache spills the load's dirty pages
 * to the WAL early: at 100,000 rows in the app's process (128 MB), 1.7 → 3.1–4.3 s. The threshold
 * lies between the two sizes measured. The cache and threads are put back afterwards.
 */
export const SMALL_RUNS_FROM = 250_000;
const SORT_RUN_CACHE_SIZE = -2048; // 2 MB (negative: KiB)
const SORT_THREADS = 2;

function inSmallSortRuns(db: Db, statements: string[]): void {
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

/**
 * A first load (an import into a database with no households) is faster with SQLite's foreign
 * key checks off: each of its ~580,000 rows at 100,000 households otherwise looks up the row it
 * refers to (−0.6 s of ~13 s, measured). The setting cannot change inside a transaction, so it is
 * turned off here, before the caller's `fn` begins one, and put back afterwards whatever happens;
 * inside, before its commit, `fn` must prove the rows with `checkForeignKeys`. With no household
 * before it, the load deletes nothing that an ON DELETE CASCADE would have reached.
 */
export function withoutForeignKeys<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) throw new Error('withoutForeignKeys must begin before the transaction.');
  const on = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    return fn();
  } finally {
    db.pragma(`foreign_keys = ${on ? 'ON' : 'OFF'}`);
  }
}

/**
 * Inside the load's transaction, before it commits: every row of every table refers to a row that
 * exists (what the checks left off would have enforced row by row; ~0.1 s at 100,000 households),
 * or the load is refused and rolled back, saying which tables (never a row's values).
 */
export function checkForeignKeys(db: Db): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length === 0) return;
  const counts = new Map<string, number>();
  for (const { table, parent } of broken)
    counts.set(`${table} to ${parent}`, (counts.get(`${table} to ${parent}`) ?? 0) + 1);
  const where = [...counts].map(([pair, n]) => `${n} in ${pair}`).join(', ');
  throw new ApiError(
    'internal',
    `Nothing was imported: the import would have left ${broken.length} rows referring to rows that do not exist (${where}). Please report this.`,
  );
}
