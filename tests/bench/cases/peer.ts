import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { guarded, summaryLine, type BenchEnv, type CaseResult } from '../lib/env.ts';
import { BENCH_DIR, runChild } from '../lib/spawn.ts';
import { max, median, ms1, r2 } from '../lib/stats.ts';

/**
 * Case 7: an analyst's Python script (pandas + openpyxl, Debian's python3-pandas and
 * python3-openpyxl) doing the same 100,000-row import and the funnel table. Skipped, with a
 * message, where no Python with both is installed: the bench never installs anything.
 * Debian's packages live in /usr/bin/python3, which a pyenv `python3` on PATH may hide.
 */
export function findPeer(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import pandas, openpyxl'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}

/** What case 1 compares the app with (issue 12: the app ≤ 0.5× the peer). */
export const PEER_DEFINITION =
  'tests/bench/peer.py: pandas.read_excel(engine="openpyxl") reads the file, pd.to_datetime on every date column, DataFrame.to_sql into a new SQLite file (sqlite3, if_exists="replace"), commit; timed from before the read to after the commit (Debian python3-pandas and python3-openpyxl)';

export interface PeerRun {
  readMs: number;
  importMs: number;
  funnelMs: number;
  rows: number;
  peakRssMb: number;
  versions: { pandas: string; python: string };
}

export function runPeer(py: string, file: string, db: string, today: string): PeerRun {
  const r = spawnSync(py, [join(BENCH_DIR, 'peer.py'), file, db, today], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`peer.py failed: ${r.stderr.trim().split('\n').slice(-5).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as PeerRun;
}

/** The app's funnel over the database its own import of the same file produced (kept by case 1). */
async function appFunnel(env: BenchEnv, importedDb: string) {
  const r = await runChild('report.table', {
    db: importedDb,
    today: env.today,
    table: 'funnel',
    quarterly: false,
  });
  return median(r.times as number[]);
}

export async function peerCases(
  env: BenchEnv,
  app: { importMedianMs: number | null; importedDb: string | null; peerRuns: PeerRun[] },
): Promise<CaseResult[]> {
  const importName = `7 peer: pandas + openpyxl import of the ${env.xlsxRows.toLocaleString('en-GB')}-row xlsx into SQLite`;
  const funnelName = `7 peer: pandas funnel table over the same ${env.xlsxRows.toLocaleString('en-GB')} rows`;
  const goal = 'ratio reported (app ÷ peer; below 1 the app is faster)';
  const py = findPeer();
  if (!py) {
    const msg =
      'skipped: no Python with pandas and openpyxl (apt-get install python3-pandas python3-openpyxl)';
    env.log(msg);
    return [importName, funnelName].map((name) => ({
      name,
      median_ms: null,
      max_ms: null,
      peak_rss_mb: null,
      floor_ms: null,
      ratio: null,
      goal,
      holds: false,
      note: msg,
    }));
  }
  // Case 1 ran the peer between its own runs (same load); only without them does this run it.
  const runs: PeerRun[] = [...app.peerRuns];
  const failed = await guarded(importName, goal, async () => {
    while (runs.length < env.reps) runs.push(runPeer(py, env.xlsx, join(env.dir, 'peer.db'), env.today));
    return null as never;
  });
  if (runs.length < env.reps) return [failed, { ...failed, name: funnelName }];
  const imports = runs.map((r) => r.importMs);
  const funnels = runs.map((r) => r.funnelMs);
  const rss = Math.round(Math.max(...runs.map((r) => r.peakRssMb)));
  const v = runs[0]!.versions;
  const appFunnelMs = app.importedDb ? await appFunnel(env, app.importedDb).catch(() => null) : null;
  const out: CaseResult[] = [
    {
      name: importName,
      median_ms: ms1(median(imports)),
      max_ms: ms1(max(imports)),
      peak_rss_mb: rss,
      floor_ms: null,
      ratio: app.importMedianMs === null ? null : r2(app.importMedianMs / median(imports)),
      goal,
      holds: app.importMedianMs !== null,
      runs: runs.length,
      app_median_ms: app.importMedianMs === null ? null : ms1(app.importMedianMs),
      note: `${app.peerRuns.length ? "runs taken between case 1's app runs; " : ''}pandas ${v.pandas}, Python ${v.python}; of which openpyxl read ${ms1(median(runs.map((r) => r.readMs)))} ms; the peer only loads the sheet as one table (no validation, matching or households)${app.importMedianMs === null ? '; app import not measured (feature missing), so no ratio' : ''}`,
    },
    {
      name: funnelName,
      median_ms: ms1(median(funnels)),
      max_ms: ms1(max(funnels)),
      peak_rss_mb: rss,
      floor_ms: null,
      ratio: appFunnelMs === null ? null : r2(appFunnelMs / median(funnels)),
      goal,
      holds: appFunnelMs !== null,
      runs: runs.length,
      app_median_ms: appFunnelMs === null ? null : ms1(appFunnelMs),
      note: `pandas over the DataFrame already in memory (read excluded); app: reports.getTable funnel over the database its import of the same file made${appFunnelMs === null ? '; app funnel not measured (import or reports missing), so no ratio' : ''}`,
    },
  ];
  out.forEach((c) => env.log(summaryLine(c)));
  return out;
}

export const peerTasks = {};
