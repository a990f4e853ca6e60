import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rebuildAllEpisodes } from '../../../src-main/db/episodes.ts';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { migrate, openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { expectedSchema, schemaOf } from '../../../src-main/db/schema-check.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { fixtureCopy, fixtureVersions, versionOf } from './migration-support.ts';

/** Migrations that add to the journey and its episodes: a new step, what exit interviews said. */
describe('the migration that adds all Stage 1 information obtained as a dated step', () => {
  const version = versionOf('stage1-information');

  it('keeps every journey date, takes the new step, and leaves every earlier version’s schema as it was', async () => {
    const path = fixtureCopy(version - 1);
    // Each fixture was made by its own version: the app still expects exactly its schema there (a
    // backup of that version is restored against it), episodes' journey columns included (migration
    // 7 made seven; the new kind's column is 23's, not 7's).
    for (const v of fixtureVersions) {
      const fixture = new Database(fixturePath(v), { readonly: true });
      expect(schemaOf(fixture), `v${v}`).toEqual(expectedSchema(v));
      fixture.close();
    }
    const old = new Database(path);
    expect(
      old.prepare("SELECT 1 FROM pragma_table_info('episodes') WHERE name = 'stage1_information'").get(),
    ).toBeUndefined();
    old.exec(`
      INSERT INTO journey_dates (id, household_id, episode, kind, date, detail, reason, source, batch_id) VALUES
        (7, 1, 1, 'panel_minutes', '2024-02-12', NULL, NULL, 'hand', NULL),
        (8, 2, 1, 'viability_request', '2023-07-01', NULL, NULL, 'import', 1),
        (9, 2, 1, 'viability_outcome', '2023-07-05', 'positive', NULL, 'import', 1),
        (11, 2, 1, 'extension', '2023-07-08', NULL, 'Court hearing adjourned', 'hand', NULL);
    `);
    expect(() =>
      old
        .prepare(
          "INSERT INTO journey_dates (household_id, episode, kind, date) VALUES (1, 1, 'stage1_information', '2023-07-01')",
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    const all = 'SELECT * FROM journey_dates ORDER BY id';
    const before = old.prepare(all).all();
    const episodesBefore = old.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all();
    old.close();

    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      // Every row as it was, with migration 39's extension length empty.
      expect(db.prepare(all).all()).toEqual(
        (before as Array<Record<string, unknown>>).map((r) => ({ ...r, weeks: null })),
      );
      // Every episode as it was, with the new step's column empty (the cessation's exit interview
      // is migration 25's, what the closure's said 28's, tested below).
      const since25 = [
        'cessation_exit_interview',
        'cessation_might_return',
        'cessation_exit_reasons',
        'closure_might_return',
        'closure_exit_reasons',
      ];
      expect(
        (
          db.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all() as Array<
            Record<string, unknown>
          >
        ).map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !since25.includes(k)))),
      ).toEqual(
        (episodesBefore as Array<Record<string, unknown>>).map((e) => ({ ...e, stage1_information: null })),
      );
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(
        db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'journey_dates' ORDER BY name",
          )
          .pluck()
          .all(),
        // journey_dates_by_batch, made again here, went in migration 26.
      ).toEqual(['journey_dates_by_kind_date', 'sqlite_autoindex_journey_dates_1']);
      db.prepare(
        "INSERT INTO journey_dates (household_id, episode, kind, date) VALUES (1, 1, 'stage1_information', '2023-07-01')",
      ).run();
      expect(() =>
        db
          .prepare(
            "INSERT INTO journey_dates (household_id, episode, kind, date) VALUES (1, 1, 'stage3', '2023-07-01')",
          )
          .run(),
      ).toThrow(/CHECK constraint/);
      // The new id follows the highest kept, and a household's steps still go with it.
      expect(db.prepare("SELECT id FROM journey_dates WHERE kind = 'stage1_information'").pluck().get()).toBe(
        12,
      );
      db.prepare('DELETE FROM households WHERE id = 2').run();
      expect(db.prepare('SELECT DISTINCT household_id FROM journey_dates').pluck().all()).toEqual([1]);
    } finally {
      db.close();
    }
  });
});

describe('the migration that puts the exit interview after a cessation on its episode', () => {
  const version = versionOf('cessation-exit-interviews');
  const NEW_COLUMNS = ['cessation_exit_interview', 'cessation_might_return', 'cessation_exit_reasons'];

  it('fills it from the interviews recorded, as a rebuild from scratch would, and indexes the ceased episodes', async () => {
    const path = fixtureCopy(version - 1);
    const old = new Database(path);
    const columns = old.prepare("SELECT name FROM pragma_table_info('episodes')").pluck().all();
    for (const c of NEW_COLUMNS) expect(columns, c).not.toContain(c);
    // The fixture's ceased household (3) had its interview held, giving one reason, not returning;
    // a second reason, given before the first in key order, and the closed household's (2)
    // interview, which is the drop-out table's and must stay off the cessation's columns.
    old.exec(`
      INSERT INTO exit_interview_reasons (interview_id, list, reason_key) VALUES (1, 'leaving', 'dissatisfied');
      INSERT INTO exit_interviews (id, household_id, closure_id, cessation_id, status, offered_date, might_return)
        VALUES (2, 2, 1, NULL, 'declined', '2023-10-02', 1);
      UPDATE episodes SET exit_interview = 'declined' WHERE household_id = 2;
    `);
    const episodesBefore = old.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all();
    old.close();

    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const episodes = () => db.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all();
      const after = episodes();
      expect(after).toEqual(
        (episodesBefore as Array<Record<string, unknown>>).map((e) => ({
          ...e,
          ...(e.household_id === 3
            ? {
                cessation_exit_interview: 'held',
                cessation_might_return: 0,
                cessation_exit_reasons: '["dissatisfied","personal_circumstances"]',
              }
            : { cessation_exit_interview: null, cessation_might_return: null, cessation_exit_reasons: null }),
          // What the closure's interview said: migration 28's (below).
          closure_might_return: e.household_id === 2 ? 1 : null,
          closure_exit_reasons: null,
        })),
      );
      // What the migration wrote is what the episodes builder writes (db/episodes.ts).
      db.transaction(() => {
        db.exec('DELETE FROM episodes');
        rebuildAllEpisodes(db);
      })();
      expect(episodes()).toEqual(after);
      expect(
        db
          .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'episodes_by_cessation'")
          .pluck()
          .get(),
      ).toMatch(/WHERE ceased_on IS NOT NULL$/);
      expect(() =>
        db.prepare("UPDATE episodes SET cessation_exit_interview = 'maybe' WHERE household_id = 3").run(),
      ).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });
});

describe('the migration that puts what a closure’s exit interview said on its episode', () => {
  const version = versionOf('closure-exit-interview-answers');
  const NEW_COLUMNS = ['closure_might_return', 'closure_exit_reasons'];

  it('fills it from the interviews recorded, whatever their status, as a rebuild from scratch would, and indexes those held', async () => {
    const path = fixtureCopy(version - 1);
    const old = new Database(path);
    const columns = old.prepare("SELECT name FROM pragma_table_info('episodes')").pluck().all();
    for (const c of NEW_COLUMNS) expect(columns, c).not.toContain(c);
    // The fixture's closed household (2): its interview declined, yet noting two reasons (given in
    // the wrong key order) and might return; the ceased household's (3) stays the cessation's.
    old.exec(`
      INSERT INTO exit_interviews (id, household_id, closure_id, cessation_id, status, offered_date, might_return)
        VALUES (2, 2, 1, NULL, 'declined', '2023-10-02', 1);
      INSERT INTO exit_interview_reasons (interview_id, list, reason_key) VALUES (2, 'dropout', 'process');
      INSERT INTO exit_interview_reasons (interview_id, list, reason_key) VALUES (2, 'dropout', 'financial');
      UPDATE episodes SET exit_interview = 'declined' WHERE household_id = 2;
    `);
    const episodesBefore = old.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all();
    // This migration alone: a later one deletes the reasons of an interview not held (32,
    // migration-interview-reasons.test.ts), so opening the file would leave none to see here.
    migrate(old, version - 1, version);
    const db = old;
    try {
      expect(schemaVersion(db)).toBe(version);
      const episodes = () => db.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all();
      const after = episodes();
      expect(after).toEqual(
        (episodesBefore as Array<Record<string, unknown>>).map((e) => ({
          ...e,
          ...(e.household_id === 2
            ? { closure_might_return: 1, closure_exit_reasons: '["financial","process"]' }
            : { closure_might_return: null, closure_exit_reasons: null }),
        })),
      );
      // What the migration wrote is what the episodes builder writes (db/episodes.ts).
      db.transaction(() => {
        db.exec('DELETE FROM episodes');
        rebuildAllEpisodes(db);
      })();
      expect(episodes()).toEqual(after);
      expect(
        db
          .prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'episodes_by_closure_interview'",
          )
          .pluck()
          .get(),
      ).toMatch(/WHERE exit_interview = 'held'$/);
      expect(() =>
        db.prepare('UPDATE episodes SET closure_might_return = 2 WHERE household_id = 2').run(),
      ).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });
});
