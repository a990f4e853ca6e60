/**
 * The process the crash harness kills. It opens the database as the app does and writes
 * through the API dispatcher, forever, until SIGKILL arrives:
 *   CRASH_MODE=sample  - `system.generateSample` batches of CRASH_BATCH households (one transaction each)
 *   CRASH_MODE=restore - `data.restoreBackup` alternating between CRASH_BACKUP_A and CRASH_BACKUP_B
 *   CRASH_MODE=edits   - journey edits: `households.createHousehold`, `recordMilestone`, `closeHousehold`
 *   CRASH_MODE=import  - `imports.importFile` of a fresh CSV of CRASH_BATCH new enquiries (one batch each)
 * It prints "ready" once the database is open, then "step N" after each committed write.
 */
import { writeFileSync } from 'node:fs';
import { createContext } from '../../../src-main/api/context.ts';
import { dispatch, loadGroup } from '../../../src-main/api/registry.ts';
import { Store } from '../../../src-main/db/store.ts';
import { createRandom } from '../../../src-main/sample/random.ts';

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
const random = createRandom(seed);
const NEXT: Record<string, string> = {
  enquiry: 'eoi',
  eoi: 'stage1',
  stage1: 'stage2',
  stage2: 'panel',
  panel: 'approval',
};

/**
 * One journey edit: a new enquiry (always when few households are open, else one in five),
 * or on a random open household the next milestone or (one in four) a closure.
 */
async function journeyEdit(step: number): Promise<void> {
  const db = store.db;
  const open = db.prepare("SELECT COUNT(*) FROM households WHERE status = 'open'").pluck().get() as number;
  if (open < 20 || random.chance(0.2)) {
    await call('households.createHousehold', {
      enquiryDate: '2026-10-01',
      firstName: `Edit${seed}`,
      surname: `Step${step}`,
      email: `edit${seed}.${step}@example.org`,
      confirmDuplicates: true,
    });
    return;
  }
  const h = db
    .prepare(
      "SELECT id, stage, stage_date FROM households WHERE status = 'open' ORDER BY id LIMIT 1 OFFSET ?",
    )
    .get(random.int(0, open - 1)) as { id: number; stage: string; stage_date: string };
  try {
    if (random.chance(0.25) && h.stage !== 'approval') {
      await call('households.closeHousehold', {
        id: h.id,
        date: h.stage_date,
        reasonKey: 'other',
        endedBy: 'applicant',
        notes: 'Closed by the crash harness',
      });
    } else if (NEXT[h.stage]) {
      await call('households.recordMilestone', { id: h.id, kind: NEXT[h.stage], date: h.stage_date });
    }
  } catch (e) {
    // A rule refusal (e.g. an order rule) writes nothing; anything else is a real failure.
    if ((e as { name?: string }).name !== 'ApiError') throw e;
  }
}

/** A CSV of `batch` new enquiries with references unique to this step. */
function csvFor(step: number): string {
  const path = `${dbPath}.import-${step}.csv`;
  const rows = ['Reference,Enquiry date,First name,Surname,Email'];
  for (let i = 1; i <= batch; i++) {
    rows.push(
      `CR${seed}-${step}-${i},0${1 + (i % 9)}/05/2025,Test${i},Crash${step},crash${step}.${i}@example.org`,
    );
  }
  writeFileSync(path, rows.join('\r\n') + '\r\n');
  return path;
}
// "ready" means ready to write: the dispatcher loads a method group (and the sample generator) on
// its first call, which on a busy machine can outlast a short kill delay and leave nothing committed.
await Promise.all(['system', 'households', 'imports', 'data'].map((g) => loadGroup(g)));
await import('../../../src-main/sample/generate.ts');
process.stdout.write('ready\n');

for (let step = 1; ; step++) {
  if (mode === 'sample') {
    await call('system.generateSample', { households: batch, seed: seed * 100_000 + step });
  } else if (mode === 'restore') {
    await call('data.restoreBackup', { path: step % 2 ? env.CRASH_BACKUP_A! : env.CRASH_BACKUP_B! });
  } else if (mode === 'edits') {
    await journeyEdit(step);
  } else if (mode === 'import') {
    const r = (await call('imports.importFile', { path: csvFor(step), kind: 'enquiries' })) as {
      new: number;
    };
    if (r.new !== batch) throw new Error(`Import step ${step} added ${r.new} households, not ${batch}.`);
  } else {
    throw new Error(`Unknown CRASH_MODE ${mode}`);
  }
  process.stdout.write(`step ${step}\n`);
}
