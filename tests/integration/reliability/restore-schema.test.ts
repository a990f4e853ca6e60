import Database from 'better-sqlite3';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { schemaDifferences } from '../../../src-main/db/schema-check.ts';
import { hashDb } from '../imports/fixtures.ts';
import { tempDir, testApp } from '../../support/temp.ts';

/**
 * Issue 13, finding 6: a restore accepts only a file whose tables, indexes, triggers and
 * views are exactly the app's for its schema version. A backup carrying one extra trigger
 * that ignores updates to households restored before, and then a purge "erased" names that
 * stayed.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures/schema');

const doctor = (path: string, sql: string) => {
  const db = new Database(path);
  db.exec(sql);
  db.close();
};

describe('restore checks the schema, not only the version', () => {
  it('refuses a backup with an extra BEFORE UPDATE … RAISE(IGNORE) trigger, replacing nothing', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 12, seed: 3 });
    const backup = await app.call('data.backupNow', {});
    const doctored = join(app.dir, 'doctored.db');
    copyFileSync(backup.path, doctored);
    doctor(
      doctored,
      'CREATE TRIGGER keep_names BEFORE UPDATE ON households BEGIN SELECT RAISE(IGNORE); END;',
    );
    const before = hashDb(app.dbPath);
    await expect(app.call('data.restoreBackup', { path: doctored })).rejects.toThrow(
      `${doctored} does not have Fostering Funnel's own schema for version ${LATEST_VERSION} (it has an extra trigger keep_names)`,
    );
    expect(hashDb(app.dbPath)).toBe(before);
    expect(readdirSync(app.dir).filter((f) => f.includes('.restore-'))).toEqual([]);
    // The untouched backup still restores.
    await expect(app.call('data.restoreBackup', { path: backup.path })).resolves.toMatchObject({
      households: 12,
    });
  });

  it('refuses an extra view or table, a dropped index and a changed table', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 5, seed: 4 });
    const backup = await app.call('data.backupNow', {});
    const cases: Array<[string, string, RegExp]> = [
      ['view.db', 'CREATE VIEW everyone AS SELECT * FROM households;', /an extra view everyone/],
      ['table.db', 'CREATE TABLE stash (v TEXT);', /an extra table stash/],
      ['index.db', 'DROP INDEX households_by_email_nocase;', /no index households_by_email_nocase/],
      ['column.db', 'ALTER TABLE households ADD COLUMN shadow TEXT;', /a changed table households/],
    ];
    for (const [name, sql, message] of cases) {
      const path = join(app.dir, name);
      copyFileSync(backup.path, path);
      doctor(path, sql);
      await expect(app.call('data.restoreBackup', { path }), name).rejects.toThrow(message);
    }
  });

  it("accepts the app's own schema at every version: fresh, and each shipped fixture", async () => {
    const fresh = await openDatabase(join(tempDir(), 'fresh.db'));
    expect(schemaDifferences(fresh, LATEST_VERSION)).toEqual([]);
    fresh.close();
    for (const file of readdirSync(FIXTURES).filter((f) => /^v\d+\.db$/.test(f))) {
      const db = new Database(join(FIXTURES, file), { readonly: true });
      const version = db.pragma('user_version', { simple: true }) as number;
      expect(schemaDifferences(db, version), file).toEqual([]);
      db.close();
    }
  });
});
