import type Database from 'better-sqlite3';

/**
 * The database handle every storage module takes first. Its own module (open.ts re-exports it)
 * so the modules open.ts reaches through the migrations (episodes.ts) need not import open.ts.
 */
export type Db = Database.Database;

/**
 * Everything one answer reads, from one state of the records (a report with the tables its
 * suppression is weighed against, Home's panels, a drill's figure and its households): an import
 * commits from its own worker process, the CLI from another program, and between two reads would
 * give figures of two states. A read transaction holds no writer back (WAL). Within a transaction
 * already open, `read` simply runs in it.
 */
export function inOneSnapshot<T>(db: Db, read: () => T): T {
  return db.inTransaction ? read() : db.transaction(read)();
}

/**
 * Runs `fn` without waiting for another connection's write lock (busy_timeout 0): for work that
 * can be tried again later (the alerts' daily sweep, a purge's WAL clean-up), so that no call of
 * the app waits SQLite's busy timeout (5 s) behind an import's or another program's write. A
 * lock held meanwhile throws SQLITE_BUSY at once; the caller decides what that means.
 */
export function withoutWaitingForLock<T>(db: Db, fn: () => T): T {
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}
