import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openImportFile } from '../../../src-main/import/read/open-file.ts';
import { lastWorkerUsage } from '../../../src-main/import/jobs.ts';
import { openApp } from '../lib/app.ts';
import {
  firstMissing,
  guarded,
  missingCase,
  summaryLine,
  type BenchEnv,
  type CaseResult,
} from '../lib/env.ts';
import { runChild, type ChildResult } from '../lib/spawn.ts';
import { max, median, ms1, r2 } from '../lib/stats.ts';
import { floorImport, IMPORT_FLOOR } from './import-floor.ts';
import { findPeer, PEER_DEFINITION, runPeer, type PeerRun } from './peer.ts';

/**
 * Cases 1–3: the import as the app runs it, `imports.importFile` (read, map, plan against the
 * database in the import worker process, then commit in one transaction), each run in a fresh
 * process on a fresh copy of its starting database.
 */
interface ImportCounts {
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
  errors: Array<{ row: number | null; column: string | null; message: string }>;
  warnings: unknown[];
}

const clean = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};

/** Imports `file` into `db` (fresh, or a copy of `from`); with `measureRead`, also times the file read alone. */
async function appImport(args: {
  file: string;
  db: string;
  from?: string;
  today: string;
  measureRead?: boolean;
  /** The built import worker to start (BenchEnv.importWorker); without it, the source's. */
  worker?: string | null;
  /**
   * Run the import in this process, as FOSTERING_FUNNEL_IMPORT_WORKER=off does, and accept it:
   * for tests/bench/sql-profile.ts, which must see every statement. Never for a timed case.
   */
  inline?: boolean;
}) {
  clean(args.db);
  if (args.inline) process.env.FOSTERING_FUNNEL_IMPORT_WORKER = 'off';
  else if (args.worker) process.env.FOSTERING_FUNNEL_IMPORT_WORKER = args.worker;
  if (args.from) {
    copyFileSync(args.from, args.db);
    if (existsSync(`${args.from}-wal`)) copyFileSync(`${args.from}-wal`, `${args.db}-wal`);
  }
  const app = await openApp(args.db, args.today);
  const usageBefore = lastWorkerUsage();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await app.call<ImportCounts>('imports.importFile', { path: args.file });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // The import's own peak, taken before the separate read below can add to it: the app's process
  // and its import worker process, added (an upper bound: their peaks need not coincide).
  const appPeakRssMb = process.resourceUsage().maxRSS / 1024;
  const worker = lastWorkerUsage();
  // The app imports in a worker process; where one cannot start it falls back to its own process
  // (import/jobs.ts). A bench run that fell back (a copied worker bundle that cannot find
  // better-sqlite3 did, unseen, in an earlier session's A/B runs) would time another path.
  const ran = worker && worker !== usageBefore ? worker : null;
  if (!ran && !args.inline) {
    app.close();
    throw new Error(
      "the import ran in the app's process, not in its worker (the worker could not start): not the app's path, so not timed",
    );
  }
  const workerPeakRssMb = ran?.peakRssMb ?? 0;
  const importPeakRssMb = appPeakRssMb + workerPeakRssMb;
  const stored = app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get() as number;
  app.close();
  let readMs: number | null = null;
  if (args.measureRead) {
    // The file read alone (bytes → every raw row, as the import does it), after the import.
    const t = performance.now();
    const file = openImportFile(args.file);
    let n = 0;
    for (const sheet of file.sheets) for (const _row of sheet.rows()) n++;
    readMs = performance.now() - t;
    if (n === 0) throw new Error('the file read found no rows');
  }
  return {
    ms,
    // The app's process and its import worker process: shows how much of the wall time was waiting.
    cpuMs: (cpu.user + cpu.system) / 1000 + (ran?.cpuMs ?? 0),
    readMs,
    importPeakRssMb,
    appPeakRssMb,
    workerPeakRssMb,
    stored,
    counts: {
      rows: result.rows,
      new: result.new,
      updated: result.updated,
      unchanged: result.unchanged,
      duplicates: result.duplicates,
      rejected: result.rejected,
    },
    firstErrors: result.errors.slice(0, 3),
    warnings: result.warnings.length,
  };
}

export const importTasks = {
  'import.app': appImport,
  'import.floor': floorImport,
};

const countsNote = (r: ChildResult) => {
  const c = r.counts as ImportCounts;
  const errs = (r.firstErrors as ImportCounts['errors']).map((e) => `row ${e.row} ${e.column}: ${e.message}`);
  return `rows ${c.rows}: new ${c.new}, updated ${c.updated}, unchanged ${c.unchanged}, duplicates ${c.duplicates}, rejected ${c.rejected}; ${r.warnings as number} warnings${errs.length ? `; first errors: ${errs.join(' | ')}` : ''}`;
};

export interface ImportOutcome {
  cases: CaseResult[];
  /** For case 7: the app's median import time, the database it produced and the peer's runs. */
  xlsxMedianMs: number | null;
  importedDb: string | null;
  peerRuns: PeerRun[];
}

/** `wants(n)`: whether case n was asked for (case 1 also runs when 3 or 7 need its database). */
export async function importCases(env: BenchEnv, wants: (n: number) => boolean): Promise<ImportOutcome> {
  const rows = env.xlsxRows.toLocaleString('en-GB');
  const name1 = `1 xlsx import, ${rows} enquiry rows × 15 columns, empty database`;
  const goal1 = '≤ 1.3× the floor, ≤ 0.5× the pandas + openpyxl + to_sql peer, peak RSS < 600 MB';
  const name2 = `2 csv import, ${env.csvRows.toLocaleString('en-GB')} rows × 12 columns, empty database`;
  const goal2 = '≥ 50,000 rows/s';
  const name3 = `3 re-import of the same ${rows}-row xlsx, all unchanged`;
  const goal3 = '< 20% of the first import (whole wall time of each, file read included)';
  const gone = firstMissing('imports.importFile');
  if (gone) {
    const why = `no ${gone} method`;
    return {
      cases: [missingCase(name1, goal1, why), missingCase(name2, goal2, why), missingCase(name3, goal3, why)],
      xlsxMedianMs: null,
      importedDb: null,
      peerRuns: [],
    };
  }
  const importedDb = join(env.dir, 'imported-xlsx.db');
  const work = join(env.dir, 'work.db');
  const out: CaseResult[] = [];
  let first: ChildResult[] = [];
  const peerRuns: PeerRun[] = [];

  // Case 1: app, floor and peer runs taken in turn, so all three meet the same machine load.
  if (wants(1) || wants(3) || wants(7)) {
    const py = findPeer();
    out.push(
      await guarded(name1, goal1, async () => {
        const floors: ChildResult[] = [];
        for (let i = 0; i < env.importReps; i++) {
          first.push(
            await runChild('import.app', {
              file: env.xlsx,
              db: importedDb,
              today: env.today,
              measureRead: true,
              worker: env.importWorker,
            }),
          );
          floors.push(await runChild('import.floor', { file: env.xlsx, db: work, columns: 15 }));
          if (py) peerRuns.push(runPeer(py, env.xlsx, join(env.dir, 'peer.db'), env.today));
        }
        clean(work);
        const times = first.map((r) => r.ms as number);
        const floor = median(floors.map((r) => r.ms as number));
        const med = median(times);
        const peer = peerRuns.length ? median(peerRuns.map((r) => r.importMs)) : null;
        const rss = Math.max(...first.map((r) => r.importPeakRssMb as number));
        const holds = {
          floor: med <= 1.3 * floor,
          peer: peer !== null && med <= 0.5 * peer,
          rss: rss < 600,
        };
        return {
          name: name1,
          median_ms: ms1(med),
          max_ms: ms1(max(times)),
          peak_rss_mb: Math.round(rss),
          app_peak_rss_mb: Math.round(Math.max(...first.map((r) => r.appPeakRssMb as number))),
          worker_peak_rss_mb: Math.round(Math.max(...first.map((r) => r.workerPeakRssMb as number))),
          floor_ms: ms1(floor),
          ratio: r2(med / floor),
          goal: goal1,
          holds: holds.floor && holds.peer && holds.rss,
          goals_held: holds,
          floor_definition: IMPORT_FLOOR.definition,
          runs: times.length,
          // Every round, in the order run, so the spread behind each median can be read.
          runs_ms: times.map(ms1),
          floor_runs_ms: floors.map((r) => ms1(r.ms as number)),
          peer_runs_ms: peerRuns.map((r) => ms1(r.importMs)),
          floor_peak_rss_mb: Math.round(Math.max(...floors.map((r) => r.peakRssMb))),
          floor_read_ms: ms1(median(floors.map((r) => r.readMs as number))),
          peer_ms: peer === null ? null : ms1(peer),
          peer_ratio: peer === null ? null : r2(med / peer),
          peer_definition: PEER_DEFINITION,
          cpu_ms: ms1(median(first.map((r) => r.cpuMs as number))),
          floor_cpu_ms: ms1(median(floors.map((r) => r.cpuMs as number))),
          read_ms: ms1(median(first.map((r) => r.readMs as number))),
          note: `imports.importFile (worker process: read, plan, then one-transaction commit; peak RSS is the app's and the worker's added); ${countsNote(first[0]!)}; runs of the app, the floor and the peer alternate${py ? '' : '; peer not measured: no Python with pandas and openpyxl (apt-get install python3-pandas python3-openpyxl)'}`,
        };
      }),
    );
    env.log(summaryLine(out[0]!));
    if (first.length < env.importReps) first = [];
  }

  // Case 2: fewer runs at full scale (each is a 1,000,000-row import), said in the note.
  if (wants(2)) {
    out.push(
      await guarded(name2, goal2, async () => {
        const runs: ChildResult[] = [];
        const floors: ChildResult[] = [];
        for (let i = 0; i < env.bigReps; i++) {
          // A run over 150 s is not repeated at full scale: the whole bench must fit ~25 minutes.
          if (i > 0 && env.scale === 'full' && (runs[0]!.ms as number) > 150_000) break;
          runs.push(
            await runChild('import.app', {
              file: env.csv,
              db: work,
              today: env.today,
              worker: env.importWorker,
            }),
          );
          floors.push(await runChild('import.floor', { file: env.csv, db: work, columns: 12 }));
        }
        clean(work);
        const times = runs.map((r) => r.ms as number);
        const med = median(times);
        const floor = median(floors.map((r) => r.ms as number));
        const rate = env.csvRows / (med / 1000);
        return {
          name: name2,
          median_ms: ms1(med),
          max_ms: ms1(max(times)),
          peak_rss_mb: Math.round(Math.max(...runs.map((r) => r.importPeakRssMb as number))),
          floor_ms: ms1(floor),
          ratio: r2(med / floor),
          goal: goal2,
          holds: rate >= 50_000,
          runs: times.length,
          rows_per_s: Math.round(rate),
          floor_definition: IMPORT_FLOOR.csvDefinition,
          cpu_ms: ms1(median(runs.map((r) => r.cpuMs as number))),
          floor_cpu_ms: ms1(median(floors.map((r) => r.cpuMs as number))),
          floor_peak_rss_mb: Math.round(Math.max(...floors.map((r) => r.peakRssMb))),
          note: `${Math.round(rate).toLocaleString('en-GB')} rows/s; ${countsNote(runs[0]!)}${runs.length < 3 ? `; ${runs.length} app runs only (each reads the whole 1,000,000-row file)` : ''}`,
        };
      }),
    );
    env.log(summaryLine(out[out.length - 1]!));
  }

  // Case 3: re-import onto a copy of the database the first import made.
  if (wants(3)) {
    out.push(
      await guarded(name3, goal3, async () => {
        if (first.length === 0)
          throw new Error('case 1 did not complete, so there is nothing to re-import onto');
        const runs: ChildResult[] = [];
        for (let i = 0; i < env.reps; i++) {
          runs.push(
            await runChild('import.app', {
              file: env.xlsx,
              db: work,
              from: importedDb,
              today: env.today,
              measureRead: true,
              worker: env.importWorker,
            }),
          );
        }
        clean(work);
        const read = median([...first, ...runs].map((r) => r.readMs as number));
        const times = runs.map((r) => r.ms as number);
        const med = median(times);
        const firstMs = median(first.map((r) => r.ms as number));
        const c = runs[0]!.counts as ImportCounts;
        return {
          name: name3,
          median_ms: ms1(med),
          max_ms: ms1(max(times)),
          peak_rss_mb: Math.round(Math.max(...runs.map((r) => r.importPeakRssMb as number))),
          floor_ms: ms1(firstMs),
          ratio: r2(med / firstMs),
          goal: goal3,
          holds: med / firstMs < 0.2 && c.unchanged === c.rows - c.rejected - c.duplicates,
          runs: times.length,
          read_ms: ms1(read),
          ratio_without_read: r2((med - read) / (firstMs - read)),
          note: `ratio = re-import ÷ first import (case 1's median, same run), both whole imports through imports.importFile; floor_ms is the first import; ratio_without_read takes the file read (${ms1(read)} ms) off both; ${countsNote(runs[0]!)}`,
        };
      }),
    );
    env.log(summaryLine(out[out.length - 1]!));
  }
  return {
    cases: out,
    xlsxMedianMs: first.length ? median(first.map((r) => r.ms as number)) : null,
    importedDb: first.length ? importedDb : null,
    peerRuns,
  };
}
