import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { eraser } from '../../../src-main/db/erase.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { DROPPED_LATER, fixtureCopy, versionOf, withoutLaterChanges } from './migration-support.ts';

const columns = (db: Database.Database, table: string) =>
  db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table);

describe('the migration that drops the households search text no statement reads', () => {
  const version = versionOf('households-search-text-dropped');

  it('drops search_text and keeps every other column, row and index as it was', async () => {
    const before = new Database(fixturePath(version - 1), { readonly: true });
    const db = await openDatabase(fixtureCopy(version - 1), { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(columns(before, 'households')).toContain('search_text');
      expect(
        before.prepare("SELECT COUNT(*) FROM households WHERE search_text <> ''").pluck().get(),
      ).toBeGreaterThan(0);
      expect(columns(db, 'households')).toEqual(
        columns(before, 'households').filter((c) => c !== 'search_text'),
      );
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const objects =
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type <> 'table' ORDER BY name";
      expect(withoutLaterChanges(db.prepare(objects).all())).toEqual(
        withoutLaterChanges(before.prepare(objects).all()),
      );
      const tables = before
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all() as string[];
      for (const table of tables) {
        // Without the columns a later migration added (39: journey_dates.weeks).
        const kept = columns(db, table)
          .filter((c) => !(DROPPED_LATER[table] ?? []).includes(c))
          .map((c) => `"${c}"`)
          .join(', ');
        const all = `SELECT ${kept} FROM "${table}" ORDER BY 1, 2`;
        expect(db.prepare(all).all(), table).toEqual(before.prepare(all).all());
      }
    } finally {
      db.close();
      before.close();
    }
  });

  it('still erases it in a backup made before the migration, leaving the reference alone', () => {
    // A backup keeps the schema it was made at; a purge erases there with the same eraser.
    const db = new Database(fixtureCopy(version - 1));
    try {
      db.pragma('secure_delete = ON');
      const h = db
        .prepare<[], { id: number; reference: string; search_text: string }>(
          'SELECT id, reference, search_text FROM households WHERE surname IS NOT NULL AND email IS NOT NULL ORDER BY id LIMIT 1',
        )
        .get()!;
      expect(h.search_text).not.toBe(h.reference.toLowerCase());
      const erase = eraser(db);
      db.transaction(() => erase.household(h.id, h.reference, '2026-12-03T09:00:00.000Z'))();
      expect(
        db.prepare('SELECT search_text, surname, email, purged_at FROM households WHERE id = ?').get(h.id),
      ).toEqual({
        search_text: h.reference.toLowerCase(),
        surname: null,
        email: null,
        purged_at: '2026-12-03T09:00:00.000Z',
      });
    } finally {
      db.close();
    }
  });
});
