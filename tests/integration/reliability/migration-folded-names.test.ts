import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { listHouseholds } from '../../../src-main/db/queries/households-list.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { tempDir } from '../../support/temp.ts';

/**
 * Migration 29 keeps each household's names folded (no accents, apostrophes or hyphens) for the
 * list's search: a file made before it holds Zoë O'Neill (the v1 seed), who must be found by
 * "zoe" and "oneill" once it is opened, as a household added since would be.
 */
describe('the migration that keeps the households names folded for the search', () => {
  const version = MIGRATIONS.find((m) => m.name === 'households-folded-names')!.version;

  it('folds the names already there, indexes them for the search, and drops the index only the search read', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    copyFileSync(fixturePath(version - 1), path);
    const before = new Database(fixturePath(version - 1), { readonly: true });
    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const rows = db
        .prepare('SELECT id, first_name, surname, first_name_fold, surname_fold FROM households ORDER BY id')
        .all() as Array<Record<string, string | null>>;
      expect(rows.find((r) => r.first_name === 'Zoë')).toMatchObject({
        surname: "O'Neill",
        first_name_fold: 'zoe',
        surname_fold: 'oneill',
      });
      // Every name folded (a household with none keeps none), and nothing else changed.
      for (const r of rows) {
        expect(r.first_name_fold === null, String(r.id)).toBe(r.first_name === null);
        expect(r.surname_fold === null, String(r.id)).toBe(r.surname === null);
      }
      const all = 'SELECT id, reference, first_name, surname FROM households ORDER BY id';
      expect(db.prepare(all).all()).toEqual(before.prepare(all).all());
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'households'")
        .pluck()
        .all();
      expect(indexes).toEqual(
        // The surname's own index is migration 31's households_by_name_fold (surname_fold, first_name_fold).
        expect.arrayContaining(['households_by_first_name_fold', 'households_by_name_fold']),
      );
      expect(indexes).not.toContain('households_by_first_name_nocase');
      const found = (search: string) =>
        listHouseholds(db, { search }, { offset: 0, limit: 50 }, '2026-11-26').rows.map((r) => r.name);
      expect(found('zoe')).toEqual(["Zoë O'Neill"]);
      expect(found('oneill zoe')).toEqual(["Zoë O'Neill"]);
      expect(found("o'neill")).toEqual(["Zoë O'Neill"]);
    } finally {
      db.close();
      before.close();
    }
  });
});
