import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { guarded, summaryLine, type BenchEnv, type CaseResult } from '../lib/env.ts';
import { BENCH_DIR } from '../lib/spawn.ts';
import { max, median, ms1, r2 } from '../lib/stats.ts';

/**
 * Case 8 (issue 11): how long the CLI takes to start, as a user runs it: `fostering-funnel
 * status` on an empty database, against the floor `node -e "require('better-sqlite3')"` (Node
 * starting and loading the one native module every command needs). Runs alternate, so both
 * meet the same machine load; the first CLI run (which may build the app and fills V8's compile
 * cache) is not counted.
 */
const ROOT = join(BENCH_DIR, '../..');
const CLI = join(ROOT, 'bin/fostering-funnel.js');
const RUNS = 15;

const FLOOR_DEFINITION = `node -e "require('better-sqlite3')" (the same Node, the same working directory)`;

function timedRun(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(
      `${args.join(' ')} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  return ms;
}

export async function cliCases(env: BenchEnv): Promise<CaseResult[]> {
  const name = '8 CLI start-up: status on an empty database';
  const goal = '≤ 3× the floor (Node loading better-sqlite3)';
  const result = await guarded(name, goal, async () => {
    const db = join(env.dir, 'cli-empty.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    rmSync(`${db}-backups`, { recursive: true, force: true });
    timedRun([CLI, 'init', '--db', db]);
    timedRun([CLI, 'status', '--db', db]); // warm-up: a build if the sources changed, the compile cache
    const app: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      app.push(timedRun([CLI, 'status', '--db', db]));
      floor.push(timedRun(['-e', "require('better-sqlite3')"]));
    }
    const med = median(app);
    const f = median(floor);
    return {
      name,
      median_ms: ms1(med),
      max_ms: ms1(max(app)),
      peak_rss_mb: null,
      floor_ms: ms1(f),
      ratio: r2(med / f),
      goal,
      holds: med <= 3 * f,
      runs: RUNS,
      floor_definition: FLOOR_DEFINITION,
      note: `wall time of each process from spawn to exit (node bin/fostering-funnel.js status --db EMPTY), ${RUNS} runs of each alternating, after one untimed warm-up run`,
    };
  });
  env.log(summaryLine(result));
  return [result];
}
