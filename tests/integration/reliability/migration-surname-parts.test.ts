import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { listHouseholds } from '../../../src-main/db/queries/households-list.ts';
import { foldForSearch } from '../../../src-main/domain/fold.ts';
import { searchPartsOf } from '../../../src-main/domain/search-parts.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { tempDir } from '../../support/temp.ts';
import { keptRows } from './migration-support.ts';

/**
 * Migration 31 keeps the later parts of multi-part surnames for the search ("jones" finds
 * Smith-Jones) and replaces the folded surname's index by one of the folded surname and first
 * name: a file made before it, whose households have such surnames, must find them once opened.
 */
describe('the migration that keeps the later parts of surnames and indexes the folded names together', () => {
  const version = MIGRATIONS.find((m) => m.name === 'surname-parts-and-name-fold-index')!.version;

  it('fills the parts of the surnames already there, and swaps the surname index for the name index', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    copyFileSync(fixturePath(version - 1), path);
    // Surnames of several parts in a file of the schema before (written as that schema's app wrote them).
    const raw = new Database(path);
    const rename = raw.prepare('UPDATE households SET surname = ?, surname_fold = ? WHERE surname = ?');
    for (const [from, to] of [
      ['Patel', 'Patel-Jones'],
      ['Khan', 'Van den Berg'],
      // Parted by a separator outside ASCII only (an en dash, as pasted from a word processor).
      ["O'Neill", "O'Neill\u2013Quill"],
    ])
      rename.run(to, foldForSearch(to), from);
    raw.close();
    const before = new Database(path, { readonly: true });
    const had = before
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'households'")
      .pluck()
      .all();
    expect(had).toContain('households_by_surname_fold');
    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const households = db
        .prepare('SELECT id, first_name, surname FROM households ORDER BY id')
        .all() as Array<{ id: number; first_name: string | null; surname: string | null }>;
      // In the form migrations 33 and 35 keep them (each later part with the rest of the name after
      // it; a name with a space whole without it).
      const expected = households.flatMap((h) =>
        searchPartsOf(h).map((part) => ({ part, household_id: h.id })),
      );
      expect(expected.map((p) => p.part).sort()).toEqual(['berg', 'denberg', 'jones', 'quill', 'vandenberg']);
      expect(
        db.prepare('SELECT part, household_id FROM household_name_parts ORDER BY household_id, part').all(),
      ).toEqual(expected.sort((a, b) => a.household_id - b.household_id || a.part.localeCompare(b.part)));
      // Nothing else of the households changed.
      expect(keptRows(db, 'households', 'id')).toEqual(keptRows(before, 'households', 'id'));
      const indexes = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'households'")
        .pluck()
        .all();
      expect(indexes).not.toContain('households_by_surname_fold');
      expect(
        db
          .prepare("SELECT name FROM pragma_index_info('households_by_name_fold') ORDER BY seqno")
          .pluck()
          .all(),
      ).toEqual(['surname_fold', 'first_name_fold']);
      // Beside the index migration 40 adds.
      expect(indexes.filter((n) => !had.includes(n) && n !== 'households_by_days_in_stage')).toEqual([
        'households_by_name_fold',
      ]);
      const found = (search: string) =>
        listHouseholds(db, { search }, { offset: 0, limit: 50 }, '2026-11-26').rows.map((r) => r.name);
      for (const [word, surname] of [
        ['jones', 'Patel-Jones'],
        ['berg', 'Van den Berg'],
        ['quill', "O'Neill\u2013Quill"],
      ] as const) {
        const names = found(word);
        expect(names.length, word).toBe(households.filter((h) => h.surname === surname).length);
        expect(names.length, word).toBeGreaterThan(0);
        for (const name of names) expect(name).toContain(surname);
      }
    } finally {
      db.close();
      before.close();
    }
  });
});
