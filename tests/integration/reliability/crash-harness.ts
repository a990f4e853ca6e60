import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createRandom } from '../../../src-main/sample/random.ts';
import { ROOT } from '../../e2e/harness.ts';

const CHILD = join(import.meta.dirname, 'crash-child.ts');

/** Kills per run: CRASH_KILLS, or the short default for the normal suite (`npm run soak` sets 100). */
export const crashKills = (fallback: number): number => Number(process.env.CRASH_KILLS ?? fallback);
export const crashSeed = (): number => Number(process.env.CRASH_SEED ?? 20261126);

export interface KillOutcome {
  /** Writes the child reported committed before it died. */
  steps: number;
  delayMs: number;
}

/**
 * Starts the child on `dbPath`, waits until it has the database open, lets it write for
 * a random moment (from the seeded generator) and kills it with SIGKILL: it and every process it
 * started. The child is the leader of a process group of its own, and the whole group is killed:
 * an import is planned and committed by a worker process the app forks, and killing the app alone
 * left that worker to finish its commit while the checks were reading the file (seen once in CI:
 * the households counted before the commit, the batches after it).
 */
export function runAndKill(
  dbPath: string,
  env: Record<string, string>,
  delayMs: number,
): Promise<KillOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, ...env, CRASH_DB: dbPath },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const kill = () => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already
      }
    };
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(kill, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const before = out;
      out += chunk.toString();
      if (!before.includes('ready\n') && out.includes('ready\n')) {
        timer = setTimeout(kill, delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`The crash child ended by itself (code ${code}): ${err.slice(0, 2000)}`));
        return;
      }
      resolve({ steps: (out.match(/^step /gm) ?? []).length, delayMs });
    });
  });
}

/** Delays for each kill, from the fixed seed: reproducible runs. */
export function killDelays(count: number, seed: number, maxMs: number): number[] {
  const r = createRandom(seed);
  return Array.from({ length: count }, () => r.int(0, maxMs));
}

/** integrity_check and foreign_key_check after recovery (the open replays or drops the WAL). */
export function checkIntegrity(dbPath: string): { integrity: string; foreignKeyErrors: number } {
  const db = new Database(dbPath);
  try {
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      foreignKeyErrors: (db.pragma('foreign_key_check') as unknown[]).length,
    };
  } finally {
    db.close();
  }
}
