import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildAllEpisodes } from '../../../src-main/db/episodes.ts';
import { DEFAULT_REASONS_1, REASON_LISTS_1 } from '../../../src-main/db/migrations/0001-initial.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/db/migrations/index.ts';
import { DEFAULT_REASONS, REASON_LISTS } from '../../../src-main/domain/reasons.ts';
import { FIXTURE_DIR, fixturePath } from '../../fixtures/schema/generate.ts';

/*
 * Migration 1 writes the default reasons, and migration 7 makes the episodes table and fills it, by
 * their own copies of the live code as it shipped with them (domain/reasons.ts DEFAULT_REASONS; db/
 * episodes.ts EPISODES_DDL and rebuildAllEpisodes), so each does what it did whatever becomes of the
 * live code: a shipped migration never changes (frozen-name-rules.test.ts holds 29, 31 and 33 alike).
 *
 * IF A "today's" TEST FAILS, the live code has moved away from what the migrations wrote. Do NOT
 * change the migrations' copies to match: databases out there were made by them. Add a migration
 * (the next free number) bringing the stored rows to the new rule, with its own test, as 20 and 21
 * did when the rebuild's pathway rule changed; the test below then passes again, because a database
 * brought up through every migration holds what the live rule makes.
 */

/** Every statement a migration gives SQLite, in order, and the database it ran on. */
function statementsOf(version: number): { statements: string[]; db: Database.Database } {
  const db = new Database(':memory:');
  for (const m of MIGRATIONS) if (m.version < version) m.up(db);
  const statements: string[] = [];
  const exec = db.exec.bind(db);
  const prepare = db.prepare.bind(db);
  const spy = Object.create(db) as Database.Database;
  spy.exec = (sql: string) => (statements.push(sql), exec(sql));
  spy.prepare = ((sql: string) => (statements.push(sql), prepare(sql))) as Database.Database['prepare'];
  MIGRATIONS.find((m) => m.version === version)!.up(spy);
  return { statements, db };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe("migration 1's own copy of the default reasons", () => {
  it("is today's live default lists", () => {
    expect([...REASON_LISTS_1]).toEqual([...REASON_LISTS]);
    expect(DEFAULT_REASONS_1).toEqual(DEFAULT_REASONS);
  });

  it('writes the reasons, by the statements, as it shipped (94c0cb4, 26/11/2026)', () => {
    const { statements, db } = statementsOf(1);
    // The hashes of what 94c0cb4's migration 1 gave SQLite and wrote, worked out from that commit.
    expect(sha256(statements.join('\n'))).toBe(
      '507ef8da6d4a534f66670f268a2375dd90dd6ccc4fd275902265265ca0aff33c',
    );
    const rows = db.prepare('SELECT * FROM reasons ORDER BY list, position').all();
    expect(rows).toHaveLength(21);
    expect(sha256(JSON.stringify(rows))).toBe(
      '13ecdd3a975ce3f666b497bc1552a11ae6d49c08fe1973ec393cbf3b17496690',
    );
    db.close();
  });
});

/**
 * Households of every kind of episode a schema-6 database can hold (no journey dates yet: migration
 * 7 made their table): pathway switches on the enquiry day, inside and after an episode, on a
 * carers register's household (approval alone) and twice on one, on an episode with no enquiry, on
 * an episode closed before its switch and on a household's second episode; closures with and
 * without an exit interview, a cessation with one.
 */
const EVERY_KIND_AT_V6 = `
  INSERT INTO households (id, reference, pathway, source, household_type, episode, status, stage, created_at, updated_at) VALUES
    (11, 'E-11', 'kinship', 'web', 'couple', 1, 'open', 'eoi', 't', 't'),
    (12, 'E-12', 'kinship', 'register', 'single', 1, 'approved', 'approval', 't', 't'),
    (13, 'E-13', 'kinship', 'web', NULL, 1, 'closed', 'enquiry', 't', 't'),
    (14, 'E-14', 'kinship', 'event', NULL, 2, 'open', 'enquiry', 't', 't'),
    (15, 'E-15', 'kinship', 'web', NULL, 1, 'open', 'stage1', 't', 't'),
    (16, 'E-16', 'mainstream', 'register', NULL, 1, 'approved', 'approval', 't', 't'),
    (17, 'E-17', 'kinship', 'web', NULL, 1, 'open', 'stage1', 't', 't'),
    (18, 'E-18', 'mainstream', 'web', NULL, 1, 'ceased', 'ceased', 't', 't');
  INSERT INTO pathway_changes (household_id, date, from_pathway, to_pathway) VALUES
    (11, '2024-01-10', 'mainstream', 'kinship'),
    (12, '2025-06-01', 'mainstream', 'kinship'),
    (13, '2023-05-01', 'mainstream', 'kinship'),
    (14, '2023-01-01', 'mainstream', 'kinship'),
    (15, '2024-03-01', 'mainstream', 'kinship'),
    (16, '2023-02-01', 'mainstream', 'kinship'),
    (16, '2024-02-01', 'kinship', 'mainstream'),
    (17, '2024-05-05', 'mainstream', 'kinship');
  INSERT INTO milestones (household_id, episode, kind, date) VALUES
    (11, 1, 'enquiry', '2024-01-10'), (11, 1, 'eoi', '2024-02-01'),
    (12, 1, 'approval', '2021-05-01'),
    (14, 1, 'enquiry', '2022-01-01'), (14, 2, 'enquiry', '2023-01-01'),
    (15, 1, 'enquiry', '2024-01-01'), (15, 1, 'stage1', '2024-04-01'),
    (16, 1, 'approval', '2020-01-01'),
    (17, 1, 'eoi', '2024-05-05'), (17, 1, 'stage1', '2024-06-01'),
    (18, 1, 'enquiry', '2018-01-01'), (18, 1, 'approval', '2019-01-01');
  INSERT INTO closures (id, household_id, episode, date, stage_reached, reason_key, ended_by) VALUES
    (11, 13, 1, '2023-03-01', 'enquiry', 'other', 'applicant'),
    (12, 14, 1, '2022-06-01', 'enquiry', 'lost_contact', 'lost_contact');
  INSERT INTO cessations (id, household_id, date, reason_key) VALUES (11, 18, '2024-01-01', 'other');
  INSERT INTO exit_interviews (id, household_id, closure_id, cessation_id, status, might_return) VALUES
    (11, 13, 11, NULL, 'held', 1), (12, 18, NULL, 11, 'held', 0);
  INSERT INTO exit_interview_reasons (interview_id, list, reason_key) VALUES
    (11, 'dropout', 'financial'), (12, 'leaving', 'not_for_them');
`;

/** A schema-6 database in memory: the v6 fixture with every kind of episode, or the v4 sample (400 households). */
function atV6(which: 'every kind' | 'v4 sample'): Database.Database {
  const file = which === 'every kind' ? fixturePath(6) : join(FIXTURE_DIR, 'v4-sample.db');
  const db = new Database(readFileSync(file));
  db.pragma('foreign_keys = ON');
  const from = db.pragma('user_version', { simple: true }) as number;
  for (const m of MIGRATIONS) if (m.version > from && m.version <= 6) m.up(db);
  if (which === 'every kind') db.exec(EVERY_KIND_AT_V6);
  return db;
}

const episodes = (db: Database.Database) =>
  db.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all();

describe("migration 7's own copy of the episodes table and its rebuild", () => {
  it.each(['every kind', 'v4 sample'] as const)(
    "leaves a schema-6 database (%s), brought up through every migration, holding what today's rebuild makes",
    (which) => {
      const db = atV6(which);
      db.transaction(() => {
        for (const m of MIGRATIONS) if (m.version >= 7) m.up(db);
      })();
      const migrated = episodes(db);
      expect(migrated.length).toBeGreaterThan(which === 'every kind' ? 10 : 399);
      db.transaction(() => {
        db.exec('DELETE FROM episodes');
        rebuildAllEpisodes(db);
      })();
      // IF THIS FAILS, see the top of this file: a rule of today's rebuild no migration brought across.
      expect(episodes(db), `migrated to ${LATEST_VERSION}, then rebuilt by the live rule`).toEqual(migrated);
      db.close();
    },
  );

  it('runs the statements it shipped with (1d2abcc, 28/11/2026: the v7 fixture’s table and rebuild)', () => {
    const { statements, db } = statementsOf(7);
    // The hash of what 1d2abcc's migration 7 gave SQLite, worked out from that commit.
    expect(sha256(statements.join('\n'))).toBe(
      '9d85dd475a96b3b05f125c611c8a97a5b241262cc23551d36177363cf58d130d',
    );
    db.close();
  });

  it('starts each episode on the pathway as shipped (the first switch after the enquiry), which 20 and 21 correct', () => {
    const db = atV6('every kind');
    MIGRATIONS[6]!.up(db);
    const rows = db
      .prepare(
        'SELECT household_id AS h, episode AS e, pathway, switched_on, switched_to FROM episodes WHERE household_id > 10 ORDER BY 1, 2',
      )
      .raw()
      .all();
    // Today's rule (db/episodes.ts START) starts 11 and 14's second on mainstream, and switches 12,
    // 13, 16 and 17 inside their episodes.
    expect(rows).toEqual([
      [11, 1, 'kinship', '2024-01-10', 'kinship'],
      [12, 1, 'kinship', null, null],
      [13, 1, 'mainstream', null, null],
      [14, 1, 'mainstream', null, null],
      [14, 2, 'kinship', '2023-01-01', 'kinship'],
      [15, 1, 'mainstream', '2024-03-01', 'kinship'],
      [16, 1, 'mainstream', null, null],
      [17, 1, 'kinship', null, null],
      [18, 1, 'mainstream', null, null],
    ]);
    db.close();
  });
});
