import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../../src-main/db/backup.ts';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase } from '../../../src-main/db/open.ts';
import { Store } from '../../../src-main/db/store.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { SEED_V1 } from '../../fixtures/schema/seed-v1.ts';
import { tempDir } from '../../support/temp.ts';
import { DROPPED_LATER, fixtureVersions } from './migration-support.ts';

/*
 * Every earlier schema's file opens at the latest. Each data-changing migration has its own test
 * by theme: migration-data-moves, migration-indexes, migration-episodes, migration-folded-names,
 * migration-forecast-text, migration-surname-parts.
 */

const columnsOf = (db: Database.Database, table: string) =>
  db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('migrations from every earlier schema version', () => {
  it('a fixture exists for every version before the latest (run tests/fixtures/schema/generate.ts after adding a migration)', () => {
    for (let v = 1; v < LATEST_VERSION; v++) expect(existsSync(fixturePath(v)), `v${v}.db`).toBe(true);
  });

  it.each(fixtureVersions)(
    'migrates the v%i fixture to the latest schema with every row kept',
    async (version) => {
      const dir = tempDir();
      const path = join(dir, `from-v${version}.db`);
      copyFileSync(fixturePath(version), path);
      const raw = new Database(path, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(version);
      raw.close();

      const db = await openDatabase(path, { check: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        for (const [table, rows] of Object.entries(SEED_V1)) {
          // Every seeded value is kept, but in a column a later migration dropped (38: search_text).
          const dropped = new Set(DROPPED_LATER[table] ?? []);
          const cols = Object.keys(rows[0]!).filter((c) => !dropped.has(c));
          const kept = rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c as keyof typeof r]])));
          const stored = db.prepare(`SELECT ${cols.join(', ')} FROM ${table}`).all();
          const sorted = (list: unknown[]) => list.map((r) => JSON.stringify(r)).sort();
          expect(sorted(stored), table).toEqual(sorted(kept));
          for (const c of dropped) expect(columnsOf(db, table), table).not.toContain(c);
        }
        // Migrations that add columns give old rows their defaults, not garbage.
        const h = db.prepare('SELECT * FROM households WHERE id = 1').get() as Record<string, unknown>;
        for (const [k, v] of Object.entries(h)) {
          if (!(k in SEED_V1.households![0]!)) expect(v === null || typeof v !== 'object', k).toBe(true);
        }
      } finally {
        db.close();
      }
      if (version < LATEST_VERSION) {
        // The untouched original was kept before migrating.
        const backup = listBackups(path).find((b) => b.label === `before-migration-v${version}`);
        expect(backup).toBeDefined();
        const b = new Database(backup!.path, { readonly: true });
        expect(b.pragma('user_version', { simple: true })).toBe(version);
        b.close();
      }
    },
  );

  it('refuses a database from a newer version and leaves it byte-identical', async () => {
    const dir = tempDir();
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE households (id INTEGER PRIMARY KEY)');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const before = sha(path);
    await expect(openDatabase(path, { check: true })).rejects.toThrow(/newer version of Fostering Funnel/);
    await expect(Store.open(path)).rejects.toThrow(/the file has not been changed/);
    const err: string[] = [];
    const code = await runCli(['status', '--db', path], { out: () => {}, err: (t) => err.push(t) }, {});
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(`schema ${LATEST_VERSION + 1}`);
    expect(sha(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['newer.db']);
  });
});
