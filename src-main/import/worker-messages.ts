import type { ApiErrorBody } from '../contract/errors.ts';
import type { AnalyseInput, Analysis } from './analyse.ts';
import type { CommitRequest } from './commit-analysis.ts';

/** What the app's process says to an import worker process (import/jobs.ts → import/worker.ts). */
export type ToWorker = { type: 'start'; input: AnalyseInput } | ({ type: 'commit' } & CommitRequest);

/** What the worker process has used so far: its peak resident memory and its CPU time. */
export interface WorkerUsage {
  peakRssMb: number;
  cpuMs: number;
}

/** What the worker answers: `loaded` once its code is in, then progress, then its answers. */
export type FromWorker =
  | { type: 'loaded' }
  | { type: 'progress'; rowsRead: number; totalRows: number }
  | { type: 'done'; analysis: Analysis; usage: WorkerUsage }
  | { type: 'error' | 'commit-error'; error: ApiErrorBody }
  | { type: 'committed'; batchId: number; usage: WorkerUsage };
