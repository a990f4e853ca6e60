import Database from 'better-sqlite3';
import type { Db } from './handle.ts';

/**
 * The import worker's own connections to the database the app has open (import/worker.ts,
 * import/analyse.ts). The file must already exist: the app opened, created and migrated it.
 * Neither has the app's 128 MB page cache or memory map (open.ts), as neither made an import
 * faster: a 1,000,000-row csv took 67.5–69.8 s in the app's process with 128 MB, 66.7 s in the
 * worker with SQLite's 16 MB; with the reader mapped, the unchanged re-import took 1.39–1.68 s,
 * against 1.47–1.52 s without (alternated).
 */

/** For planning: reads only, so a preview can never write. */
export function openImportReader(path: string): Db {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** For the commit, durable as every connection of the app is (open.ts): foreign keys on, overwritten bytes zeroed. */
export function openImportWriter(path: string): Db {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON'); // as every connection: what is overwritten is zeroed
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Says whether anything was committed to the database file since it was made, by any connection
 * of any process (SQLite's data_version, read through a reader of its own kept open meanwhile).
 * An import is planned against the database as it was: made before the plan reads anything, and
 * asked inside the commit's write transaction, it refuses a commit after any write in between
 * (a hand edit, a setting, another import or program). One read of a header, where comparing
 * the tables' contents cost ~70 ms at 100,000 households, twice in every import. A checkpoint
 * that empties the WAL is counted as a change too (only a purge or undo makes one, and they write).
 */
export interface DatabaseWatch {
  changed(): boolean;
  close(): void;
}

export function watchDatabase(path: string): DatabaseWatch {
  const db = openImportReader(path);
  const version = () => db.pragma('data_version', { simple: true }) as number;
  try {
    const start = version();
    return {
      changed: () => version() !== start,
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
