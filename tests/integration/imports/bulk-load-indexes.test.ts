import { describe, expect, it } from 'vitest';
import { SMALL_RUNS_FROM, withoutSecondaryIndexes } from '../../../src-main/db/bulk-load.ts';
import type { Db } from '../../../src-main/db/open.ts';
import { testApp } from '../../support/temp.ts';

/**
 * A large load drops the secondary indexes and makes them again after (db/bulk-load.ts), a very
 * large one sorting with a small page cache and helper threads meanwhile. Either way the schema
 * afterwards is the one before, the new rows are in every index, and the connection's cache and
 * threads are its own again (left at 2 MB, every report and list after an import would read with
 * a sixty-fourth of its cache).
 */
const schema = (db: Db) =>
  db.prepare('SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name').all();
const settings = (db: Db) => ({
  cache: db.pragma('cache_size', { simple: true }),
  threads: db.pragma('threads', { simple: true }),
});

describe('a load without secondary indexes', () => {
  it.each([
    ['a large load', 5000],
    ['a very large load (small sort runs)', SMALL_RUNS_FROM],
  ])(
    '%s drops them meanwhile, makes them again with the new rows, and gives the connection its settings back',
    async (_, adding) => {
      const app = await testApp();
      const db = app.ctx.store.db;
      const before = { schema: schema(db), settings: settings(db) };
      expect(before.settings.cache).toBe(-131072);

      const inside = db.transaction(() =>
        withoutSecondaryIndexes(db, adding, () => {
          const insert = db.prepare(
            `INSERT INTO households (reference, surname, enquiry_date, created_at, updated_at)
           VALUES (?, ?, '2024-04-01', '2024-04-01T09:00:00Z', '2024-04-01T09:00:00Z')`,
          );
          for (let i = 0; i < 300; i++) insert.run(`BL${i}`, `Surname${i % 7}`);
          return schema(db).filter((o) => (o as { name: string }).name === 'households_by_name_nocase');
        }),
      )();
      expect(inside).toEqual([]);

      expect(schema(db)).toEqual(before.schema);
      expect(settings(db)).toEqual(before.settings);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Read through the rebuilt index: it holds the rows written while it was away.
      const plan = db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM households WHERE surname = 'Surname3' COLLATE NOCASE",
        )
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join(' ');
      expect(plan).toContain('households_by_name_nocase');
      expect(
        db.prepare("SELECT COUNT(*) FROM households WHERE surname = 'Surname3' COLLATE NOCASE").pluck().get(),
      ).toBe(43);
    },
  );
});
