import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, toApiError } from '../../../src-main/api/registry.ts';
import { listBackups } from '../../../src-main/db/backup.ts';
import { Store } from '../../../src-main/db/store.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { ROOT } from '../../e2e/harness.ts';
import { tempDir, testApp } from '../../support/temp.ts';

const BIN = join(ROOT, 'bin', 'fostering-funnel.js');

/** Runs the real CLI in its own process. */
function cliProcess(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const snapshot = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      households: db.prepare('SELECT COUNT(*) FROM households').pluck().get() as number,
      names: createHash('sha256')
        .update(JSON.stringify(db.prepare('SELECT * FROM households ORDER BY id').all()))
        .digest('hex'),
    };
  } finally {
    db.close();
  }
};

/** A small tmpfs, when this machine lets us mount one (root in a container usually can). */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const umount = (dir: string) => execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
const canMount = (() => {
  const dir = join(tempDir('ff-mount-probe-'));
  const ok = mountTmpfs(dir, '64k');
  if (ok) umount(dir);
  return ok;
})();

describe('disk full and read-only (fault injection in the write path)', () => {
  it('a write that hits a full disk says so and leaves the database as it was', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 50, seed: 1 });
    const before = snapshot(app.dbPath);
    const db = app.ctx.store.db;
    // SQLite's own limit on the file's size: the next page it needs fails with SQLITE_FULL.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const err = await dispatch(app.ctx, 'system.generateSample', { households: 2000, seed: 2 }).then(
      () => null,
      (e: unknown) => toApiError(e),
    );
    expect(err?.toJSON()).toEqual({ code: 'io_error', message: 'The disk is full: nothing was saved.' });
    expect(snapshot(app.dbPath)).toEqual(before);
  });

  it('a write to a read-only database says so and leaves it as it was', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 20, seed: 1 });
    const before = snapshot(app.dbPath);
    app.ctx.store.db.pragma('query_only = ON');
    const err = await dispatch(app.ctx, 'data.saveSettings', { backupKeep: 4 }).then(
      () => null,
      (e: unknown) => toApiError(e),
    );
    expect(err?.code).toBe('io_error');
    expect(err?.message).toMatch(/read-only: nothing was saved/);
    expect(snapshot(app.dbPath)).toEqual(before);
  });
});

describe.skipIf(!canMount)('disk full and read-only on a real small file system (tmpfs)', () => {
  it('the CLI reports a full disk clearly and the database stays intact', { timeout: 120_000 }, async () => {
    const dir = tempDir('ff-full-');
    expect(mountTmpfs(dir, '1536k')).toBe(true);
    try {
      const dbPath = join(dir, 'ff.db');
      const store = await Store.open(dbPath);
      generateSample(store.db, { households: 300, seed: 1, today: '2026-11-26' });
      store.close();
      const before = snapshot(dbPath);
      const r = await cliProcess(['sample', '--households', '20000', '--db', dbPath]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('The disk is full: nothing was saved.');
      expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      expect(snapshot(dbPath)).toEqual(before);
      // A backup on the full disk fails cleanly and leaves no half-written file.
      const b = await cliProcess(['backup', '--db', dbPath]);
      if (b.code !== 0) {
        expect(b.err).toMatch(/disk is full|no space/i);
        expect(readdirSync(dbPath + '-backups').filter((f) => f.endsWith('.partial'))).toEqual([]);
      }
      expect(snapshot(dbPath)).toEqual(before);
    } finally {
      umount(dir);
    }
  });

  it(
    'a read-only file system: opening for writing is refused clearly, nothing changes',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir('ff-ro-');
      expect(mountTmpfs(dir, '4m')).toBe(true);
      try {
        const dbPath = join(dir, 'ff.db');
        const store = await Store.open(dbPath);
        generateSample(store.db, { households: 40, seed: 1, today: '2026-11-26' });
        store.close();
        const bytes = readFileSync(dbPath);
        execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' });
        const r = await cliProcess(['sample', '--households', '10', '--db', dbPath]);
        expect(r.code).toBe(1);
        expect(r.err).toContain('is on a read-only disk or in a read-only folder');
        expect(r.err).not.toMatch(/at .*\.ts:\d+/);
        expect(readFileSync(dbPath).equals(bytes)).toBe(true);
      } finally {
        umount(dir);
      }
    },
  );

  it(
    'a read-only database file in a writable folder: refused in words about the file, nothing changes',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir('ff-rofile-');
      const dbPath = join(dir, 'ff.db');
      const store = await Store.open(dbPath);
      generateSample(store.db, { households: 40, seed: 1, today: '2026-11-26' });
      store.close();
      const bytes = readFileSync(dbPath);
      // The file alone made read-only (its permissions would not stop root, who runs CI here).
      execFileSync('mount', ['--bind', dbPath, dbPath], { stdio: 'ignore' });
      try {
        execFileSync('mount', ['-o', 'remount,ro,bind', dbPath], { stdio: 'ignore' });
        const r = await cliProcess(['sample', '--households', '10', '--db', dbPath]);
        expect(r.code).toBe(1);
        expect(r.err).toContain(`${dbPath} is read-only (the file itself; its folder can be written)`);
        expect(r.err).not.toMatch(/at .*\.ts:\d+/);
        expect(readFileSync(dbPath).equals(bytes)).toBe(true);
      } finally {
        umount(dbPath);
      }
    },
  );
});

describe('concurrency', () => {
  it(
    'two stores and two CLI imports (separate processes) writing to one file at once: every write lands, no corruption',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir('ff-conc-');
      const dbPath = join(dir, 'shared.db');
      const a = await Store.open(dbPath);
      const b = await Store.open(dbPath);
      try {
        // Two CLI imports of 300 new enquiries each. (Two concurrent `sample` runs would collide: the
        // sample generator numbers references from a count read outside its transaction.)
        const csv = (tag: string) => {
          const path = join(dir, `${tag}.csv`);
          const rows = ['Reference,Enquiry date,First name,Surname,Email'];
          for (let i = 1; i <= 300; i++)
            rows.push(`${tag}-${i},0${1 + (i % 9)}/05/2025,N${i},${tag},${tag}.${i}@example.org`);
          writeFileSync(path, rows.join('\r\n') + '\r\n');
          return path;
        };
        const clis = [
          cliProcess(['import', csv('CA'), '--db', dbPath]),
          cliProcess(['import', csv('CB'), '--db', dbPath]),
        ];
        // Meanwhile this process writes through both of its own connections.
        let mine = 0;
        for (let i = 0; i < 20; i++) {
          generateSample((i % 2 ? a : b).db, { households: 10, seed: 100 + i, today: '2026-11-26' });
          mine += 10;
          await new Promise((r) => setTimeout(r, 20));
        }
        const results = await Promise.all(clis);
        for (const r of results) expect(r.err).toBe('');
        expect(results.map((r) => r.code)).toEqual([0, 0]);
        const s = snapshot(dbPath);
        expect(s.integrity).toBe('ok');
        expect(s.households).toBe(mine + 600);
        // References are unique even though writers raced (each batch is one transaction).
        expect(a.db.prepare('SELECT COUNT(DISTINCT reference) FROM households').pluck().get()).toBe(
          mine + 600,
        );
      } finally {
        a.close();
        b.close();
      }
    },
  );

  it(
    'a writer blocked longer than the busy timeout gets a clear "in use" message; nothing half-written',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir('ff-busy-');
      const dbPath = join(dir, 'busy.db');
      const holder = await Store.open(dbPath);
      generateSample(holder.db, { households: 10, seed: 1, today: '2026-11-26' });
      const before = snapshot(dbPath);
      holder.db.exec('BEGIN IMMEDIATE');
      try {
        const r = await cliProcess(['sample', '--households', '50', '--db', dbPath]);
        expect(r.code).toBe(1);
        expect(r.err).toContain('The database is in use by another program; try again in a moment.');
      } finally {
        holder.db.exec('ROLLBACK');
        holder.close();
      }
      expect(snapshot(dbPath)).toEqual(before);
      // Restoring while another program has the file open is refused too, naming why.
      const user = await Store.open(dbPath);
      user.db.prepare('SELECT COUNT(*) FROM households').get();
      const reader = user.db.prepare('SELECT id FROM households').iterate();
      reader.next(); // an open read transaction pins the WAL
      const backups = join(dir, 'b');
      mkdirSync(backups);
      const copy = join(backups, 'copy.db');
      await user.db.backup(copy);
      const r = await cliProcess(['restore', copy, '--db', dbPath]);
      reader.return?.();
      user.close();
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/in use by another program/);
      expect(listBackups(dbPath).filter((x) => x.label === 'before-restore')).toEqual([]);
    },
  );
});
