import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { funnelDateSql } from '../../../src-main/db/journey-sql.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/db/migrations/index.ts';
import { openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { expectedSchema, schemaOf } from '../../../src-main/db/schema-check.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { tempDir } from '../../support/temp.ts';

/**
 * Migration 27 makes the episodes table again so that its stored forecast_text gives as the
 * Stage 1 day the Stage 1 start with the kinship rule (a kinship household's viability request is
 * its formal application), which the forecast reads. Rows seeded at version 26, as an earlier
 * version wrote them, each case's text worked out by hand.
 */
const SEED = `
  INSERT INTO households (id, reference, pathway, episode, created_at, updated_at) VALUES
    (4, 'K-REQUEST', 'kinship', 1, '2024-01-01', '2024-01-01'),
    (5, 'K-BOTH', 'kinship', 2, '2024-01-01', '2024-01-01'),
    (6, 'K-STAGE1-FIRST', 'kinship', 1, '2024-01-01', '2024-01-01'),
    (7, 'M-TO-K', 'kinship', 1, '2024-01-01', '2024-01-01'),
    (8, 'K-TO-M', 'mainstream', 1, '2024-01-01', '2024-01-01');
  INSERT INTO episodes (household_id, episode, pathway, switched_on, switched_to, first_switched_on, enquiry,
      eoi, stage1, stage2, stage_reached, closed_on, closed_stage, viability_request, viability_outcome) VALUES
    -- Kinship, a viability request and nothing more: Stage 1 from the request.
    (4, 1, 'kinship', NULL, NULL, NULL, '2024-01-10', NULL, NULL, NULL, 'enquiry', NULL, NULL, '2024-02-01', NULL),
    -- An earlier episode closed at Stage 1 by its request, and an open one with a later Stage 1 start.
    (5, 1, 'kinship', NULL, NULL, NULL, '2022-03-01', NULL, NULL, NULL, 'enquiry', '2022-09-01', 'stage1', '2022-04-01', '2022-05-01'),
    (5, 2, 'kinship', NULL, NULL, NULL, '2024-03-01', '2024-03-20', '2024-06-01', NULL, 'stage1', NULL, NULL, '2024-03-10', NULL),
    -- A Stage 1 start before the request: the Stage 1 start.
    (6, 1, 'kinship', NULL, NULL, NULL, '2024-01-10', NULL, '2024-02-01', '2024-05-01', 'stage2', NULL, NULL, '2024-03-01', NULL),
    -- Requested on 05/06 while mainstream, switched to kinship on 01/07: no kinship application.
    (7, 1, 'mainstream', '2024-07-01', 'kinship', NULL, '2024-06-01', NULL, NULL, NULL, 'enquiry', NULL, NULL, '2024-06-05', NULL),
    -- Requested on 10/06 while kinship, switched to mainstream on 01/07: its application stands.
    (8, 1, 'kinship', '2024-07-01', 'mainstream', NULL, '2024-06-01', NULL, NULL, NULL, 'enquiry', NULL, NULL, '2024-06-10', NULL);
`;

/** Each seeded episode's forecast text after the migration, by hand. */
const AFTER: Record<string, string> = {
  '4/1': '4,1,2024-01-10,,2024-02-01,,,,;',
  '5/1': '5,1,2022-03-01,,2022-04-01,,,,2022-09-01;',
  '5/2': '5,2,2024-03-01,2024-03-20,2024-03-10,,,,;',
  '6/1': '6,1,2024-01-10,,2024-02-01,2024-05-01,,,;',
  '7/1': '7,1,2024-06-01,,,,,,;',
  '8/1': '8,1,2024-06-01,,2024-06-10,,,,;',
};

const EPISODES = 'SELECT * FROM episodes ORDER BY household_id, episode';
const INDEXES =
  "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'episodes' ORDER BY name";
type Row = Record<string, unknown>;
const withoutText = (rows: unknown[]) =>
  (rows as Row[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'forecast_text')));

describe('the migration that gives the forecast a kinship household’s application as its Stage 1', () => {
  const version = MIGRATIONS.find((m) => m.name === 'forecast-kinship-application')!.version;

  it('stores each episode’s Stage 1 day by the recruitment table’s rule, keeping every row, column and index', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    copyFileSync(fixturePath(version - 1), path);
    const old = new Database(path);
    old.exec(SEED);
    const before = old.prepare(EPISODES).all() as Row[];
    // Version 26 read the Stage 1 column alone: the request-only household stood at Enquiry.
    expect(before.find((e) => e.household_id === 4)!.forecast_text).toBe('4,1,2024-01-10,,,,,,;');
    const indexesBefore = old.prepare(INDEXES).all();
    const columnsBefore = old.prepare("SELECT name, type, pk FROM pragma_table_xinfo('episodes')").all();
    old.close();

    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Later migrations (28 on) add columns and indexes of their own: what version 26 had is compared.
      const had = new Set(Object.keys(before[0]!));
      const after = (db.prepare(EPISODES).all() as Row[]).map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => had.has(k))),
      );
      // Every column of every episode as it was, in the same order; only the forecast text moved.
      expect(withoutText(after)).toEqual(withoutText(before));
      const columnNames = new Set((columnsBefore as Array<{ name: string }>).map((c) => c.name));
      expect(
        (
          db.prepare("SELECT name, type, pk FROM pragma_table_xinfo('episodes')").all() as Array<{
            name: string;
          }>
        ).filter((c) => columnNames.has(c.name)),
      ).toEqual(columnsBefore);
      for (const e of after) {
        const key = `${String(e.household_id)}/${String(e.episode)}`;
        const was = before.find((b) => b.household_id === e.household_id && b.episode === e.episode)!;
        expect(e.forecast_text, key).toBe(AFTER[key] ?? was.forecast_text);
      }
      // The stored text is the recruitment table's Stage 1 date, the one rule (db/journey-sql.ts).
      const stage1 = funnelDateSql('stage1').date;
      const rule = `household_id || ',' || episode || ',' || ifnull(enquiry, '') || ',' || ifnull(eoi, '') || ','
        || ifnull(${stage1}, '') || ',' || ifnull(stage2, '') || ',' || ifnull(panel, '') || ','
        || ifnull(approval, '') || ',' || ifnull(closed_on, '') || ';'`;
      expect(
        db.prepare(`SELECT count(*) FROM episodes WHERE forecast_text IS NOT ${rule}`).pluck().get(),
      ).toBe(0);
      // The same indexes, written as before (beside the one migration 37 drops); the table STRICT,
      // WITHOUT ROWID, as the app makes it.
      const kept = (indexesBefore as Array<{ name: string }>).filter((i) => i.name !== 'episodes_by_stage1');
      expect(kept).toHaveLength(indexesBefore.length - 1);
      const indexNames = new Set(kept.map((i) => i.name));
      expect(
        (db.prepare(INDEXES).all() as Array<{ name: string }>).filter((i) => indexNames.has(i.name)),
      ).toEqual(kept);
      const table = db
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'episodes'")
        .pluck()
        .get() as string;
      expect(table).toMatch(/\) STRICT, WITHOUT ROWID$/);
      expect(schemaOf(db)).toEqual(expectedSchema(LATEST_VERSION));
      // Written from now on by the rule, as SQLite works the column out with every write.
      db.prepare("UPDATE episodes SET viability_request = '2024-06-02' WHERE household_id = 7").run();
      expect(db.prepare('SELECT forecast_text FROM episodes WHERE household_id = 7').pluck().get()).toBe(
        '7,1,2024-06-01,,,,,,;',
      );
      db.prepare("UPDATE episodes SET viability_request = '2024-07-02' WHERE household_id = 7").run();
      expect(db.prepare('SELECT forecast_text FROM episodes WHERE household_id = 7').pluck().get()).toBe(
        '7,1,2024-06-01,,2024-07-02,,,,;',
      );
      // The household's episodes still go with it, and an episode still needs its household.
      db.prepare('DELETE FROM households WHERE id = 5').run();
      expect(db.prepare('SELECT count(*) FROM episodes WHERE household_id = 5').pluck().get()).toBe(0);
      expect(() =>
        db
          .prepare(
            "INSERT INTO episodes (household_id, episode, pathway, stage_reached) VALUES (99, 1, 'kinship', 'enquiry')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});
