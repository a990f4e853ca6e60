import { existsSync, readFileSync } from 'node:fs';
import { listBackups } from '../../src-main/db/backup.ts';
import type { TestApp } from './temp.ts';

/**
 * Where erased text could still be found, byte for byte (what `grep -a` would find): the database
 * file, its WAL and every backup the app keeps beside it. Used by the erasure and purge tests and
 * the random journeys to hold a purge (or an undo) to "nothing of it is left".
 */
export const holds = (path: string, text: string): boolean =>
  existsSync(path) && readFileSync(path).includes(Buffer.from(text, 'utf8'));

/** Empties the WAL into the database file, as SQLite does on its own sooner or later. */
export function checkpoint(app: TestApp): void {
  app.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Each of `texts` still held by the database file, its WAL or a backup, as `file: text`. */
export function leftovers(app: TestApp, texts: readonly string[]): string[] {
  const files = [app.dbPath, `${app.dbPath}-wal`, ...listBackups(app.dbPath).map((b) => b.path)];
  const contents = files.filter((f) => existsSync(f)).map((f) => [f, readFileSync(f)] as const);
  return contents.flatMap(([f, bytes]) =>
    texts.filter((t) => bytes.includes(Buffer.from(t, 'utf8'))).map((t) => `${f}: ${t}`),
  );
}
