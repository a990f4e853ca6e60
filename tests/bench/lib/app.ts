import { dirname, join } from 'node:path';
import { createContext, type AppContext } from '../../../src-main/api/context.ts';
import { dispatch, loadEveryGroup } from '../../../src-main/api/registry.ts';
import { Store } from '../../../src-main/db/store.ts';

export interface BenchApp {
  ctx: AppContext;
  /** Through the real dispatcher, as every transport calls it (schema validation included). */
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  close(): void;
}

/**
 * Opens a database as the app does, minus the daily backup (which would copy a 1 GB file per case).
 * Every method group is loaded before anything is timed, as the window and the browser-mode server
 * load them once listening (registry.ts loadEveryGroup): a user's first import or report never
 * waits for its code. Here the code is the TypeScript source, so a group loaded by the first timed
 * call was compiled by tsx inside the measurement, which the built app never does (the imports
 * group: some 200 ms of each import's time, more than 10 % of an unchanged re-import).
 */
export async function openApp(dbPath: string, today: string): Promise<BenchApp> {
  await loadEveryGroup();
  const store = await Store.open(dbPath, { dailyBackup: false });
  const ctx = createContext(
    store,
    { realDbPath: dbPath, sampleDbPath: join(dirname(dbPath), 'unused-sample.db') },
    { today: () => today, user: 'bench' },
  );
  return {
    ctx,
    call: async <T>(method: string, input: unknown) => (await dispatch(ctx, method, input)) as T,
    close: () => store.close(),
  };
}
