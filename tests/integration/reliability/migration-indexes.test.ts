import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { migrate, openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { planOf } from '../../support/query-plans.ts';
import { emptyAt, fixtureCopy, versionOf, keptRows } from './migration-support.ts';

/** Migrations that drop indexes: what they leave still answers each search by an index. */
describe('the migration that drops the milestone indexes another one begins with', () => {
  const version = versionOf('milestone-index-prefixes');

  it('drops the two shorter indexes and leaves the longer ones answering the same searches', async () => {
    const { db: old } = emptyAt(version - 1);
    const indexes = (db: Database.Database) =>
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'milestones' ORDER BY name",
        )
        .pluck()
        .all();
    expect(indexes(old)).toEqual([
      'milestones_by_episode_kind',
      'milestones_by_household',
      'milestones_by_kind_date',
      'milestones_by_kind_date_episode',
      'sqlite_autoindex_milestones_1',
    ]);
    migrate(old, version - 1, version);
    try {
      expect(indexes(old)).toEqual([
        'milestones_by_episode_kind',
        'milestones_by_kind_date_episode',
        'sqlite_autoindex_milestones_1',
      ]);
      const plan = (sql: string) => planOf(old, sql);
      // A household's milestones (and the foreign key's cascade), and a kind's dates, by index.
      expect(
        plan('SELECT kind, date, episode FROM milestones WHERE household_id = 1 AND episode = 1'),
      ).toEqual([
        expect.stringMatching(/^SEARCH milestones USING .*INDEX \w+ \(household_id=\? AND episode=\?\)/),
      ]);
      expect(
        plan(
          "SELECT household_id, episode FROM milestones WHERE kind = 'eoi' AND date BETWEEN '2024-01-01' AND '2024-12-31'",
        ),
      ).toEqual([
        'SEARCH milestones USING COVERING INDEX milestones_by_kind_date_episode (kind=? AND date>? AND date<?)',
      ]);
      expect(plan('DELETE FROM households WHERE id = 1')).toContainEqual(
        expect.stringMatching(/^SEARCH milestones USING COVERING INDEX \w+ \(household_id=\?\)/),
      );
    } finally {
      old.close();
    }
  });
});

describe('the migration that drops the milestone index by kind and date', () => {
  const version = versionOf('milestones-by-kind-dropped');

  it('leaves every search by household on an index, and nothing else on milestones to write', async () => {
    const path = fixtureCopy(version - 1);
    const db = await openDatabase(path, { check: true });
    try {
      expect(milestoneIndexes(db)).toEqual(['milestones_by_episode_kind', 'sqlite_autoindex_milestones_1']);
      const plan = (sql: string) => planOf(db, sql);
      // The app's milestone reads (db/queries/summary.ts, households.ts, import-existing.ts) and the cascade.
      for (const sql of [
        'SELECT kind, date, episode FROM milestones WHERE household_id = 1',
        'SELECT kind, date FROM milestones WHERE household_id = 1 AND episode = 1',
        'SELECT household_id, episode, id, kind, date, source, batch_id FROM milestones WHERE household_id >= 1 AND household_id < 9',
      ])
        expect(plan(sql), sql).toEqual([
          expect.stringMatching(
            /^SEARCH milestones USING (COVERING )?INDEX milestones_by_episode_kind \(household_id[=>]/,
          ),
        ]);
      expect(plan('DELETE FROM households WHERE id = 1')).toContainEqual(
        expect.stringMatching(/^SEARCH milestones USING COVERING INDEX \w+ \(household_id=\?\)/),
      );
      // The data is untouched: the fixture's milestones read back the same.
      const before = new Database(fixturePath(version - 1), { readonly: true });
      try {
        const all = 'SELECT * FROM milestones ORDER BY id';
        expect(db.prepare(all).all()).toEqual(before.prepare(all).all());
        expect(db.prepare(all).all().length).toBeGreaterThan(0);
      } finally {
        before.close();
      }
    } finally {
      db.close();
    }
  });
});

describe('the migration that drops three indexes no statement reads', () => {
  const version = versionOf('unused-indexes-dropped');
  const DROPPED = [
    'closures_by_date_ended_by',
    'exit_interviews_by_closure_status',
    'journey_dates_by_batch',
  ];
  const indexes = (db: Database.Database) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];

  it('drops them, keeps every other index and row, and the searches they stood beside stay on an index', async () => {
    const path = fixtureCopy(version - 1);
    const before = new Database(fixturePath(version - 1), { readonly: true });
    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const had = indexes(before);
      for (const name of DROPPED) expect(had, name).toContain(name);
      // Every other index kept, beside those later migrations add (28's, 29's, 30's, 31's, 36's, 40's) and drop (29's, 37's, 40's).
      const later = [
        'episodes_by_application_closure',
        'episodes_by_closure_interview',
        'episodes_by_household_approval',
        'episodes_by_kinship',
        'households_by_days_in_stage',
        'households_by_first_name_fold',
        'households_by_name_fold',
        'household_name_parts_by_household',
      ];
      const droppedLater = [
        'households_by_first_name_nocase',
        'episodes_by_stage1',
        'households_by_stage_date',
      ];
      expect(indexes(db).filter((name) => !later.includes(name))).toEqual(
        had.filter((name) => !DROPPED.includes(name) && !droppedLater.includes(name)),
      );
      const plan = (sql: string) => planOf(db, sql);
      // Home's drop-outs by reason and the drills search closures by date (planning/dashboard.ts).
      expect(
        plan(
          "SELECT reason_key, COUNT(*) FROM closures WHERE date BETWEEN '2023-04-01' AND '2024-03-31' GROUP BY 1",
        ),
      ).toContainEqual(
        expect.stringMatching(
          /^SEARCH closures USING (COVERING )?INDEX closures_by_date \(date>\? AND date<\?\)/,
        ),
      );
      expect(plan('SELECT status FROM exit_interviews WHERE closure_id = 1')).toContainEqual(
        expect.stringMatching(
          /^SEARCH exit_interviews USING INDEX exit_interviews_by_closure \(closure_id=\?\)/,
        ),
      );
      for (const table of ['closures', 'exit_interviews', 'journey_dates']) {
        const all = `SELECT * FROM ${table} ORDER BY rowid`;
        expect(db.prepare(all).all(), table).toEqual(before.prepare(all).all());
      }
    } finally {
      db.close();
      before.close();
    }
  });
});

describe('the migration that adds the index of the kinship episodes', () => {
  const version = versionOf('kinship-episodes-index');
  const indexes = (db: Database.Database) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];

  it('adds it, keeps every row and index, and the kinship table reads its episodes from it alone', async () => {
    const path = fixtureCopy(version - 1);
    const before = new Database(fixturePath(version - 1), { readonly: true });
    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(indexes(before)).not.toContain('episodes_by_kinship');
      // (Beside the one migration 37 drops.)
      expect(indexes(db)).toEqual(
        // Beside 37's drop and 40's change (households_by_stage_date for households_by_days_in_stage).
        [...indexes(before), 'episodes_by_kinship', 'households_by_days_in_stage']
          .filter((n) => n !== 'episodes_by_stage1' && n !== 'households_by_stage_date')
          .sort(),
      );
      const all = 'SELECT * FROM episodes ORDER BY household_id, episode';
      expect(db.prepare(all).all()).toEqual(before.prepare(all).all());
      // The fixture's kinship episodes, read through the new index, are those the table finds.
      const kinship = `SELECT household_id, pathway, switched_on, switched_to, first_switched_on, viability_request,
          viability_outcome, viability_result, stage2, approval, closed_on, reg24_placement
        FROM episodes e WHERE (pathway = 'kinship' OR switched_on IS NOT NULL) ORDER BY 1, 2, 3, 6, 7, 9, 10, 11, 12`;
      expect(planOf(db, kinship)).toContainEqual(
        expect.stringMatching(/^SCAN e USING COVERING INDEX episodes_by_kinship\b/),
      );
      const found = db.prepare(kinship).all();
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(before.prepare(kinship).all());
    } finally {
      db.close();
      before.close();
    }
  });
});

describe('the migration that drops the Stage 1 index no statement takes', () => {
  const version = versionOf('stage1-index-dropped');
  const indexes = (db: Database.Database) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];

  it('drops episodes_by_stage1 and keeps every other index and every row', async () => {
    const path = fixtureCopy(version - 1);
    const before = new Database(fixturePath(version - 1), { readonly: true });
    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(indexes(before)).toContain('episodes_by_stage1');
      // Beside 40's change (households_by_stage_date for households_by_days_in_stage).
      expect(indexes(db)).toEqual(
        [...indexes(before), 'households_by_days_in_stage']
          .filter((n) => n !== 'episodes_by_stage1' && n !== 'households_by_stage_date')
          .sort(),
      );
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const tables = before
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all() as string[];
      expect(tables).toContain('episodes');
      for (const table of tables) {
        expect(keptRows(db, table, '1, 2'), table).toEqual(keptRows(before, table, '1, 2'));
      }
      expect(
        db.prepare('SELECT COUNT(*) FROM episodes WHERE stage1 IS NOT NULL').pluck().get(),
      ).toBeGreaterThan(0);
    } finally {
      db.close();
      before.close();
    }
  });
});

const milestoneIndexes = (db: Database.Database) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'milestones' ORDER BY name")
    .pluck()
    .all();
