import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { surnameParts } from '../../../src-main/db/migrations/0031-surname-parts-and-name-fold-index.ts';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { listHouseholds } from '../../../src-main/db/queries/households-list.ts';
import { foldForSearch } from '../../../src-main/domain/fold.ts';
import { fixtureCopy, versionOf, keptRows } from './migration-support.ts';

/**
 * Migration 33 keeps each later part of a name with the rest of the name after it ("Brown
 * Jones-Smith" "jonessmith" and "smith"), and a first name's later parts too ("Mary-Jane" "jane"):
 * a file whose parts were written as version 31's app wrote them (each part alone, surnames only)
 * must find "jones-smith" once opened.
 */
describe('the migration that keeps the later parts of names with the rest of the name', () => {
  const version = versionOf('name-parts-with-the-rest');

  it("makes every household's parts again in the new form, first names too, changing nothing else", async () => {
    // Version 31's file (migration 32 touches neither the households nor their parts).
    expect(version).toBeGreaterThan(31);
    const path = fixtureCopy(31);
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(31);
    const rename = raw.prepare(
      'UPDATE households SET first_name = ?, first_name_fold = ?, surname = ?, surname_fold = ? WHERE surname = ?',
    );
    const part = raw.prepare('INSERT INTO household_name_parts (part, household_id) VALUES (?, ?)');
    const renamed = [
      ['Patel', 'Ann', 'Brown Jones-Smith'],
      ['Khan', 'Mary-Jane', 'Van den Berg'],
      // Parted by a separator outside ASCII only (an en dash, as pasted from a word processor).
      ["O'Neill", 'Róisín', "O'Neill\u2013Quill"],
    ] as const;
    for (const [from, first, to] of renamed) {
      rename.run(first, foldForSearch(first), to, foldForSearch(to), from);
      // The parts as version 31's app wrote them: each later part of the surname alone.
      const ids = raw.prepare('SELECT id FROM households WHERE surname = ?').pluck().all(to) as number[];
      for (const id of ids) for (const p of surnameParts(to)) part.run(p, id);
    }
    const before = keptRows(raw, 'households', 'id');
    const oldParts = raw.prepare('SELECT part FROM household_name_parts ORDER BY part').pluck().all();
    expect(new Set(oldParts)).toEqual(new Set(['berg', 'den', 'jones', 'quill', 'smith']));
    raw.close();

    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const parts = (surname: string) =>
        db
          .prepare(
            `SELECT DISTINCT part FROM household_name_parts WHERE household_id IN
               (SELECT id FROM households WHERE surname = ?) ORDER BY part`,
          )
          .pluck()
          .all(surname);
      // With migration 35's: a name with a space, whole without it.
      expect(parts('Brown Jones-Smith')).toEqual(['brownjonessmith', 'jonessmith', 'smith']);
      expect(parts('Van den Berg')).toEqual(['berg', 'denberg', 'jane', 'vandenberg']);
      expect(parts("O'Neill\u2013Quill")).toEqual(['quill']);
      // Every household with parts has each of them, and only those households have any.
      const withParts = db
        .prepare(
          `SELECT surname, COUNT(DISTINCT h.id) households, COUNT(*) rows FROM households h
             JOIN household_name_parts p ON p.household_id = h.id GROUP BY surname ORDER BY surname`,
        )
        .all() as Array<{ surname: string; households: number; rows: number }>;
      const count = (s: string) =>
        db.prepare('SELECT COUNT(*) FROM households WHERE surname = ?').pluck().get(s) as number;
      expect(withParts).toEqual(
        [
          {
            surname: 'Brown Jones-Smith',
            households: count('Brown Jones-Smith'),
            rows: 3 * count('Brown Jones-Smith'),
          },
          {
            surname: "O'Neill\u2013Quill",
            households: count("O'Neill\u2013Quill"),
            rows: count("O'Neill\u2013Quill"),
          },
          { surname: 'Van den Berg', households: count('Van den Berg'), rows: 4 * count('Van den Berg') },
        ].sort((a, b) => (a.surname < b.surname ? -1 : 1)),
      );
      for (const [, , to] of renamed) expect(count(to), to).toBeGreaterThan(0);
      // Nothing else of the households changed.
      expect(keptRows(db, 'households', 'id')).toEqual(before);
      const found = (search: string) =>
        listHouseholds(db, { search }, { offset: 0, limit: 50 }, '2026-11-26').rows.map((r) => r.name);
      for (const [word, name] of [
        ['jones-smith', 'Ann Brown Jones-Smith'],
        ['jones smith', 'Ann Brown Jones-Smith'],
        ['jones', 'Ann Brown Jones-Smith'],
        ['den-berg', 'Mary-Jane Van den Berg'],
        ['jane', 'Mary-Jane Van den Berg'],
        ['quill', "Róisín O'Neill\u2013Quill"],
      ] as const) {
        const names = found(word);
        expect(names.length, word).toBeGreaterThan(0);
        expect(new Set(names), word).toEqual(new Set([name]));
      }
    } finally {
      db.close();
    }
  });
});
