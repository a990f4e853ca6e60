import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupBeforeImport, backupDatabase, dailyBackup, listBackups } from '../../../src-main/db/backup.ts';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase } from '../../../src-main/db/open.ts';
import { restoreDatabaseFile } from '../../../src-main/db/restore.ts';
import { Store } from '../../../src-main/db/store.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { setClock } from '../../../src-main/clock.ts';
import { tempDir, testApp } from '../../support/temp.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const count = (db: Database.Database) =>
  db.prepare('SELECT COUNT(*) FROM households').pluck().get() as number;
const names = (db: Database.Database) =>
  db.prepare('SELECT reference, first_name, surname FROM households ORDER BY id').all();

function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, {}).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

describe('backups', () => {
  it('backs up with the backup API into a self-contained file that passes integrity_check', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 30, seed: 3 });
    const b = await app.call('data.backupNow', {});
    expect(b.label).toBe('manual');
    expect(b.path.startsWith(app.dbPath + '-backups')).toBe(true);
    // Rollback journal, not WAL: the backup needs no -wal beside it.
    const copy = new Database(b.path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(names(copy)).toEqual(names(app.ctx.store.db));
    copy.close();
    expect(readdirSync(app.dbPath + '-backups').filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('lists and rotates past a backup deleted between reading the folder and reading the file', async () => {
    // Two imports at once (separate processes) each back up first; one's rotation deleted a backup
    // the other had just listed, and the other's import failed as a fault (faults.test.ts, CI).
    // A link to nothing stands in for that file: listed by name, gone when read.
    const app = await testApp();
    await app.call('system.generateSample', { households: 5, seed: 1 });
    const gone = (await app.call('data.backupNow', {})).path;
    rmSync(gone);
    symlinkSync(join(app.dir, 'no-such-file'), gone);
    expect(listBackups(app.dbPath)).toEqual([]);
    const made = await app.call('data.backupNow', {});
    expect(listBackups(app.dbPath).map((b) => b.path)).toEqual([made.path]);
  });

  it('keeps 10 by default and the number set in the settings table', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 5, seed: 1 });
    for (let i = 0; i < 12; i++) await app.call('data.backupNow', {});
    expect(listBackups(app.dbPath)).toHaveLength(10);
    const newest = listBackups(app.dbPath)[0]!;
    expect((await app.call('data.saveSettings', { backupKeep: 3 })).backupKeep).toBe(3);
    expect(
      app.ctx.store.db.prepare("SELECT value FROM settings WHERE key = 'backup.keep'").pluck().get(),
    ).toBe('3');
    await app.call('data.backupNow', {});
    const left = listBackups(app.dbPath);
    expect(left).toHaveLength(3);
    // The newest are kept, the oldest go.
    expect(left[1]!.path).toBe(newest.path);
    const list = await app.call('data.listBackups', {});
    expect(list.keep).toBe(3);
    expect(list.backups.map((b) => b.path)).toEqual(left.map((b) => b.path));
  });

  it('rotation never removes the newest backup of each kind', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 5, seed: 1 });
    await app.call('data.saveSettings', { backupKeep: 3 });
    const daily = await backupDatabase(app.ctx.store.db, app.dbPath, 'daily');
    for (let i = 0; i < 6; i++) await backupBeforeImport(app.ctx);
    const left = listBackups(app.dbPath);
    expect(left.map((b) => b.label)).toEqual(['before-import', 'before-import', 'before-import', 'daily']);
    expect(left[3]!.path).toBe(daily);
  });

  it('makes a before-import backup through backupBeforeImport(ctx) and one daily backup on open', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 8, seed: 1 });
    const path = await backupBeforeImport(app.ctx);
    expect(listBackups(app.dbPath)[0]).toMatchObject({ path, label: 'before-import' });
    app.ctx.store.close();
    const db1 = await openDatabase(app.dbPath);
    db1.close();
    const db2 = await openDatabase(app.dbPath);
    expect(await dailyBackup(db2, app.dbPath)).toBeNull();
    db2.close();
    const daily = listBackups(app.dbPath).filter((b) => b.label === 'daily');
    expect(daily).toHaveLength(1);
    const copy = new Database(daily[0]!.path, { readonly: true });
    expect(count(copy)).toBe(8);
    copy.close();
  });

  it('counts the daily backup by the calendar day in the UK, not in UTC', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/London';
    try {
      const app = await testApp({ today: '2026-07-01T12:00:00Z' });
      await app.call('system.generateSample', { households: 3, seed: 1 });
      await backupDatabase(app.ctx.store.db, app.dbPath, 'daily');
      // 23:30 UTC on 01/07 is 00:30 on 02/07 in British Summer Time: a new day, a new backup.
      setClock('2026-07-01T23:30:00Z');
      expect(await dailyBackup(app.ctx.store.db, app.dbPath)).toEqual(expect.any(String));
      // 22:30 UTC on 02/07 is still 02/07 here: that day has its backup.
      setClock('2026-07-02T22:30:00Z');
      expect(await dailyBackup(app.ctx.store.db, app.dbPath)).toBeNull();
      expect(listBackups(app.dbPath).filter((b) => b.label === 'daily')).toHaveLength(2);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('backs up before a migration from an older schema', async () => {
    const dir = tempDir();
    const path = join(dir, 'old.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    const { migrate } = await import('../../../src-main/db/open.ts');
    migrate(db, 0, 1);
    db.close();
    (await openDatabase(path)).close();
    expect(listBackups(path).map((b) => b.label)).toContain('before-migration-v1');
  });
});

describe('restore', () => {
  it('restores a backup through the API: checked first, previous file kept, data back, store reopened', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 20, seed: 5 });
    const before = names(app.ctx.store.db);
    const b = await app.call('data.backupNow', {});
    await app.call('system.generateSample', { households: 7, seed: 6 });
    expect(count(app.ctx.store.db)).toBe(27);

    const r = await app.call('data.restoreBackup', { path: b.path });
    expect(r).toMatchObject({ households: 20, schemaVersion: LATEST_VERSION, restoredFrom: b.path });
    expect(names(app.ctx.store.db)).toEqual(before);
    expect(app.ctx.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // The replaced database (27 households) was kept as a backup.
    const kept = new Database(r.previousCopy!, { readonly: true });
    expect(count(kept)).toBe(27);
    kept.close();
    expect(readdirSync(app.dir).filter((f) => f.includes('.restore-'))).toEqual([]);
  });

  it('refuses a damaged, foreign or newer backup and replaces nothing', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 10, seed: 2 });
    const good = await app.call('data.backupNow', {});
    const bad = join(app.dir, 'damaged.db');
    const bytes = readFileSync(good.path);
    // Overwrite the middle pages: the header still says SQLite, the b-trees are garbage.
    bytes.fill(0x5a, 4096 * 2, Math.min(bytes.length, 4096 * 6));
    writeFileSync(bad, bytes);
    const foreign = join(app.dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE x (y)');
    f.pragma('user_version = 1');
    f.close();
    const newer = join(app.dir, 'newer.db');
    writeFileSync(newer, readFileSync(good.path));
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    const text = join(app.dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some text that is long enough'.repeat(100));

    const before = names(app.ctx.store.db);
    for (const [file, message] of [
      [bad, /damaged/],
      [foreign, /not a Fostering Funnel database/],
      [newer, /newer version/],
      [text, /not a Fostering Funnel database|damaged|cannot be opened/],
      [join(app.dir, 'missing.db'), /no database file/],
    ] as const) {
      await expect(app.call('data.restoreBackup', { path: file })).rejects.toThrow(message);
      expect(names(app.ctx.store.db)).toEqual(before);
    }
    expect(readdirSync(app.dir).filter((f) => f.includes('.restore-'))).toEqual([]);
  });

  it('restore FILE on the CLI, including over a damaged database (kept aside as .damaged)', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ff.db');
    expect((await cli(['init', '--db', dbPath])).code).toBe(0);
    expect((await cli(['sample', '--households', '12', '--db', dbPath])).code).toBe(0);
    const b = await cli(['backup', '--db', dbPath, '--json']);
    expect(b.code).toBe(0);
    const backup = JSON.parse(b.out) as { path: string };
    // Listed by why each was made, in Settings › Your data's words: "Backed up by hand", not "manual".
    const listed = await cli(['backups', '--db', dbPath]);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toContain(`  Backed up by hand              ${backup.path}`);
    expect(listed.out).not.toMatch(/ manual /);
    // Damage the live file.
    const bytes = readFileSync(dbPath);
    bytes.fill(0xff, 4096, bytes.length);
    writeFileSync(dbPath, bytes);
    const damagedHash = sha(dbPath);

    const status = await cli(['status', '--db', dbPath]);
    expect(status.code).toBe(1);
    expect(status.err).toContain('damaged');
    expect(status.err).toContain(backup.path);
    expect(sha(dbPath)).toBe(damagedHash);

    const r = await cli(['restore', backup.path, '--db', dbPath]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('12 households');
    const aside = readdirSync(dbPath + '-backups').find((f) => f.endsWith('.damaged'))!;
    expect(sha(join(dbPath + '-backups', aside))).toBe(damagedHash);
    const db = new Database(dbPath, { readonly: true });
    expect(count(db)).toBe(12);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const usage = await cli(['restore', '--db', dbPath]);
    expect(usage.code).toBe(2);
  });

  it('restores an older-schema backup and brings it up to date', async () => {
    const dir = tempDir();
    const old = join(dir, 'v1.db');
    const { migrate } = await import('../../../src-main/db/open.ts');
    const db = new Database(old);
    migrate(db, 0, 1);
    db.prepare(
      "INSERT INTO households (reference, created_at, updated_at) VALUES ('OLD1', '2020-01-01', '2020-01-01')",
    ).run();
    db.close();
    const dbPath = join(dir, 'live.db');
    const store = await Store.open(dbPath);
    store.close();
    await restoreDatabaseFile(dbPath, old);
    const reopened = await Store.open(dbPath, { check: true });
    expect(reopened.schemaVersion).toBe(LATEST_VERSION);
    expect(reopened.db.prepare('SELECT reference FROM households').pluck().all()).toEqual(['OLD1']);
    reopened.close();
  });
});

describe('crash leftovers at open', () => {
  it('a hot rollback journal left by a killed writer is recovered, not reported as damage', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'hot.db');
    const store = await Store.open(dbPath);
    const { generateSample } = await import('../../../src-main/sample/generate.ts');
    generateSample(store.db, { households: 300, seed: 4, today: '2026-11-26' });
    store.close();
    const before = (() => {
      const db = new Database(dbPath, { readonly: true });
      const rows = names(db);
      db.close();
      return rows;
    })();
    // A writer in rollback-journal mode spills a big uncommitted change to disk, then dies.
    const code = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(dbPath)});
      db.pragma('journal_mode = DELETE');
      db.pragma('cache_size = 2');
      db.exec('BEGIN');
      db.prepare("UPDATE households SET notes = hex(zeroblob(2000)), surname = 'X'").run();
      process.kill(process.pid, 'SIGKILL');`;
    const { spawnSync } = await import('node:child_process');
    spawnSync(process.execPath, ['-e', code], { cwd: join(import.meta.dirname, '../../..') });
    expect(existsSync(dbPath + '-journal')).toBe(true);

    const db = await openDatabase(dbPath, { check: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(names(db)).toEqual(before);
    db.close();
  });
});

describe('corruption at open', () => {
  it('refuses a damaged database, names the latest good backup, and writes nothing to it', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ff.db');
    const store = await Store.open(dbPath);
    const { generateSample } = await import('../../../src-main/sample/generate.ts');
    generateSample(store.db, { households: 60, seed: 9, today: '2026-11-26' });
    const older = await backupDatabase(store.db, dbPath, 'manual');
    const newest = await backupDatabase(store.db, dbPath, 'manual');
    store.close();
    // The newest backup is itself damaged: it must not be offered.
    const nb = readFileSync(newest);
    nb.fill(0x00, 4096, nb.length);
    writeFileSync(newest, nb);
    const bytes = readFileSync(dbPath);
    bytes.fill(0x42, 4096 * 3, bytes.length - 4096);
    writeFileSync(dbPath, bytes);
    const hash = sha(dbPath);

    const err = await openDatabase(dbPath, { check: true }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/is damaged.* It has not been changed\..* The latest good backup is /);
    expect(err?.message).toContain(older);
    expect(err?.message).not.toContain(newest);
    expect(sha(dbPath)).toBe(hash);
    expect(existsSync(dbPath + '-wal') ? readFileSync(dbPath + '-wal').length : 0).toBe(0);
  });
});
