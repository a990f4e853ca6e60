import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rebuildAllEpisodes } from '../../../src-main/db/episodes.ts';
import { MIGRATIONS, LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { openDatabase, schemaVersion, type Db } from '../../../src-main/db/open.ts';
import { subjectAccessData } from '../../../src-main/db/subject-access.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { tempDir } from '../../support/temp.ts';
import { keptRows, withoutLaterChanges } from './migration-support.ts';

/**
 * Migration 32 deletes the reasons an exit interview not held (declined, or offered) holds: the app
 * before 1754d22 kept whatever was ticked on the form when the status changed, and the sample
 * generator gave such interviews one. In the v31 fixture the household ceased in 2024 (3) has a
 * held interview with a reason; the closure of household 2 is given an interview here, each
 * written as the version 31 app stored it: the interview's rows and their copy on the episode.
 */
type Status = 'held' | 'declined' | 'offered';

function atV31(closure: Status, cessation: Status): string {
  const version = MIGRATIONS.find((m) => m.name === 'reasons-of-interviews-not-held')!.version;
  const path = join(tempDir(), `v${version - 1}.db`);
  copyFileSync(fixturePath(version - 1), path);
  const raw = new Database(path);
  const held = (s: Status) => (s === 'held' ? ['2023-10-10', 'J Smith'] : [null, null]);
  raw
    .prepare(
      `INSERT INTO exit_interviews (id, household_id, closure_id, status, offered_date, held_date, held_by, notes, might_return)
       VALUES (2, 2, 1, ?, '2023-10-02', ?, ?, 'Rang back', 1)`,
    )
    .run(closure, ...held(closure));
  raw.exec(`
    INSERT INTO exit_interview_reasons (interview_id, list, reason_key)
      VALUES (2, 'dropout', 'process'), (2, 'dropout', 'circumstances');
    UPDATE episodes SET exit_interview = '${closure}', closure_might_return = 1,
        closure_exit_reasons = '["circumstances","process"]'
      WHERE household_id = 2 AND episode = 1;
  `);
  raw
    .prepare('UPDATE exit_interviews SET status = ?, held_date = ?, held_by = ? WHERE cessation_id = 1')
    .run(cessation, ...held(cessation));
  raw
    .prepare('UPDATE episodes SET cessation_exit_interview = ? WHERE household_id = 3 AND episode = 1')
    .run(cessation);
  raw.close();
  return path;
}

/** Every table's rows (in a fixed order) and the schema, as a plain object to compare. */
function dump(db: Db | Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
  const out: Record<string, unknown[]> = {
    schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
  };
  for (const t of tables) {
    const cols = db
      .prepare<[], string>(`SELECT name FROM pragma_table_info('${t}') ORDER BY cid`)
      .pluck()
      .all();
    out[t] = keptRows(db, t, cols.map((c) => `"${c}"`).join(', '));
  }
  return out;
}

/** The episodes record as a rebuild from the stored facts makes it (rolled back after). */
function rebuilt(db: Db): unknown[] {
  let rows: unknown[] = [];
  try {
    db.transaction(() => {
      db.exec('DELETE FROM episodes');
      rebuildAllEpisodes(db);
      rows = dump(db).episodes!;
      throw new Error('roll back');
    })();
  } catch (e) {
    if ((e as Error).message !== 'roll back') throw e;
  }
  return rows;
}

describe('the migration that deletes the reasons of exit interviews not held', () => {
  it.each([
    ['declined', 'held'],
    ['offered', 'held'],
    ['held', 'declined'],
    ['held', 'offered'],
  ] as const)(
    "deletes them (closure interview %s, cessation interview %s), keeps a held one's, changes nothing else",
    async (closure, cessation) => {
      const path = atV31(closure, cessation);
      const raw = new Database(path, { readonly: true });
      const before = dump(raw);
      raw.close();
      const db = await openDatabase(path, { check: true });
      try {
        expect(schemaVersion(db)).toBe(LATEST_VERSION);
        const after = dump(db);
        const notHeld = [closure === 'held' ? null : 2, cessation === 'held' ? null : 1];
        const kept = (before.exit_interview_reasons as Array<{ interview_id: number }>).filter(
          (r) => !notHeld.includes(r.interview_id),
        );
        expect(kept.length).toBe(closure === 'held' ? 2 : 1);
        expect(after.exit_interview_reasons).toEqual(kept);
        // The subject access export no longer gives them (household 2 closed, 3 ceased).
        for (const [household, interview] of [
          [2, 2],
          [3, 1],
        ] as const)
          expect(subjectAccessData(db, household).exit_interview_reasons!.length, String(household)).toBe(
            notHeld.includes(interview) ? 0 : kept.filter((r) => r.interview_id === interview).length,
          );
        // The episode's copy: nulled for the interview not held, the held one's as it was.
        type Ep = Record<string, unknown> & { household_id: number };
        const episodes = (rows: unknown[]) =>
          (rows as Ep[]).map((e) =>
            e.household_id === 2 && closure !== 'held'
              ? { ...e, closure_exit_reasons: null }
              : e.household_id === 3 && cessation !== 'held'
                ? { ...e, cessation_exit_reasons: null }
                : e,
          );
        expect(after.episodes).toEqual(episodes(before.episodes!));
        expect(after.episodes).not.toEqual(before.episodes);
        expect(rebuilt(db)).toEqual(after.episodes);
        // Every other table, the schema and the interviews themselves (might return, notes) identical
        // (the schema beside the index migration 36 adds).
        const rest = (d: Record<string, unknown[]>) => {
          const { exit_interview_reasons: _r, episodes: _e, schema, ...others } = d;
          return { ...others, schema: withoutLaterChanges(schema!) };
        };
        expect(rest(after)).toEqual(rest(before));
      } finally {
        db.close();
      }
    },
  );
});
