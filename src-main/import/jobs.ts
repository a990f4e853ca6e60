import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorBody } from '../contract/errors.ts';
import { analyse, type AnalyseInput, type Analysis } from './analyse.ts';

export type JobState = 'running' | 'ready' | 'failed' | 'cancelled' | 'committed';

export interface ImportJob {
  id: string;
  state: JobState;
  rowsRead: number;
  totalRows: number;
  /** 'worker' normally; 'inline' when a worker thread could not be started here. */
  mode: 'worker' | 'inline';
  analysis: Analysis | null;
  error: ApiErrorBody | null;
  batchId: number | null;
  done: Promise<void>;
  cancel(): void;
  startedAt: number;
}

const jobs = new Map<string, ImportJob>();
const KEEP_JOBS = 20;

/**
 * Where the worker's code is: beside this module when running from source (.ts, through
 * Node's type stripping), or the bundled `import-worker.js` entry in out/main.
 */
export function workerUrl(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./worker.ts', here);
  for (const rel of ['./import-worker.js', '../import-worker.js', './import-worker.mjs']) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** Forces the in-thread fallback (e.g. FOSTERING_FUNNEL_IMPORT_WORKER=off). */
const workersDisabled = () => process.env.FOSTERING_FUNNEL_IMPORT_WORKER === 'off';

export function startJob(input: AnalyseInput): ImportJob {
  const job = {
    id: randomUUID(),
    state: 'running',
    rowsRead: 0,
    totalRows: 0,
    mode: 'worker',
    analysis: null,
    error: null,
    batchId: null,
    startedAt: Date.now(),
  } as Omit<ImportJob, 'done' | 'cancel'> as ImportJob;
  const url = workersDisabled() ? null : workerUrl();
  let worker: Worker | null = null;
  if (url) {
    try {
      worker = new Worker(url, { workerData: input });
    } catch {
      worker = null;
    }
  }
  if (worker) runInWorker(job, worker, input);
  else runInline(job, input);
  jobs.set(job.id, job);
  prune();
  return job;
}

function runInWorker(job: ImportJob, worker: Worker, input: AnalyseInput): void {
  let heard = false;
  job.done = new Promise<void>((resolve) => {
    worker.on(
      'message',
      (m: {
        type: string;
        rowsRead?: number;
        totalRows?: number;
        analysis?: Analysis;
        error?: ApiErrorBody;
      }) => {
        heard = true;
        if (m.type === 'progress') {
          job.rowsRead = m.rowsRead ?? 0;
          job.totalRows = m.totalRows ?? 0;
        } else if (m.type === 'done' && job.state === 'running') {
          job.analysis = m.analysis!;
          job.state = 'ready';
          void worker.terminate();
          resolve();
        } else if (m.type === 'error' && job.state === 'running') {
          job.error = m.error!;
          job.state = 'failed';
          void worker.terminate();
          resolve();
        }
      },
    );
    worker.on('error', (e) => {
      if (job.state !== 'running') return resolve();
      if (!heard) {
        // The worker could not even load (no TypeScript support, missing bundle entry): do it here.
        job.mode = 'inline';
        runInline(job, input);
        void job.done.then(resolve);
        return;
      }
      job.error = { code: 'internal', message: `The import stopped: ${e.message}` };
      job.state = 'failed';
      resolve();
    });
    worker.on('exit', () => {
      if (job.state === 'running' && job.mode === 'worker') {
        job.state = 'cancelled';
        job.error = { code: 'cancelled', message: 'The import was cancelled.' };
      }
      resolve();
    });
  });
  job.cancel = () => {
    if (job.state !== 'running') return;
    if (job.mode === 'worker') {
      job.state = 'cancelled';
      job.error = { code: 'cancelled', message: 'The import was cancelled; nothing was written.' };
      void worker.terminate();
    } else inlineCancel(job);
  };
}

const cancelFlags = new WeakMap<ImportJob, { cancelled: boolean }>();
const inlineCancel = (job: ImportJob) => {
  const flag = cancelFlags.get(job);
  if (flag) flag.cancelled = true;
};

function runInline(job: ImportJob, input: AnalyseInput): void {
  job.mode = 'inline';
  const flag = { cancelled: false };
  cancelFlags.set(job, flag);
  job.cancel ??= () => inlineCancel(job);
  job.done = analyse(input, {
    progress(rowsRead, totalRows) {
      job.rowsRead = rowsRead;
      job.totalRows = totalRows;
    },
    tick: () =>
      new Promise<void>((resolve, reject) =>
        setImmediate(() =>
          flag.cancelled
            ? reject(new ApiError('cancelled', 'The import was cancelled; nothing was written.'))
            : resolve(),
        ),
      ),
  }).then(
    (analysis) => {
      if (job.state !== 'running') return;
      job.analysis = analysis;
      job.state = flag.cancelled ? 'cancelled' : 'ready';
    },
    (e: unknown) => {
      if (job.state !== 'running') return;
      job.error =
        e instanceof ApiError
          ? e.toJSON()
          : { code: 'internal', message: `The import failed: ${(e as Error).message}` };
      job.state = e instanceof ApiError && e.code === 'cancelled' ? 'cancelled' : 'failed';
    },
  );
}

export function getJob(id: string): ImportJob {
  const job = jobs.get(id);
  if (!job) throw new ApiError('not_found', 'That import is no longer open: choose the file again.', 'jobId');
  return job;
}

function prune(): void {
  if (jobs.size <= KEEP_JOBS) return;
  const oldest = [...jobs.values()]
    .filter((j) => j.state !== 'running')
    .sort((a, b) => a.startedAt - b.startedAt);
  for (const j of oldest.slice(0, jobs.size - KEEP_JOBS)) jobs.delete(j.id);
}
