import Database from 'better-sqlite3';
import { renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dailyBackup } from '../../../src-main/db/backup.ts';
import { backupProblemOf } from '../../../src-main/db/backup-problem.ts';
import { backupsDir } from '../../../src-main/db/paths.ts';
import { Store } from '../../../src-main/db/store.ts';
import { tempDir } from '../../support/temp.ts';

// A daily backup that fails is held for Home, Settings and the CLI to say (backupProblemOf), with
// whether a link stands at the backups folder's name (backupsFolderLink, an lstat). That lstat can
// fail too, where the first failure came from the same folder: here its name is over the disk's
// 255-byte limit (ENAMETOOLONG) while the database's is not (a permission or a network share
// failing between the two would do the same). The lstat threw again from the catch, so the first
// failure was never recorded, and the caller got an error dailyBackup promises never to give. A
// real file of such a name, no fs mocked. (The app's own open refuses this file earlier, for its
// file name, over 247 bytes: open.ts refuseLongName; so the connection here is opened directly.)

/** A database with one household, in WAL (as the app leaves it), at a name 248 bytes long: its backups folder's is 256. */
async function longNamed(): Promise<string> {
  const dir = tempDir();
  const short = join(dir, 'short.db');
  const store = await Store.open(short, { create: true });
  store.db
    .prepare('INSERT INTO households (reference, created_at, updated_at) VALUES (?, ?, ?)')
    .run('LONG-1', '2026-11-26T12:00:00.000Z', '2026-11-26T12:00:00.000Z');
  store.close();
  const dbPath = join(dir, `${'Fostering recruitment '.repeat(11)}${'x'.repeat(3)}.db`);
  expect(Buffer.byteLength(basename(dbPath))).toBe(248);
  expect(Buffer.byteLength(basename(backupsDir(dbPath)))).toBeGreaterThan(255);
  renameSync(short, dbPath);
  return dbPath;
}

describe('a daily backup whose folder cannot even be looked at', () => {
  it('resolves, holding the first failure (no link known of) for Home, Settings and the CLI to say', async () => {
    const dbPath = await longNamed();
    const db = new Database(dbPath);
    try {
      expect(backupProblemOf(db)).toBeNull();
      await expect(dailyBackup(db, dbPath)).resolves.toBeNull();
      const problem = backupProblemOf(db);
      expect(problem?.message).toMatch(
        /^Today's automatic backup was not made when this database was opened/,
      );
      expect(problem?.message).toContain(`No backup could be made in ${backupsDir(dbPath)}`);
      expect(problem?.linked).toBe(false);
      expect(db.prepare('SELECT reference FROM households').pluck().all()).toEqual(['LONG-1']);
    } finally {
      db.close();
    }
  });
});
