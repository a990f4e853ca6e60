/**
 * The process the crash harness kills. It opens the database as the app does and writes
 * through the API dispatcher, forever, until SIGKILL arrives:
 *   CRASH_MODE=sample  - `system.generateSample` batches of CRASH_BATCH households (one transaction each)
 *   CRASH_MODE=restore - `data.restoreBackup` alternating between CRASH_BACKUP_A and CRASH_BACKUP_B
 * It prints "ready" once the database is open, then "step N" after each committed write.
 */
import { createContext } from '../../../src-main/api/context.ts';
import { dispatch } from '../../../src-main/api/registry.ts';
import { Store } from '../../../src-main/db/store.ts';

const env = process.env;
const dbPath = env.CRASH_DB!;
const mode = env.CRASH_MODE ?? 'sample';
const batch = Number(env.CRASH_BATCH ?? 25);
const seed = Number(env.CRASH_SEED ?? 1);

const store = await Store.open(dbPath, { dailyBackup: false });
const ctx = createContext(
  store,
  { realDbPath: dbPath, sampleDbPath: dbPath + '.sample' },
  { today: () => '2026-11-26', user: 'crash-child' },
);
const call = (method: string, input: unknown) => dispatch(ctx, method, input);
process.stdout.write('ready\n');

for (let step = 1; ; step++) {
  if (mode === 'sample') {
    await call('system.generateSample', { households: batch, seed: seed * 100_000 + step });
  } else if (mode === 'restore') {
    await call('data.restoreBackup', { path: step % 2 ? env.CRASH_BACKUP_A! : env.CRASH_BACKUP_B! });
  } else {
    throw new Error(`Unknown CRASH_MODE ${mode}`);
  }
  process.stdout.write(`step ${step}\n`);
}
