import type { Database } from 'better-sqlite3';
import { hasTable } from './has-table.ts';

/**
 * An erasure leaves erased bytes in the gaps of pages SQLite rebuilt until the file is rewritten
 * (VACUUM: db/purge-ledger.ts rewriteErased). The rewrite runs after the erasure commits, and can
 * fail (another program holding the write lock past the busy timeout, a full disk); it is then
 * tried again for ten minutes, but only while the process lives, and a CLI purge exits at once.
 * So the erasure itself, in its own transaction, records that a rewrite is owed, and the rewrite
 * clears it: whatever opens the file next (db/open.ts) does an owed rewrite first. A setting, not
 * a file beside the database: it commits or rolls back with the erasure, and holds no personal data.
 * Its value counts the erasures, so a rewrite clears only the debt it found: an erasure another
 * process commits between the rewrite and the clearing stays owed.
 */
const KEY = 'erasure.rewrite_owed';

/** Records, inside the erasing transaction, that the file is to be rewritten. */
export function oweRewrite(db: Database): void {
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
  ).run(KEY);
}

// A file an interrupted first migration left without tables owes nothing.
const owed = (db: Database): string | undefined =>
  hasTable(db, 'settings')
    ? db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(KEY)
    : undefined;

export const rewriteOwed = (db: Database): boolean => owed(db) !== undefined;

/** Rewrites the whole file, so no erased byte stays in a page's free gap, and clears the debt it found. */
export function rewriteFile(db: Database): void {
  const found = owed(db);
  db.exec('VACUUM');
  if (found !== undefined) db.prepare('DELETE FROM settings WHERE key = ? AND value = ?').run(KEY, found);
}
