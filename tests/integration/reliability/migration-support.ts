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
