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
