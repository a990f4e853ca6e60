import Database from 'better-sqlite3';
import type { Db } from './handle.ts';

/**
 * The import worker's own connections to the database the app has open (import/worker.ts,
 * import/analyse.ts). The file must already exist: the app opened, created and migrated it.
 */

/** For planning: reads only, so a preview can never write. */
export function openImportReader(path: string): Db {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** For the commit, set as every connection of the app is (open.ts): durable, foreign keys on. */
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
