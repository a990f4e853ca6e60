import Database from 'better-sqlite3';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../src-main/db/migrations/index.ts';
import { migrate } from '../../../src-main/db/open.ts';
import { FIXTURE_DIR, fixturePath } from '../../fixtures/schema/generate.ts';
import { tempDir } from '../../support/temp.ts';

/** The fixture databases kept in tests/fixtures/schema: one per earlier schema version. */
export const fixtureVersions = readdirSync(FIXTURE_DIR)
  .map((f) => /^v(\d+)\.db$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => Number(m[1]))
  .sort((a, b) => a - b);

/** The schema version the migration of this name brings a file to. */
export const versionOf = (name: string): number => MIGRATIONS.find((m) => m.name === name)!.version;

/** A copy, in a folder of its own, of the fixture that schema `version` made (rows included). */
export function fixtureCopy(version: number): string {
  const path = join(tempDir(), `v${version}.db`);
  copyFileSync(fixturePath(version), path);
  return path;
}

/** A new file, in a folder of its own, brought to schema `version` by the migrations (no rows). */
export function emptyAt(version: number): { path: string; db: Database.Database } {
  const path = join(tempDir(), `v${version}.db`);
  const db = new Database(path);
  migrate(db, 0, version);
  return { path, db };
}

/**
 * Columns a later migration dropped (38: households.search_text) or added (39:
 * journey_dates.weeks). A test of an earlier migration opens its fixture at the latest schema, so
 * it compares the rows it kept without them.
 */
export const DROPPED_LATER: Readonly<Record<string, readonly string[]>> = {
  households: ['search_text'],
  journey_dates: ['weeks'],
};

/** Rows of `table` as compared across migrations: every column but those a later migration dropped or added. */
export function keptRows(db: Pick<Database.Database, 'prepare'>, table: string, orderBy: string): unknown[] {
  const dropped = new Set(DROPPED_LATER[table] ?? []);
  const cols = db
    .prepare<[string], string>('SELECT name FROM pragma_table_info(?) ORDER BY cid')
    .pluck()
    .all(table)
    .filter((c) => !dropped.has(c))
    .map((c) => `"${c}"`);
  return db.prepare(`SELECT ${cols.join(', ')} FROM "${table}" ORDER BY ${orderBy}`).all();
}

/**
 * Schema objects later migrations change, left out of a schema compared with an earlier one:
 * 36 adds episodes_by_kinship, 37 drops episodes_by_stage1, 38 remakes households without
 * search_text, 39 adds journey_dates.weeks (their rows are compared by keptRows), 40 swaps
 * households_by_stage_date for households_by_days_in_stage.
 */
const CHANGED_LATER = new Set([
  'episodes_by_kinship',
  'episodes_by_stage1',
  'households',
  'journey_dates',
  'households_by_stage_date',
  'households_by_days_in_stage',
]);
export const withoutLaterChanges = (schema: unknown[]) =>
  (schema as Array<{ name: string }>).filter((o) => !CHANGED_LATER.has(o.name));
