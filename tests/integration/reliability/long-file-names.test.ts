import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, backupStem, listBackups } from '../../../src-main/db/backup.ts';
import { openDatabase } from '../../../src-main/db/open.ts';
import { ledgerPath, readLedgerFile } from '../../../src-main/db/purge-ledger.ts';
import { backupsDir } from '../../../src-main/db/paths.ts';
import { restoreDatabaseFile } from '../../../src-main/db/restore.ts';
import { Store } from '../../../src-main/db/store.ts';
import { tempDir } from '../../support/temp.ts';

// A database's files beside it and in its backups folder are named after it: SQLite's
// `<name>-journal` and `-wal`, the backups folder `<name>-backups`, each backup
// `<name without .db>-<stamp>-<label>.db` (and its half-made `.partial-journal`), a restore's
// `.<name>.restore-<id>.tmp-journal`. The disk holds names of 255 bytes and SQLite opens paths of
// 512. A file name of 248 to 255 bytes could not be opened ("for a reason the app did not
// expect", from an lstat of the backups folder: ENAMETOOLONG); one of ~178 to 247 opened, but its
// longer-labelled backups (before an import, a restore, a schema update) could not be named, so
// an import or a restore was refused. Real files of those lengths in a temp folder; no fs mocked.

const NOW = '2026-11-26T12:00:00.000Z';

/** A database of the app's with one household, named `<bytes>` bytes long (its `.db` included), in `dir`. */
async function databaseNamed(dir: string, bytes: number): Promise<string> {
  const short = join(dir, 'short.db');
  const store = await Store.open(short, { create: true });
  store.db
    .prepare('INSERT INTO households (reference, created_at, updated_at) VALUES (?, ?, ?)')
    .run('LONG-1', NOW, NOW);
  store.close();
  // Two-byte characters too, so a cut between bytes would show (é is two bytes in UTF-8).
  const stem = `Recruitment é ${'x'.repeat(bytes - 3 - Buffer.byteLength('Recruitment é '))}`;
  const path = join(dir, `${stem}.db`);
  expect(Buffer.byteLength(basename(path))).toBe(bytes);
  renameSync(short, path);
  return path;
}

describe('a database whose file name is near the disk’s 255-byte limit', () => {
  for (const bytes of [248, 251, 255]) {
    it(`of ${bytes} bytes is refused, naming the limit, with nothing written or made`, async () => {
      const dir = tempDir();
      const path = await databaseNamed(dir, bytes);
      const before = readdirSync(dir).sort();
      await expect(openDatabase(path, { create: false })).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringContaining(
          `its file name is ${bytes} bytes long, and Fostering Funnel keeps files beside it named after it ("-journal", "-backups"), which the disk's limit of 255 bytes a name leaves no room for. Nothing was changed or made. Rename the file to a name of at most 247 bytes`,
        ),
      });
      expect(readdirSync(dir).sort()).toEqual(before);
      // A new database of such a name likewise, before its file is made.
      const fresh = join(tempDir(), `${'n'.repeat(bytes - 3)}.db`);
      await expect(openDatabase(fresh, { create: true })).rejects.toMatchObject({ code: 'refused' });
      expect(existsSync(fresh)).toBe(false);
    });
  }

  for (const bytes of [178, 200, 223, 247]) {
    it(`of ${bytes} bytes opens, is backed up under every label, and restores`, async () => {
      const path = await databaseNamed(tempDir(), bytes);
      const store = await Store.open(path, { create: false });
      let made: string;
      try {
        made = await backupDatabase(store.db, path, 'before-migration-v100');
        await backupDatabase(store.db, path, 'before-import');
      } finally {
        store.close();
      }
      expect(
        listBackups(path)
          .map((b) => b.label)
          .sort(),
      ).toEqual(['before-import', 'before-migration-v100', 'daily']);
      for (const b of listBackups(path)) expect(Buffer.byteLength(b.fileName)).toBeLessThanOrEqual(255);
      const restored = await restoreDatabaseFile(path, made);
      expect(restored.households).toBe(1);
      expect(listBackups(path).map((b) => b.label)).toContain('before-restore');
      const again = await Store.open(path, { create: false });
      try {
        expect(again.db.prepare('SELECT reference FROM households').pluck().all()).toEqual(['LONG-1']);
      } finally {
        again.close();
      }
    });
  }

  for (const bytes of [234, 247]) {
    it(`of ${bytes} bytes opens after a purge, its purge ledger kept beside it`, async () => {
      // The ledger `<name>.purge-ledger.json` is written through `<name>.purge-ledger.json.tmp`:
      // past 233 bytes that name did not fit, and every open after a purge failed.
      const path = await databaseNamed(tempDir(), bytes);
      const store = await Store.open(path, { create: false });
      try {
        store.db.prepare('INSERT INTO purge_ledger (reference, purged_at) VALUES (?, ?)').run('LONG-1', NOW);
      } finally {
        store.close();
      }
      const again = await Store.open(path, { create: false });
      again.close();
      expect(Buffer.byteLength(basename(ledgerPath(path)))).toBeLessThanOrEqual(
        255 - '.damaged-'.length - 24,
      );
      expect(existsSync(ledgerPath(path))).toBe(true);
      expect(readLedgerFile(path)).toEqual([{ reference: 'LONG-1', purgedAt: NOW }]);
    });
  }

  it('still finds the backups an earlier version named by the whole name, where they fitted', async () => {
    const path = await databaseNamed(tempDir(), 200);
    const store = await Store.open(path, { create: false });
    try {
      const made = await backupDatabase(store.db, path, 'manual');
      expect(basename(made).startsWith(`${backupStem(path)}-`)).toBe(true);
      expect(backupStem(path)).not.toBe(basename(path, '.db'));
      // A daily backup as versions before the cut named it: its name fitted (~235 bytes).
      const old = join(backupsDir(path), `${basename(path, '.db')}-2026-11-20T09-00-00-000Z-daily.db`);
      copyFileSync(made, old);
    } finally {
      store.close();
    }
    // Newest first, the old one among them by its date, not by its name.
    const listed = listBackups(path);
    expect(listed.map((b) => b.label)).toEqual(['manual', 'daily', 'daily']);
    expect(listed[2]!.createdAt).toBe('2026-11-20T09:00:00.000Z');
    expect(listed[2]!.fileName.startsWith(`${basename(path, '.db')}-`)).toBe(true);
  });
});

describe('a database deep in folders, near SQLite’s 512-byte path limit', () => {
  it('is backed up under a cut name its path leaves room for, still found once the folder moves', async () => {
    const root = tempDir();
    const deep = join(root, 'd'.repeat(200), 'e'.repeat(40));
    mkdirSync(deep, { recursive: true });
    const path = await databaseNamed(deep, 120);
    // The whole name would take its half-made copy's journal past 512 bytes: cut to fit.
    expect(backupStem(path)).not.toBe(basename(path, '.db'));
    const store = await Store.open(path, { create: false });
    try {
      await backupDatabase(store.db, path, 'before-migration-v100');
    } finally {
      store.close();
    }
    expect(
      listBackups(path)
        .map((b) => b.label)
        .sort(),
    ).toEqual(['before-migration-v100', 'daily']);
    // The database and its backups folder moved to a short folder: its cut stem is now the whole
    // name, and the backups named by the cut are still its own.
    const moved = join(root, basename(path));
    renameSync(path, moved);
    renameSync(backupsDir(path), backupsDir(moved));
    expect(backupStem(moved)).toBe(basename(moved, '.db'));
    expect(
      listBackups(moved)
        .map((b) => b.label)
        .sort(),
    ).toEqual(['before-migration-v100', 'daily']);
  });

  it('is refused, naming the limit, where the journal beside it would pass it', async () => {
    const deep = join(tempDir(), 'd'.repeat(240), 'e'.repeat(200));
    mkdirSync(deep, { recursive: true });
    const path = join(deep, `${'f'.repeat(505 - Buffer.byteLength(deep) - 1 - 3)}.db`);
    expect(Buffer.byteLength(path)).toBe(505);
    await expect(openDatabase(path, { create: true })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('its whole path is 505 bytes long'),
    });
    expect(existsSync(path)).toBe(false);
  });
});

/** A database of the app's with one household whose whole path is `total` bytes, deep in `root`. */
async function databaseAtPath(root: string, total: number): Promise<string> {
  const deep = join(
    root,
    'd'.repeat(200),
    'e'.repeat(total - Buffer.byteLength(root) - 1 - 200 - 1 - 1 - 40),
  );
  mkdirSync(deep, { recursive: true });
  const path = await databaseNamed(deep, 40);
  expect(Buffer.byteLength(path)).toBe(total);
  return path;
}

const tooLongWords = (path: string) =>
  `No backup could be made of ${path}: the path of the backup the app makes in its backups folder would be`;

describe('a database whose whole path leaves its backups no room within SQLite’s 512 bytes', () => {
  // The backup's path (`<path>-backups/<stem>-<stamp>-<label>.db.<id>.partial-journal`) passed 512
  // bytes: SQLite could not open it, and the refusal read "Make the folder writable". At 444
  // bytes every label is refused whatever the process: where the copy's mark does not fit it is
  // named by the process id alone (copyPath), and at 440 the daily one of a process whose id has
  // at most three digits (a fresh container's) fitted, and was made.
  for (const total of [444, 480, 504]) {
    it(`of ${total} bytes opens, and a backup is refused as too long, saying to move it`, async () => {
      const path = await databaseAtPath(tempDir(), total);
      const store = await Store.open(path, { create: false });
      try {
        // The daily backup as it opened: held, in the same words, for Home, Settings and the CLI.
        const { backupProblemOf } = await import('../../../src-main/db/backup-problem.ts');
        expect(backupProblemOf(store.db)?.message).toContain(tooLongWords(path));
        for (const label of ['manual', 'before-import', 'before-migration-v100']) {
          const refusal = backupDatabase(store.db, path, label);
          await expect(refusal).rejects.toMatchObject({
            code: 'refused',
            message: expect.stringContaining(tooLongWords(path)),
          });
          await refusal.catch((e: Error) => {
            expect(e.message).toContain(
              'Move the database to a folder with a shorter path, so its whole path is at most 412 bytes',
            );
            expect(e.message).not.toContain('writable');
          });
        }
      } finally {
        store.close();
      }
      // Nothing made: no backups folder.
      expect(existsSync(backupsDir(path))).toBe(false);
    });
  }

  it('of 412 bytes (the advice) is backed up under every label', async () => {
    const path = await databaseAtPath(tempDir(), 412);
    const store = await Store.open(path, { create: false });
    try {
      await backupDatabase(store.db, path, 'before-migration-v100');
      await backupDatabase(store.db, path, 'manual');
    } finally {
      store.close();
    }
    expect(
      listBackups(path)
        .map((b) => b.label)
        .sort(),
    ).toEqual(['before-migration-v100', 'daily', 'manual']);
  });

  it('refuses a restore over it, before anything is touched, in the same words', async () => {
    const root = tempDir();
    const path = await databaseAtPath(root, 470);
    const backup = join(root, 'backup.db');
    copyFileSync(path, backup);
    const before = readdirSync(dirname(path)).sort();
    const bytes = readFileSync(path);
    await expect(restoreDatabaseFile(path, backup)).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining(tooLongWords(path)),
    });
    expect(readdirSync(dirname(path)).sort()).toEqual(before);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a restore whose copy beside the database would pass the limit, saying so', async () => {
    const root = tempDir();
    const path = await databaseAtPath(root, 500);
    const backup = join(root, 'backup.db');
    renameSync(path, backup); // a restore to a new file name there
    await expect(restoreDatabaseFile(path, backup)).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining(
        `${path} cannot be restored: the path of the copy of the backup the app makes beside it would be`,
      ),
    });
    expect(readdirSync(dirname(path))).toEqual([]);
  });
});

describe('a restore to a database whose file name is 248 to 255 bytes', () => {
  for (const bytes of [248, 255]) {
    it(`of ${bytes} bytes is refused as open refuses it, the file left intact`, async () => {
      // Before: a raw ENAMETOOLONG from the backups folder's lstat.
      const dir = tempDir();
      const path = await databaseNamed(dir, bytes);
      const backup = join(tempDir(), 'backup.db');
      copyFileSync(path, backup);
      const before = readdirSync(dir).sort();
      const content = readFileSync(path);
      await expect(restoreDatabaseFile(path, backup)).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringContaining(
          `${path} could not be restored: its file name is ${bytes} bytes long, and Fostering Funnel keeps files beside it named after it ("-journal", "-backups"), which the disk's limit of 255 bytes a name leaves no room for. Nothing was changed or made. Rename the file to a name of at most 247 bytes and restore again.`,
        ),
      });
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(readFileSync(path).equals(content)).toBe(true);
    });
  }
});
