import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fork, type ChildProcess } from 'node:child_process';
import { ApiError, type ApiErrorBody } from '../contract/errors.ts';
import type { Db } from '../db/open.ts';
import { batchOfFileSince, lastBatchId } from '../db/queries/import-batches.ts';
import { analyse, type AnalyseInput, type Analysis } from './analyse.ts';
import { commitAnalysis, type CommitRequest } from './commit-analysis.ts';
import { importFailure, type FromWorker, type ToWorker, type WorkerUsage } from './worker-messages.ts';
import { clockForChild } from '../clock.ts';
import { faultLogFile, logFault } from '../fault-log.ts';
import { openImportReader, watchDatabase, type DatabaseWatch } from '../db/import-connection.ts';

export type JobState = 'running' | 'ready' | 'failed' | 'cancelled' | 'committed';

export interface ImportJob {
  id: string;
  state: JobState;
  rowsRead: number;
  totalRows: number;
  /** 'worker' (a process of its own) normally; 'inline' when one could not be started here. */
  mode: 'worker' | 'inline';
  /** The preview (its list of changes stays with whoever will commit it). */
  analysis: Analysis | null;
  error: ApiErrorBody | null;
  batchId: number | null;
  /** The database file the plan was made against (and will be written to). */
  dbPath: string;
  /** The file being imported (browser mode deletes its uploaded copy once no job needs it). */
  path: string;
  /** Settles when the file has been analysed, or failed, or was cancelled. */
  done: Promise<void>;
  /** Settles when the job no longer holds the database file open (its worker has ended). */
  released: Promise<void>;
  /** Being written: it can no longer be cancelled or replaced, only finish (committed or refused). */
  committing: boolean;
  cancel(): void;
  /** Writes the planned changes in one transaction; returns the batch id. */
  commit(db: Db, req: CommitRequest): Promise<number>;
  startedAt: number;
}

const jobs = new Map<string, ImportJob>();
/** What the last import worker to answer had used (the bench adds it to the app's own). */
let lastUsage: WorkerUsage | null = null;
export const lastWorkerUsage = (): WorkerUsage | null => lastUsage;
const KEEP_JOBS = 20;
/** How long a worker may take to load its code before the import is done in the app's process. */
const LOAD_MS = 30_000;
const cancelledError = (): ApiErrorBody => ({
  code: 'cancelled',
  message: 'The import was cancelled; nothing was written.',
});

/**
 * Where the worker's code is: beside this module when running from source (.ts, through
 * Node's type stripping), or the bundled `import-worker.js` entry in out/main. The bench, which
 * runs the app from source, names the built bundle in FOSTERING_FUNNEL_IMPORT_WORKER so that its
 * imports start the worker the app ships (stripping the source's types costs ~0.18 s a start).
 */
export function workerUrl(): URL | null {
  const given = process.env.FOSTERING_FUNNEL_IMPORT_WORKER;
  if (given?.endsWith('.js')) return pathToFileURL(given);
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./worker.ts', here);
  for (const rel of ['./import-worker.js', '../import-worker.js']) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** FOSTERING_FUNNEL_IMPORT_WORKER=off forces the in-process fallback (a path to a .js names the worker). */
const workersDisabled = () => process.env.FOSTERING_FUNNEL_IMPORT_WORKER === 'off';

/**
 * Starts analysing a file. A new preview replaces any earlier one not yet committed (its
 * worker, holding a whole plan in memory, is stopped).
 */
export function startJob(input: AnalyseInput): ImportJob {
  for (const old of jobs.values()) {
    if (old.state === 'ready' && !old.committing) {
      old.cancel();
      old.error = {
        code: 'cancelled',
        message: 'This preview was replaced by a newer one: commit that one instead.',
      };
    }
  }
  const job: ImportJob = {
    id: randomUUID(),
    state: 'running',
    rowsRead: 0,
    totalRows: 0,
    mode: 'worker',
    analysis: null,
    error: null,
    batchId: null,
    dbPath: input.dbPath,
    path: input.path,
    done: Promise.resolve(),
    released: Promise.resolve(),
    committing: false,
    cancel: () => undefined,
    commit: () => Promise.reject(new ApiError('refused', 'The import is not ready to commit yet.')),
    startedAt: performance.now(), // for ordering jobs only: a monotonic clock, not the date
  };
  const url = workersDisabled() ? null : workerUrl();
  let worker: ChildProcess | null = null;
  try {
    // No inherited flags (a test runner's or the bench's loaders): the worker is plain JavaScript,
    // or TypeScript Node strips itself. --expose-gc: it lets a read sheet's text go before it plans
    // (import/analyse.ts). --max-semi-space-size=4 (MB): with V8's default young generation the
    // worker's heap held about twice what it used while parsing a 100,000-row sheet (217 MB for
    // 109), and its peak was 384 or 428 MB by chance; with 4 MB it is ~300 MB every run, in the
    // same time (measured). Structured clone, as between threads, for the messages.
    worker = url
      ? fork(fileURLToPath(url), [], {
          execArgv: ['--expose-gc', '--max-semi-space-size=4'],
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          // A set clock (tests, FOSTERING_FUNNEL_NOW) goes on from this process's now.
          env: { ...process.env, ...clockForChild() },
        })
      : null;
  } catch {
    worker = null;
  }
  if (worker) runInWorker(job, worker, input);
  else runInline(job, input);
  jobs.set(job.id, job);
  prune();
  return job;
}

/**
 * Why an import stopped when its worker's channel failed after it loaded: the system's words
 * ("Channel closed", "write EPIPE") go to the fault log, the reference to the user.
 */
export const workerFailed = (fileName: string, e: unknown): string =>
  `The import of ${fileName} stopped: the process reading it failed, for a reason whose details are in ${logFault(e).where}`;

function runInWorker(job: ImportJob, worker: ChildProcess, input: AnalyseInput): void {
  // Named in what the user is told if the worker stops (browser mode's upload has its own name).
  const fileName = input.fileName ?? basename(input.path);
  let loaded = false;
  let answered = false;
  let pendingCommit: {
    resolve(id: number): void;
    reject(e: ApiError): void;
    died(why: string): void;
  } | null = null;
  // Killing the process is always safe: SQLite rolls back what it had not committed, and nothing
  // native of the app's own process is touched. After its last answer the worker ends by itself;
  // it is only killed if it has not ended within a few seconds.
  const stop = () => void worker.kill('SIGKILL');
  const finish = () => {
    answered = true;
    setTimeout(stop, 5000).unref();
  };
  // A worker that started but never says its code is in (an Electron that cannot run as Node may
  // start the app instead) is stopped, and the import done here.
  const loading = setTimeout(stop, LOAD_MS);
  loading.unref();
  job.released = new Promise<void>((resolve) => worker.once('close', () => resolve()));
  job.done = new Promise<void>((resolve) => {
    const inline = () => {
      runInline(job, input);
      void job.done.then(resolve);
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'loaded') {
        loaded = true;
        clearTimeout(loading);
        worker.send({ type: 'start', input, faultLog: faultLogFile() } satisfies ToWorker);
      } else if (m.type === 'progress') {
        job.rowsRead = m.rowsRead;
        job.totalRows = m.totalRows;
      } else if (m.type === 'done' && job.state === 'running') {
        job.analysis = m.analysis;
        job.state = 'ready';
        lastUsage = m.usage;
        resolve();
      } else if (m.type === 'error' && job.state === 'running') {
        job.error = m.error;
        job.state = 'failed';
        finish();
        resolve();
      } else if (m.type === 'committed') {
        lastUsage = m.usage;
        pendingCommit?.resolve(m.batchId);
        finish();
      } else if (m.type === 'commit-error') {
        pendingCommit?.reject(new ApiError(m.error.code, m.error.message, m.error.field));
        // A plan that failed to commit is stale (the records changed): a new preview is needed.
        finish();
      }
      if (m.type === 'committed' || m.type === 'commit-error') pendingCommit = null;
    });
    worker.on('error', (e) => {
      // The process could not be started at all: do it here.
      if (job.state === 'running' && !loaded && job.mode === 'worker') inline();
      else if (job.mode === 'worker') died(workerFailed(fileName, e));
    });
    // 'close', not 'exit': it comes after every message the worker sent has been read.
    worker.on('close', (code, signal) => {
      clearTimeout(loading);
      if (job.mode !== 'worker') return;
      // Its code would not load here (no TypeScript support, a missing bundle entry, an Electron
      // that cannot run as Node), or it never said so in time: do it here.
      if (job.state === 'running' && !loaded) return inline();
      if (!answered && job.state !== 'cancelled') {
        died(`The import of ${fileName} stopped unexpectedly (${signal ?? `exit code ${code}`})`);
      }
      resolve();
    });
    function died(why: string) {
      if (job.state === 'running' || job.state === 'ready') {
        job.error = { code: 'internal', message: `${why}; nothing was written. Preview the file again.` };
        job.state = 'failed';
      }
      pendingCommit?.died(why);
      pendingCommit = null;
      resolve();
    }
  });
  job.cancel = () => {
    if (job.mode === 'inline' || job.committing) return;
    if (job.state === 'running' || job.state === 'ready') {
      job.state = 'cancelled';
      job.error = cancelledError();
      stop();
    }
  };
  job.commit = (db, req) =>
    new Promise<number>((resolve, reject) => {
      if (job.mode === 'inline')
        return reject(new ApiError('internal', 'Inline jobs commit in the app process.'));
      if (!worker.connected) {
        return reject(new ApiError('refused', 'The import is no longer open: preview the file again.'));
      }
      const before = lastBatchId(db);
      const fileHash = job.analysis?.fileHash ?? '';
      pendingCommit = {
        resolve,
        reject,
        // The worker died while writing: SQLite kept all of the import or none of it, and the
        // file it wrote to says which. Read through a connection of its own: the app may have
        // opened another database meanwhile, which closes the one this commit was asked on.
        died(why) {
          let written: number | null;
          try {
            const check = openImportReader(job.dbPath);
            try {
              written = batchOfFileSince(check, fileHash, before);
            } finally {
              check.close();
            }
          } catch {
            return reject(
              new ApiError(
                'internal',
                `${why}; whether the import was written could not be checked: see the list of imports.`,
              ),
            );
          }
          if (written !== null) resolve(written);
          else reject(new ApiError('internal', `${why}; nothing was written. Preview the file again.`));
        },
      };
      worker.send({ type: 'commit', ...req } satisfies ToWorker);
    });
}

function runInline(job: ImportJob, input: AnalyseInput): void {
  job.mode = 'inline';
  let cancelled = false;
  let full: Analysis | null = null;
  // Made before the analysis reads anything; closed once the job can no longer be committed.
  let watch: DatabaseWatch | null = null;
  const unwatch = () => {
    watch?.close();
    watch = null;
  };
  job.cancel = () => {
    if (job.state === 'running' || job.state === 'ready') {
      cancelled = true;
      job.state = 'cancelled';
      job.error = cancelledError();
    }
    unwatch();
  };
  job.commit = async (db, req) => {
    if (!full || !watch) throw new ApiError('refused', 'The import is not ready to commit yet.');
    try {
      return commitAnalysis(db, full, req, watch);
    } finally {
      // Committed, or refused as stale: either way a new preview is needed to import again.
      unwatch();
    }
  };
  try {
    watch = watchDatabase(input.dbPath);
  } catch (e) {
    job.error = importFailure(e);
    job.state = 'failed';
    return;
  }
  job.done = analyse(input, {
    progress(rowsRead, totalRows) {
      job.rowsRead = rowsRead;
      job.totalRows = totalRows;
    },
    tick: () =>
      new Promise<void>((resolve, reject) =>
        setImmediate(() =>
          cancelled ? reject(new ApiError('cancelled', cancelledError().message)) : resolve(),
        ),
      ),
  }).then(
    (analysis) => {
      if (job.state !== 'running') return;
      full = analysis;
      job.analysis = analysis;
      job.state = 'ready';
    },
    (e: unknown) => {
      unwatch();
      if (job.state !== 'running') return;
      job.error = importFailure(e);
      job.state = 'failed';
    },
  );
  // Its analysis's reader closes as the analysis settles; the watch, when it is cancelled.
  job.released = job.done;
}

/**
 * Cancels every import of `dbPath` not yet being written (reading its file, or a preview waiting
 * to be committed), saying why, and resolves once each has let go of the file. A restore needs the
 * file to itself, and makes every such preview stale; an import being written is left to finish.
 */
export async function cancelImportsOf(dbPath: string, why: string): Promise<void> {
  const open = [...jobs.values()].filter(
    (j) => j.dbPath === dbPath && !j.committing && (j.state === 'running' || j.state === 'ready'),
  );
  for (const j of open) {
    j.cancel();
    j.error = { code: 'cancelled', message: why };
  }
  await Promise.all(open.map((j) => j.released));
}

/**
 * Cancels every import of the file at `path` not yet being written (a preview left open), saying
 * why, so its copy can go: browser mode's uploads are not kept for a preview no one comes back to.
 */
export function cancelImportsOfFile(path: string, why: string): void {
  for (const j of jobs.values()) {
    if (j.path !== path || j.committing || (j.state !== 'running' && j.state !== 'ready')) continue;
    j.cancel();
    // Read again: cancel() changed it (an inline job's preview cannot be cancelled, and stays).
    if ((j.state as ImportJob['state']) === 'cancelled') j.error = { code: 'cancelled', message: why };
  }
}

export function getJob(id: string): ImportJob {
  const job = jobs.get(id);
  if (!job) throw new ApiError('not_found', 'That import is no longer open: choose the file again.', 'jobId');
  return job;
}

/**
 * Whether a file is still needed by an import: some job on it is still reading or holds a
 * preview that may yet be committed (or re-run with another mapping, which reads it again).
 * `used` says whether any job, finished or not, has read it.
 */
export function fileInUse(path: string): { used: boolean; needed: boolean } {
  let used = false;
  for (const j of jobs.values()) {
    if (j.path !== path) continue;
    used = true;
    if (j.state === 'running' || j.state === 'ready') return { used, needed: true };
  }
  return { used, needed: false };
}

function prune(): void {
  if (jobs.size <= KEEP_JOBS) return;
  const oldest = [...jobs.values()]
    .filter((j) => j.state !== 'running' && !j.committing)
    .sort((a, b) => a.startedAt - b.startedAt);
  for (const j of oldest.slice(0, jobs.size - KEEP_JOBS)) {
    j.cancel();
    jobs.delete(j.id);
  }
}
