import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { cli } from '../../support/cli.ts';
import { tempDir, testApp } from '../../support/temp.ts';

/** Issue 13, finding 5: the app opens only its own databases, and creates one only when asked. */
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function foreignSqlite(path: string, userVersion: number): void {
  const db = new Database(path);
  db.exec(
    'CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5);',
  );
  db.pragma(`user_version = ${userVersion}`);
  db.close();
}

describe('the app opens only its own databases', () => {
  it("refuses another program's SQLite file (user_version 0, or any) untouched, from every door", async () => {
    const dir = tempDir();
    for (const version of [0, 1, LATEST_VERSION]) {
      const path = join(dir, `other-${version}.db`);
      foreignSqlite(path, version);
      const before = sha(path);
      for (const command of ['status', 'init', 'households']) {
        const r = await cli(command, '--db', path);
        expect(r.code, `${command} on user_version ${version}`).toBe(1);
        expect(r.err).toContain(`${path} is not a Fostering Funnel database`);
        expect(r.err).toContain('It has not been opened or changed.');
      }
      expect(sha(path)).toBe(before);
      expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`) || existsSync(`${path}-backups`)).toBe(
        false,
      );
    }
    const app = await testApp();
    const path = join(dir, 'other-0.db');
    await expect(app.call('system.openDatabase', { path })).rejects.toThrow(
      /not a Fostering Funnel database/,
    );
    await expect(app.call('system.openDatabase', { path, create: true })).rejects.toThrow(
      /not a Fostering Funnel database/,
    );
    expect(app.ctx.store.path).toBe(app.dbPath);
  });

  it('refuses a file that is not SQLite at all, byte-identical', async () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, 'Dear diary, '.repeat(500));
    const before = sha(path);
    const r = await cli('init', '--db', path);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a Fostering Funnel database, or it is damaged/);
    expect(sha(path)).toBe(before);
  });

  it('creates a database only when asked: init, or "New database…" (create: true)', async () => {
    const dir = tempDir();
    const missing = join(dir, 'sub', 'typo.db');
    const status = await cli('status', '--db', missing);
    expect(status.code).toBe(1);
    expect(status.err).toContain(`There is no Fostering Funnel database at ${missing}. Nothing was created`);
    expect(status.err).toContain(`fostering-funnel init --db "${missing}"`);
    expect(existsSync(join(dir, 'sub'))).toBe(false);
    expect((await cli('sample', '--households', '5', '--db', missing)).code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);

    const app = await testApp();
    await expect(app.call('system.openDatabase', { path: missing })).rejects.toThrow(/Nothing was created/);
    expect(readdirSync(dir)).toEqual([]);
    const made = await app.call('system.openDatabase', { path: missing, create: true });
    expect(made).toMatchObject({ dbPath: missing, schemaVersion: LATEST_VERSION, households: 0 });

    const other = join(dir, 'fresh.db');
    expect((await cli('init', '--db', other)).code).toBe(0);
    expect((await cli('status', '--db', other)).code).toBe(0);
    // An empty file (nothing in it yet) may be made a database: it holds nothing to lose.
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect((await cli('init', '--db', empty)).code).toBe(0);
  });
});
