import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../../src-main/db/backup.ts';
import { rebuildAllEpisodes } from '../../../src-main/db/episodes.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/db/migrations/index.ts';
import { migrate, openDatabase, schemaVersion } from '../../../src-main/db/open.ts';
import { Store } from '../../../src-main/db/store.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { expectedSchema, schemaOf } from '../../../src-main/db/schema-check.ts';
import { FIXTURE_DIR, fixturePath } from '../../fixtures/schema/generate.ts';
import { SEED_V1 } from '../../fixtures/schema/seed-v1.ts';
import { tempDir } from '../../support/temp.ts';

/** The fixture databases kept in tests/fixtures/schema: one per earlier schema version. */
const fixtures = readdirSync(FIXTURE_DIR)
  .map((f) => /^v(\d+)\.db$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => Number(m[1]))
  .sort((a, b) => a - b);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('migrations from every earlier schema version', () => {
  it('a fixture exists for every version before the latest (run tests/fixtures/schema/generate.ts after adding a migration)', () => {
    for (let v = 1; v < LATEST_VERSION; v++) expect(existsSync(fixturePath(v)), `v${v}.db`).toBe(true);
  });

  it.each(fixtures)('migrates the v%i fixture to the latest schema with every row kept', async (version) => {
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
        const cols = Object.keys(rows[0]!);
        const stored = db.prepare(`SELECT ${cols.join(', ')} FROM ${table}`).all();
        const sorted = (list: unknown[]) => list.map((r) => JSON.stringify(r)).sort();
        expect(sorted(stored), table).toEqual(sorted(rows));
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
  });

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

describe('the migration that makes household ids private (never re-used) and adds the purge ledger', () => {
  const version = MIGRATIONS.find((m) => m.name === 'private-ids-purge-ledger')!.version;

  it('keeps every household row and index, starts ids above any ever used, and takes an earlier holder’s history away from a re-used id', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    const old = new Database(path);
    migrate(old, 0, version - 1);
    const audit = old.prepare(
      `INSERT INTO audit_log (at, user, action, household_id, batch_id, entity, entity_id, field, old_value, new_value, reason)
       VALUES (?, 'tester', ?, ?, ?, 'household', ?, ?, ?, ?, ?)`,
    );
    const household = old.prepare(
      `INSERT INTO households (id, reference, first_name, surname, email, purged_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
    );
    // Before this version: Zebedee (id 1) imported then undone, and Nadia given id 1 again;
    // household 7 imported then undone (the highest id ever used); Pat purged.
    audit.run(
      '2024-01-01T00:00:00Z',
      'import',
      1,
      1,
      1,
      null,
      null,
      '{"reference":"P1","first_name":"Zebedee"}',
      'import batch 1; created',
    );
    audit.run(
      '2024-01-02T00:00:00Z',
      'undo',
      1,
      1,
      1,
      null,
      '{"reference":"P1","first_name":"Zebedee"}',
      null,
      'undo of import batch 1',
    );
    audit.run(
      '2024-01-01T00:00:00Z',
      'import',
      7,
      2,
      7,
      null,
      null,
      '{"reference":"Q7","email":"q@x.org"}',
      'import batch 2; created',
    );
    audit.run(
      '2024-01-02T00:00:00Z',
      'undo',
      7,
      2,
      7,
      null,
      '{"reference":"Q7","email":"q@x.org"}',
      null,
      'undo of import batch 2',
    );
    household.run(1, 'N1', 'Nadia', 'Okafor', 'nadia@x.org', null);
    audit.run(
      '2024-01-03T00:00:00Z',
      'import',
      1,
      3,
      1,
      null,
      null,
      '{"reference":"N1","first_name":"Nadia"}',
      'import batch 3; created',
    );
    household.run(2, 'PAT', null, null, null, '2025-01-01T00:00:00.000Z');
    old
      .prepare("INSERT INTO milestones (household_id, kind, date) VALUES (1, 'enquiry', '2024-01-01')")
      .run();
    const rowsBefore = old.prepare('SELECT * FROM households ORDER BY id').all();
    const indexesBefore = old
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'households' ORDER BY name",
      )
      .all();
    // This migration rebuilds the table: it alone must keep every index (later ones may drop some).
    migrate(old, version - 1, version);
    expect(
      old
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'households' ORDER BY name",
        )
        .all(),
    ).toEqual(indexesBefore);
    old.close();

    const db = await openDatabase(path);
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      // Every row as it was, in the columns it had (later migrations may add columns).
      const cols = Object.keys(rowsBefore[0] as object);
      expect(db.prepare(`SELECT ${cols.join(', ')} FROM households ORDER BY id`).all()).toEqual(rowsBefore);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare('SELECT COUNT(*) FROM milestones').pluck().get()).toBe(1);
      // Nadia's history is hers alone; Zebedee's and household 7's keep what happened, not the values.
      const nadia = db.prepare('SELECT new_value FROM audit_log WHERE household_id = 1').pluck().all();
      expect(nadia).toEqual(['{"reference":"N1","first_name":"Nadia"}']);
      const values = db.prepare('SELECT old_value, new_value, reason FROM audit_log').all();
      expect(JSON.stringify(values)).not.toMatch(/Zebedee|P1|Q7|q@x\.org/);
      expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(5);
      // The next household takes an id never used before, not 3.
      const next = db
        .prepare("INSERT INTO households (reference, created_at, updated_at) VALUES ('NEW', 'x', 'x')")
        .run().lastInsertRowid;
      expect(next).toBe(8);
      expect(db.prepare('SELECT reference, purged_at FROM purge_ledger').all()).toEqual([
        { reference: 'PAT', purged_at: '2025-01-01T00:00:00.000Z' },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('the migration that gives targets and comparators their own table', () => {
  const version = MIGRATIONS.find((m) => m.name === 'planning-figures')!.version;

  it('moves the figures kept in settings into planning_figures and drops the key, skipping a malformed one', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    const old = new Database(path);
    migrate(old, 0, version - 1);
    const figures = [
      { fy: '2025/26', pathway: 'mainstream', basis: 'target', measure: 'approved', value: 12 },
      { fy: '2024/25', pathway: 'all', basis: 'england', measure: 'enquiry_to_approved', value: 3.5 },
      { fy: '2024-25', pathway: 'mainstream', basis: 'england', measure: 'approved', value: 1 },
    ];
    old
      .prepare("INSERT INTO settings (key, value) VALUES ('planning.figures', ?)")
      .run(JSON.stringify(figures));
    old.close();
    const db = await openDatabase(path, { check: true });
    try {
      expect(db.prepare('SELECT * FROM planning_figures ORDER BY fy').all()).toEqual([
        figures[1],
        figures[0],
      ]);
      expect(db.prepare("SELECT COUNT(*) FROM settings WHERE key = 'planning.figures'").pluck().get()).toBe(
        0,
      );
    } finally {
      db.close();
    }
  });
});

describe('the migration that drops the milestone indexes another one begins with', () => {
  const version = MIGRATIONS.find((m) => m.name === 'milestone-index-prefixes')!.version;

  it('drops the two shorter indexes and leaves the longer ones answering the same searches', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    const old = new Database(path);
    migrate(old, 0, version - 1);
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
      const plan = planOf(old);
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
  const version = MIGRATIONS.find((m) => m.name === 'milestones-by-kind-dropped')!.version;

  it('leaves every search by household on an index, and nothing else on milestones to write', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    copyFileSync(fixturePath(version - 1), path);
    const db = await openDatabase(path, { check: true });
    try {
      expect(milestoneIndexes(db)).toEqual(['milestones_by_episode_kind', 'sqlite_autoindex_milestones_1']);
      const plan = planOf(db);
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

describe('the migration that adds all Stage 1 information obtained as a dated step', () => {
  const version = MIGRATIONS.find((m) => m.name === 'stage1-information')!.version;

  it('keeps every journey date, takes the new step, and leaves every earlier version’s schema as it was', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    copyFileSync(fixturePath(version - 1), path);
    // Each fixture was made by its own version: the app still expects exactly its schema there (a
    // backup of that version is restored against it), episodes' journey columns included (migration
    // 7 made seven; the new kind's column is 23's, not 7's).
    for (const v of fixtures) {
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
      expect(db.prepare(all).all()).toEqual(before);
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
  const version = MIGRATIONS.find((m) => m.name === 'cessation-exit-interviews')!.version;
  const NEW_COLUMNS = ['cessation_exit_interview', 'cessation_might_return', 'cessation_exit_reasons'];

  it('fills it from the interviews recorded, as a rebuild from scratch would, and indexes the ceased episodes', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    copyFileSync(fixturePath(version - 1), path);
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
  const version = MIGRATIONS.find((m) => m.name === 'closure-exit-interview-answers')!.version;
  const NEW_COLUMNS = ['closure_might_return', 'closure_exit_reasons'];

  it('fills it from the interviews recorded, whatever their status, as a rebuild from scratch would, and indexes those held', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    copyFileSync(fixturePath(version - 1), path);
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
    old.close();

    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
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

describe('the migration that drops three indexes no statement reads', () => {
  const version = MIGRATIONS.find((m) => m.name === 'unused-indexes-dropped')!.version;
  const DROPPED = [
    'closures_by_date_ended_by',
    'exit_interviews_by_closure_status',
    'journey_dates_by_batch',
  ];
  const indexes = (db: Database.Database) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all() as string[];

  it('drops them, keeps every other index and row, and the searches they stood beside stay on an index', async () => {
    const path = join(tempDir(), `v${version - 1}.db`);
    copyFileSync(fixturePath(version - 1), path);
    const before = new Database(fixturePath(version - 1), { readonly: true });
    const db = await openDatabase(path, { check: true });
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      const had = indexes(before);
      for (const name of DROPPED) expect(had, name).toContain(name);
      // Every other index kept, beside those later migrations add (28's, 29's, 30's, 31's) and drop (29's).
      const later = [
        'episodes_by_application_closure',
        'episodes_by_closure_interview',
        'episodes_by_household_approval',
        'households_by_first_name_fold',
        'households_by_name_fold',
        'household_name_parts_by_household',
      ];
      const droppedLater = ['households_by_first_name_nocase'];
      expect(indexes(db).filter((name) => !later.includes(name))).toEqual(
        had.filter((name) => !DROPPED.includes(name) && !droppedLater.includes(name)),
      );
      const plan = planOf(db);
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

const milestoneIndexes = (db: Database.Database) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'milestones' ORDER BY name")
    .pluck()
    .all();

const planOf = (db: Database.Database) => (sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((p) => p.detail);
