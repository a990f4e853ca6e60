/**
 * `npm run bench` (full scale) or `npm run bench -- --quick` (1/10 scale).
 *
 * Makes its own data (the product's sample generator; SheetJS for the xlsx and csv exports),
 * runs every case (issues 8, 11 and 12) in child processes, several times each, with its floor measured
 * in the same run on the same data, then writes bench-results.json at the repository root
 * and a table to stdout. Options:
 *   --quick          1/10 scale: 100,000 households, 10,000-row xlsx, 100,000-row csv
 *   --only=1,4,7     run only these cases (results printed, bench-results.json left alone)
 *   --data=DIR       where the data lives (default: the OS temp folder)
 *   --fresh          regenerate the data even when DIR holds data made by the same code
 *   --reuse-data     development only: reuse DIR's data even if the generator or schema changed since
 *   --out=FILE       write the results here instead of bench-results.json
 *   --markdown       also print the README's Performance table
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../../src-main/db/migrations/index.ts';
import { browserCases } from './cases/browser.ts';
import { cliCases } from './cases/cli.ts';
import { importCases, type ImportOutcome } from './cases/import.ts';
import { listCases } from './cases/list.ts';
import { peerCases } from './cases/peer.ts';
import { reportCases } from './cases/reports.ts';
import { firstMissing, type BenchEnv, type CaseResult, type Scale } from './lib/env.ts';
import { runChild } from './lib/spawn.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;

const scale: Scale = flag('quick') ? 'quick' : 'full';
const only = option('only')
  ?.split(',')
  .map((s) => Number(s.trim()))
  .filter(Boolean);
const wants = (n: number) => !only || only.includes(n);
const started = Date.now();
const log = (line: string) =>
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

const SIZES = {
  full: { households: 1_000_000, xlsxRows: 100_000, csvRows: 1_000_000, reps: 3, bigReps: 2, importReps: 7 },
  quick: { households: 100_000, xlsxRows: 10_000, csvRows: 100_000, reps: 3, bigReps: 3, importReps: 3 },
}[scale];

/**
 * Everything whose change changes the data: the generator, the schema, the export writer. The
 * schema counts by its migrations' names, not their text: a shipped migration never changes
 * (only its comments may), and a comment must not force a seven-minute remake of the data.
 */
function dataKey(today: string): string {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(join(ROOT, 'src-main/sample')).map((f) => `src-main/sample/${f}`),
    'src-main/domain/summary.ts',
    'tests/bench/data.ts',
  ];
  for (const f of files.sort()) hash.update(f).update(readFileSync(join(ROOT, f)));
  for (const m of readdirSync(join(ROOT, 'src-main/db/migrations')).sort()) hash.update(m);
  return `${scale}:${today}:v${LATEST_VERSION}:${hash.digest('hex').slice(0, 16)}`;
}

interface Manifest {
  key: string;
  madeAt: string;
  generateMs: number;
  firstListCallMs: number | null;
  dbBytes: number;
  xlsxBytes: number;
  csvBytes: number;
}

async function prepareData(
  dir: string,
  today: string,
): Promise<{ env: BenchEnv; manifest: Manifest; reused: boolean }> {
  mkdirSync(dir, { recursive: true });
  const env: BenchEnv = {
    scale,
    today,
    dir,
    db: join(dir, 'sample.db'),
    households: SIZES.households,
    xlsx: join(dir, `enquiries-${SIZES.xlsxRows}.xlsx`),
    xlsxRows: SIZES.xlsxRows,
    csv: join(dir, `enquiries-${SIZES.csvRows}.csv`),
    csvRows: SIZES.csvRows,
    reps: SIZES.reps,
    bigReps: SIZES.bigReps,
    importReps: SIZES.importReps,
    firstListCallMs: null,
    importWorker: builtImportWorker,
    log,
  };
  // Case 8 (the CLI's start on an empty database) needs none of the data: asked for alone, it is not made.
  if (only && only.every((n) => n === 8)) {
    const none: Manifest = {
      key: '',
      madeAt: 'not made',
      generateMs: 0,
      firstListCallMs: null,
      dbBytes: 0,
      xlsxBytes: 0,
      csvBytes: 0,
    };
    return { env, manifest: none, reused: true };
  }
  const key = dataKey(today);
  const manifestPath = join(dir, 'manifest.json');
  const old = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest) : null;
  const sameCode = old?.key === key || (flag('reuse-data') && old?.key.startsWith(`${scale}:`));
  if (old && sameCode && !flag('fresh') && [env.db, env.xlsx, env.csv].every((f) => existsSync(f))) {
    log(`reusing the data in ${dir} (made ${old.madeAt} by the same code; --fresh to remake it)`);
    env.firstListCallMs = old.firstListCallMs;
    return { env, manifest: old, reused: true };
  }
  log(`generating ${SIZES.households.toLocaleString('en-GB')} sample households in ${env.db} …`);
  const db = await runChild('data.db', { path: env.db, households: SIZES.households, today });
  log(`  ${((db.ms as number) / 1000).toFixed(1)} s, ${((db.bytes as number) / 1e6).toFixed(0)} MB`);
  const xlsx = await runChild('data.xlsx', { db: env.db, out: env.xlsx, rows: SIZES.xlsxRows });
  log(
    `xlsx: ${SIZES.xlsxRows.toLocaleString('en-GB')} rows, ${((xlsx.bytes as number) / 1e6).toFixed(1)} MB`,
  );
  const csv = await runChild('data.csv', { db: env.db, out: env.csv, rows: SIZES.csvRows });
  log(`csv: ${SIZES.csvRows.toLocaleString('en-GB')} rows, ${((csv.bytes as number) / 1e6).toFixed(1)} MB`);
  let firstListCallMs: number | null = null;
  if (!firstMissing('households.listHouseholds')) {
    firstListCallMs = (await runChild('list.warm', { db: env.db, today })).ms as number;
    log(`first households list call (alerts brought up to date): ${(firstListCallMs / 1000).toFixed(1)} s`);
  }
  env.firstListCallMs = firstListCallMs;
  const manifest: Manifest = {
    key,
    madeAt: new Date().toISOString(),
    generateMs: db.ms as number,
    firstListCallMs,
    dbBytes: db.bytes as number,
    xlsxBytes: xlsx.bytes as number,
    csvBytes: csv.bytes as number,
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { env, manifest, reused: false };
}

/**
 * Which code was measured: the commit, and whether the work tree had uncommitted changes (and a
 * hash of them and of new files, so an edit made during the run to an already dirty tree shows).
 */
function source(): { commit: string | null; dirty: boolean | null; edits: string | null } {
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const commit = git('rev-parse', '--short', 'HEAD');
  const status = commit ? git('status', '--porcelain', '--untracked-files=no') : null;
  const diff = commit ? git('diff', 'HEAD') : null;
  const added = commit ? git('ls-files', '--others', '--exclude-standard') : null;
  const edits =
    diff === null || added === null
      ? null
      : createHash('sha256').update(diff).update('\0').update(added).digest('hex').slice(0, 12);
  return { commit, dirty: status === null ? null : status.length > 0, edits };
}

function machine(): string {
  const cpu = cpus();
  const sqlite = (new Database(':memory:').prepare('SELECT sqlite_version()').pluck().get() as string) ?? '?';
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} cores (shared), ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${type()} ${release()}, Node ${process.version}, SQLite ${sqlite}`;
}

function table(cases: CaseResult[]): string {
  const head = ['case', 'median ms', 'max ms', 'floor ms', 'ratio', 'RSS MB', 'goal holds'];
  const rows = cases.map((c) => [
    c.name,
    c.median_ms === null ? '–' : String(c.median_ms),
    c.max_ms === null ? '–' : String(c.max_ms),
    c.floor_ms === null ? '–' : String(c.floor_ms),
    c.ratio === null ? '–' : String(c.ratio),
    c.peak_rss_mb === null ? '–' : String(c.peak_rss_mb),
    c.median_ms === null && c.note
      ? c.note.startsWith('skipped')
        ? 'skipped'
        : 'not measured'
      : c.holds
        ? 'yes'
        : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The README's "Performance" table, ready to paste. */
function markdown(cases: CaseResult[], scale: Scale, machine: string, date: string): string {
  const cell = (x: number | null, unit = '') => (x === null ? '–' : `${x.toLocaleString('en-GB')}${unit}`);
  return [
    `Measured by \`npm run bench\` (${scale} scale) on ${date.slice(0, 10)}: ${machine}.`,
    '',
    '| Case | Median | Max | Floor | Ratio | Peak RSS | Goal | Holds |',
    '|---|---:|---:|---:|---:|---:|---|---|',
    ...cases.map(
      (c) =>
        `| ${c.name} | ${cell(c.median_ms, ' ms')} | ${cell(c.max_ms, ' ms')} | ${cell(c.floor_ms, ' ms')} | ${cell(c.ratio, '×')} | ${cell(c.peak_rss_mb, ' MB')} | ${c.goal} | ${c.median_ms === null ? 'not measured' : c.holds ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
}

/**
 * Builds the app (a few seconds) so the screens are measured from today's code and the imports
 * start the worker the app ships: the bench runs the app from source, and Node stripping the
 * types of the worker's source costs each import ~0.18 s that the built app does not pay.
 * Returns the built worker, or null (then the source's, and the results say so).
 */
function buildApp(): string | null {
  log('building the app (electron-vite build)');
  const r = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const worker = join(ROOT, 'out/main/import-worker.js');
  if (r.status === 0 && existsSync(worker)) return worker;
  log(
    `the build failed (${(r.stderr || r.error?.message || '').trim().slice(0, 400)}): imports start the source's worker`,
  );
  return null;
}

const today = new Date().toISOString().slice(0, 10);
const loadAtStart = loadavg()[0]!;
// Read at the start: each case loads the sources as they are when it starts, so code committed or
// edited while the bench runs (it takes 15–25 minutes) is measured in some cases only.
const sourceAtStart = source();
const builtImportWorker = only && only.every((n) => n === 8) ? null : buildApp();
const dir = resolve(option('data') ?? join(tmpdir(), `fostering-funnel-bench-${scale}`));
const { env, manifest, reused } = await prepareData(dir, today);

const cases: CaseResult[] = [];
let imported: Omit<ImportOutcome, 'cases'> = { xlsxMedianMs: null, importedDb: null, peerRuns: [] };
if (wants(1) || wants(2) || wants(3) || wants(7)) {
  const r = await importCases(env, wants);
  cases.push(...r.cases.filter((c) => wants(Number(c.name[0]))));
  imported = r;
}
if (wants(4)) cases.push(...(await reportCases(env)));
if (wants(5)) cases.push(...(await listCases(env)));
if (wants(6)) cases.push(...(await browserCases(env)));
if (wants(7))
  cases.push(
    ...(await peerCases(env, {
      importMedianMs: imported.xlsxMedianMs,
      importedDb: imported.importedDb,
      peerRuns: imported.peerRuns,
    })),
  );

if (wants(8)) cases.push(...(await cliCases(env)));

const minutes = (Date.now() - started) / 60_000;
const sourceAtEnd = source();
const sourceChanged =
  sourceAtEnd.commit !== sourceAtStart.commit || sourceAtEnd.edits !== sourceAtStart.edits
    ? `${sourceAtEnd.commit}${sourceAtEnd.dirty ? ' with uncommitted changes' : ''}`
    : null;
if (sourceChanged)
  log(`the code changed during the run (to ${sourceChanged}): later cases measured other code`);
const results = {
  machine: machine(),
  date: new Date().toISOString(),
  scale,
  source: {
    commit: sourceAtStart.commit,
    dirty: sourceAtStart.dirty,
    ...(sourceChanged ? { changed_during_run_to: sourceChanged } : {}),
  },
  duration_min: Math.round(minutes * 10) / 10,
  // Other work on the machine inflates wall times; import cases also report CPU time.
  load_average: { start: Math.round(loadAtStart * 10) / 10, end: Math.round(loadavg()[0]! * 10) / 10 },
  data: {
    households: env.households,
    xlsx_rows: env.xlsxRows,
    csv_rows: env.csvRows,
    generated: reused ? `reused, made ${manifest.madeAt}` : 'in this run',
    generate_ms: Math.round(manifest.generateMs),
    db_mb: Math.round(manifest.dbBytes / 1e6),
    xlsx_mb: Math.round(manifest.xlsxBytes / 1e5) / 10,
    csv_mb: Math.round(manifest.csvBytes / 1e5) / 10,
  },
  // Which import worker the import cases started: the built one is what the app ships.
  import_worker: builtImportWorker
    ? 'built (out/main/import-worker.js)'
    : 'source (src-main/import/worker.ts)',
  cases,
};
process.stdout.write(`\n${table(cases)}\n\n`);
process.stdout.write(
  `${scale} scale on ${results.machine} (load average ${results.load_average.start} at the start, ${results.load_average.end} at the end)\n${cases.filter((c) => c.holds).length} of ${cases.length} goals hold; run took ${results.duration_min} min${scale === 'full' ? ` (a full run is meant to fit ~25 min${minutes > 25 ? ': this one did NOT' : ''})` : ''}.\n`,
);
if (flag('markdown')) process.stdout.write(`\n${markdown(cases, scale, results.machine, results.date)}\n\n`);
const out = option('out') ?? (only ? null : join(ROOT, 'bench-results.json'));
if (out) {
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`Results written to ${out}\n`);
}
