import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext } from '../../src-main/api/context.ts';
import { dispatch } from '../../src-main/api/registry.ts';
import { Store } from '../../src-main/db/store.ts';
import type { TestApp } from './temp.ts';

let copies = 0;

/**
 * An index a later migration made cannot be in a file of `version`, which that migration, run
 * again, would stop at: migration 27 remakes the episodes table with its own columns and then
 * every index it finds, so migration 28's index (on 28's columns, which 27 leaves out) would stop
 * it (28 makes the index again); migration 40 makes its index where the file holds the one it
 * takes the place of.
 */
export function laterIndexesUndone(raw: Database.Database, version: number): void {
  if (version < 28) raw.exec('DROP INDEX IF EXISTS episodes_by_closure_interview');
  if (version < 40)
    raw.exec(`DROP INDEX IF EXISTS households_by_days_in_stage;
      CREATE INDEX IF NOT EXISTS households_by_stage_date ON households (stage_date)`);
}

/**
 * `read` of a copy of the app's file as schema `version` held it (`sql` puts back what that
 * version stored), opened again, so migrated: through the contract, as the app reads it.
 */
export async function asFromSchema<T>(
  app: TestApp,
  version: number,
  sql: string,
  read: (a: Pick<TestApp, 'call'>) => Promise<T>,
): Promise<T> {
  app.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
  const path = join(app.dir, `v${version}-${++copies}.db`);
  copyFileSync(app.dbPath, path);
  const raw = new Database(path);
  laterIndexesUndone(raw, version);
  raw.exec(sql);
  raw.pragma(`user_version = ${version}`);
  raw.close();
  const store = await Store.open(path);
  try {
    const ctx = createContext(
      store,
      { realDbPath: path, sampleDbPath: join(app.dir, 'sample.db') },
      { today: () => app.ctx.today(), user: 'tester' },
    );
    return await read({ call: async (method, input) => (await dispatch(ctx, method, input)) as never });
  } finally {
    store.close();
  }
}
