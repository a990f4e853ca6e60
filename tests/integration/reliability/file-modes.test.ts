import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, restoreCopyOf } from '../../../src-main/db/backup.ts';
import { openDatabase } from '../../../src-main/db/open.ts';
import { backupsDir } from '../../../src-main/db/paths.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { tempDir, testApp } from '../../support/temp.ts';

/**
 * Issue 13, finding 4: every file and folder the app creates is its user's alone (0600 and
 * 0700), whatever the umask: the database with its WAL and shared memory, backups and their
 * folder, a restored database and the copy it replaced, saved reports. (Uploads: see
 * http-hardening.test.ts.) Windows has no such modes; the test is for Linux and macOS.
 */
const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('files the app creates are private', () => {
  it('a new database, its folder, WAL and shared memory', async () => {
    const dir = join(tempDir(), 'App Data', 'Fostering Funnel');
    const path = join(dir, 'ff.db');
    const db = await openDatabase(path);
    db.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, '..'))).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect(mode(file), file).toBe(0o600);
    }
    db.close();
  });

  it('backups and their folder, a restore and the copy it kept, a database from before (0644)', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 6, seed: 1 });
    const b = await backupDatabase(app.ctx.store.db, app.dbPath, 'manual');
    expect(mode(backupsDir(app.dbPath))).toBe(0o700);
    expect(mode(b)).toBe(0o600);
    const r = await app.call('data.restoreBackup', { path: b });
    expect(mode(app.dbPath)).toBe(0o600);
    expect(mode(r.previousCopy!)).toBe(0o600);
    for (const f of readdirSync(backupsDir(app.dbPath)))
      expect(mode(join(backupsDir(app.dbPath), f)), f).toBe(0o600);

    // A database an older version left readable by everyone is made private when opened.
    const old = join(tempDir(), 'old.db');
    (await openDatabase(old)).close();
    chmodSync(old, 0o644);
    // And its backups folder (the backups' names say on which days it was used), at once, not
    // at the next backup.
    mkdirSync(backupsDir(old));
    chmodSync(backupsDir(old), 0o755);
    (await openDatabase(old, { dailyBackup: false })).close();
    expect(mode(old)).toBe(0o600);
    expect(mode(backupsDir(old))).toBe(0o700);
  });

  it('a restore never writes through a link someone put at its temporary name beside the database', async () => {
    // The temporary copy's name is known (the database's, and the process's mark): in a folder
    // others can write to, a link there had the restored database written into the file it points at.
    const app = await testApp();
    await app.call('system.generateSample', { households: 6, seed: 1 });
    const b = await backupDatabase(app.ctx.store.db, app.dbPath, 'manual');
    const elsewhere = join(tempDir(), 'elsewhere.txt');
    writeFileSync(elsewhere, 'not the database\n', { mode: 0o644 });
    symlinkSync(elsewhere, restoreCopyOf(app.dbPath));
    await app.call('data.restoreBackup', { path: b });
    expect(readFileSync(elsewhere, 'utf8')).toBe('not the database\n');
    expect(lstatSync(app.dbPath).isFile()).toBe(true);
    expect(mode(app.dbPath)).toBe(0o600);
    expect((await app.call('system.getStatus', {})).households).toBe(6);
  });

  it('a report saved from the CLI', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 6, seed: 1 });
    const out = join(app.dir, 'funnel.xlsx');
    const code = await runCli(
      ['report', 'funnel', '--db', app.dbPath, '--format', 'xlsx', '--out', out],
      { out: () => undefined, err: () => undefined },
      {},
    );
    expect(code).toBe(0);
    expect(mode(out)).toBe(0o600);
  });
});
