import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { createContext, type AppContext } from '../../src-main/api/context.ts';
import { dispatch } from '../../src-main/api/registry.ts';
import type { Input, MethodName, Output } from '../../src-main/contract/index.ts';
import { Store } from '../../src-main/db/store.ts';
import { setClock, today as clockToday } from '../../src-main/clock.ts';
import { TEST_NOW } from './clock-setup.ts';

// Resources made inside a test (its beforeEach hooks, the test itself, its afterEach hooks) are
// cleaned after it; those made outside any test (a suite's beforeAll, at collection), after the
// file. Whether a test is running is recorded by these hooks themselves: they are registered at
// the file's top level before any of its own (imports run first), so this beforeEach runs before
// every other and this afterEach after every other. expect.getState().currentTestName is no
// guide: it keeps the last test's name into the next describe's beforeAll.
const perTest: Array<() => void> = [];
const perFile: Array<() => void> = [];
let inTest = false;
beforeEach(() => {
  inTest = true;
});
afterEach(() => {
  try {
    while (perTest.length) perTest.pop()!();
  } finally {
    inTest = false;
  }
});
afterAll(() => {
  while (perFile.length) perFile.pop()!();
});
const cleanups = {
  push: (fn: () => void) => (inTest ? perTest : perFile).push(fn),
};

/** A fresh folder removed after the test. */
export function tempDir(prefix = 'ff-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestApp {
  ctx: AppContext;
  dbPath: string;
  dir: string;
  /** Calls a method through the real dispatcher (validation included). */
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Writes a file (a csv to import) into the test's folder; returns its path. */
  file(name: string, text: string): string;
}

/**
 * A real SQLite file in a temp folder, opened as the app opens it. "Today" is the suite's fixed
 * day unless the test names another, in which case the whole core's clock moves there for the test.
 * `from` starts it as a copy of that database file (closed), not an empty one.
 */
export async function testApp(
  options: { today?: string; user?: string; from?: string } = {},
): Promise<TestApp> {
  if (options.today) {
    setClock(options.today);
    cleanups.push(() => setClock(TEST_NOW));
  }
  const dir = tempDir();
  const dbPath = join(dir, 'test.db');
  // A copy of a database made once for many tests (closed first, so it is whole without its -wal),
  // opened without the day's backup a fresh start would not make either.
  if (options.from) copyFileSync(options.from, dbPath);
  const store = await Store.open(dbPath, options.from ? { dailyBackup: false } : {});
  cleanups.push(() => store.close());
  const ctx = createContext(
    store,
    { realDbPath: dbPath, sampleDbPath: join(dir, 'sample.db') },
    { today: clockToday, user: options.user ?? 'tester' },
  );
  return {
    ctx,
    dbPath,
    dir,
    call: async (method, input) => (await dispatch(ctx, method, input)) as never,
    file: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

/**
 * The import job once it has stopped running (its preview ready, committed, failed or cancelled),
 * asked again after a real pause each time, so the worker's messages can arrive.
 */
export async function jobSettled(app: TestApp, jobId: string) {
  for (;;) {
    const job = await app.call('imports.getJob', { jobId });
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The preview of a file, the kind found from its columns: the job must be ready. */
export async function previewOf(app: TestApp, path: string) {
  const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
  const job = await jobSettled(app, started.jobId);
  if (job.state !== 'ready') throw new Error(`The preview of ${path} ended ${job.state}.`);
  return job.preview!;
}
