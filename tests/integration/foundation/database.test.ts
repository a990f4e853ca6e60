import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { backupsDir } from '../../../src-main/db/paths.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/db/migrations/index.ts';
import { migrate, openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { DEFAULT_DROPOUT_REASONS, DEFAULT_LEAVING_REASONS } from '../../../src-main/domain/reasons.ts';
import { tempDir } from '../../support/temp.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The schema as SQLite reports it, for comparing two databases. */
const schemaOf = (db: Database.Database) =>
  db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();

describe('opening a database', () => {
  it('creates a new file at the latest schema with WAL, foreign keys and a busy timeout', async () => {
    const path = join(tempDir(), 'new.db');
    const db = await openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('seeds both reason lists exactly as the domain brief gives them, in order', async () => {
    const db = await openDatabase(join(tempDir(), 'r.db'));
    const rows = (list: string) =>
      db
        .prepare('SELECT key, label, ofsted_code AS code FROM reasons WHERE list = ? ORDER BY position')
        .all(list);
    expect(rows('dropout')).toEqual(
      DEFAULT_DROPOUT_REASONS.map((r) => ({ key: r.key, label: r.label, code: r.ofstedCode ?? null })),
    );
    expect(rows('leaving')).toEqual(
      DEFAULT_LEAVING_REASONS.map((r) => ({ key: r.key, label: r.label, code: null })),
    );
    db.close();
  });

  it('makes every table STRICT and enforces foreign keys', async () => {
    const db = await openDatabase(join(tempDir(), 's.db'));
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as Array<{
      name: string;
      sql: string;
    }>;
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT/);
    expect(() =>
      db.prepare("INSERT INTO milestones (household_id, kind, date) VALUES (999, 'eoi', '2024-01-01')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('numbers migrations 1..N in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('reaches the same schema from every earlier version as from empty, keeping the data', async () => {
    const fresh = await openDatabase(join(tempDir(), 'fresh.db'));
    const expected = schemaOf(fresh);
    fresh.close();
    for (let from = 1; from < LATEST_VERSION; from++) {
      const dir = tempDir();
      const path = join(dir, `v${from}.db`);
      const old = new Database(path);
      migrate(old, 0, from);
      old
        .prepare(
          "INSERT INTO households (reference, created_at, updated_at) VALUES ('OLD1', '2024-01-01', '2024-01-01')",
        )
        .run();
      old.close();
      const db = await openDatabase(path);
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(schemaOf(db)).toEqual(expected);
      expect(db.prepare('SELECT reference FROM households').pluck().all()).toEqual(['OLD1']);
      db.close();
      // A backup of the non-empty database was taken before migrating it.
      expect(readdirSync(backupsDir(path)).some((f) => f.includes(`before-migration-v${from}`))).toBe(true);
    }
  });

  it('refuses a database written by a newer version and leaves it byte-for-byte untouched', async () => {
    const path = join(tempDir(), 'newer.db');
    const db = new Database(path);
    db.exec('CREATE TABLE x (a)');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const before = sha(path);
    const error = await openDatabase(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('refused');
    expect((error as ApiError).message).toMatch(/newer version of Fostering Funnel/);
    expect(sha(path)).toBe(before);
    expect(existsSync(path + '-wal')).toBe(false);
  });

  it('refuses a file that is not a database, without changing it', async () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, 'these are not the droids you are looking for'.repeat(100));
    const before = sha(path);
    await expect(openDatabase(path)).rejects.toThrow(/not a Fostering Funnel database|damaged/);
    expect(sha(path)).toBe(before);
  });
});
