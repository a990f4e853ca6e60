import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { listHouseholds } from '../../../src-main/db/queries/households-list.ts';
import { searchParts35 } from '../../../src-main/db/migrations/0035-search-parts-spaced-names-and-carers.ts';
import { foldForSearch } from '../../../src-main/domain/fold.ts';
import { searchPartsOf } from '../../../src-main/domain/search-parts.ts';
import { fixtureCopy, versionOf, keptRows } from './migration-support.ts';

/**
 * Migration 35 keeps in household_name_parts a name with a space typed without it ("vandenberg")
 * and the carers' own names where the household's own do not already start with them: a file
 * written by version 34's app (its parts in migration 33's form, carers recorded) must find both
 * once opened, every other table unchanged.
 */
describe('the migration that keeps names typed without their spaces and the carers’ own names', () => {
  it('fills the parts from the households and carers already there, changing nothing else', async () => {
    expect(versionOf('search-parts-spaced-names-and-carers')).toBe(35);
    const path = fixtureCopy(34);
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(34);
    const ref = (r: string) =>
      raw.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(r) as number;
    const [zoe, dev, amira] = [ref('MOS-1001'), ref('MOS-1002'), ref('MOS-0907')];
    // Dev Patel becomes Pieter Van den Berg, with the parts version 34's app wrote for him.
    raw
      .prepare(
        'UPDATE households SET first_name = ?, first_name_fold = ?, surname = ?, surname_fold = ? WHERE id = ?',
      )
      .run('Pieter', 'pieter', 'Van den Berg', foldForSearch('Van den Berg'), dev);
    const part = raw.prepare('INSERT INTO household_name_parts (part, household_id) VALUES (?, ?)');
    for (const p of ['denberg', 'berg']) part.run(p, dev);
    // Amira Khan's carers: carer 1 is her (nothing to keep), carer 2 has names of their own; one left.
    const person = raw.prepare(
      `INSERT INTO household_people (household_id, position, first_name, surname, left_on, source, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'hand', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    );
    person.run(amira, 1, 'Amira', 'Khan', null);
    person.run(amira, 2, 'Tomasz', 'Nowak', null);
    person.run(amira, 2, 'Bilal', 'Khan', '2024-06-01');
    // Zoë O'Neill's one carer is her, written as the register gave it.
    person.run(zoe, 1, 'Zoe', "O'Neill", null);
    const snapshot = (db: Database.Database) => ({
      households: keptRows(db, 'households', 'id'),
      people: db.prepare('SELECT * FROM household_people ORDER BY id').all(),
    });
    const before = snapshot(raw);
    raw.close();

    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const parts = (id: number) =>
        db
          .prepare('SELECT part FROM household_name_parts WHERE household_id = ? ORDER BY part')
          .pluck()
          .all(id);
      expect(parts(dev)).toEqual(['berg', 'denberg', 'vandenberg']);
      expect(parts(amira)).toEqual(['bilal', 'nowak', 'tomasz']);
      expect(parts(zoe)).toEqual([]);
      expect(snapshot(db)).toEqual(before);
      const found = (search: string) =>
        listHouseholds(db, { search }, { offset: 0, limit: 50 }, '2026-11-26').rows.map((r) => r.reference);
      expect(found('vandenberg')).toEqual(['MOS-1002']);
      expect(found('den berg')).toEqual(['MOS-1002']);
      expect(found('nowak')).toEqual(['MOS-0907']);
      expect(found('tomasz khan')).toEqual(['MOS-0907']);
      expect(found('khan')).toEqual(['MOS-0907']);
      expect(found('zoe')).toEqual(['MOS-1001']);
    } finally {
      db.close();
    }
  });

  it('keeps parts by its own copy of the rule, which answers as the live rule does today', () => {
    // IF THIS FAILS, domain/search-parts.ts has changed since migration 35 shipped: do not change the
    // migration's copy (a shipped migration never changes); add a migration refilling the parts.
    const names = [
      null,
      '',
      ' ',
      'Patel',
      'Van den Berg',
      'van  der\tMerwe',
      'Brown Jones-Smith',
      "O'Brien",
      'Ó Briain',
      'Mary Ann',
      'Mary-Jane',
      'Zoë',
      'Smith–Jones',
      ' Lee',
      'Lopes da Silva',
      'Łukasz Straße',
    ];
    for (const a of names)
      for (const b of names) {
        const h = { first_name: a, surname: b };
        expect(searchParts35(h), `${a} ${b}`).toEqual(searchPartsOf(h));
        for (const c of names) {
          const people = [
            { first_name: c, surname: b },
            { first_name: b, surname: c },
          ];
          expect(searchParts35(h, people), `${a} ${b} / ${c}`).toEqual(searchPartsOf(h, people));
        }
      }
  });
});
