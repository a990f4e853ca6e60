import type { Database } from 'better-sqlite3';

/**
 * An erasure leaves erased bytes in the gaps of pages SQLite rebuilt until the file is rewritten
 * (VACUUM: db/purge-ledger.ts rewriteErased). The rewrite runs after the erasure commits, and can
 * fail (another program holding the write lock past the busy timeout, a full disk); it is then
 * tried again for ten minutes, but only while the process lives, and a CLI purge exits at once.
 * So the erasure itself, in its own transaction, records that a rewrite is owed, and the rewrite
 * clears it: whatever opens the file next (db/open.ts) does an owed rewrite first. A setting, not
 * a file beside the database: it commits or rolls back with the erasure, and holds no personal data.
 */
const KEY = 'erasure.rewrite_owed';

/** Records, inside the erasing transaction, that the file is to be rewritten. */
export function oweRewrite(db: Database): void {
  db.prepare("INSERT INTO settings (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING").run(KEY);
}

export const rewriteOwed = (db: Database): boolean =>
  db.prepare('SELECT 1 FROM settings WHERE key = ?').get(KEY) !== undefined;

/** Rewrites the whole file, so no erased byte stays in a page's free gap, and clears the debt. */
export function rewriteFile(db: Database): void {
  db.exec('VACUUM');
  db.prepare('DELETE FROM settings WHERE key = ?').run(KEY);
}
