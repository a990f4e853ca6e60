import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { backupsDir } from './paths.ts';

/**
 * A consistent copy made with SQLite's online backup API (never a file copy of a live
 * WAL database). Returns the backup's path.
 */
export async function backupDatabase(db: Database, dbPath: string, label: string): Promise<string> {
  const dir = backupsDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dest = join(dir, `${basename(dbPath, '.db')}-${stamp}-${label}.db`);
  await db.backup(dest);
  return dest;
}
