import { ApiError, storageRefusal, type ApiErrorBody } from '../contract/errors.ts';
import { unexpectedFault } from '../fault-log.ts';
import type { AnalyseInput, Analysis } from './analyse.ts';
import type { CommitRequest } from './commit-analysis.ts';

/**
 * What the app's process says to an import worker process (import/jobs.ts → import/worker.ts);
 * `faultLog`, the file the app logs faults in, for the worker to log its own in too.
 */
export type ToWorker =
  { type: 'start'; input: AnalyseInput; faultLog: string | null } | ({ type: 'commit' } & CommitRequest);

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

/**
 * What an import's failure tells the user, whichever process met it (the worker, or the app's when
 * the import runs inline or its commit fails): a refusal as raised, SQLite's refusals as the app
 * words them, anything else as the import having failed (its details in the log only).
 */
export const importFailure = (e: unknown): ApiErrorBody =>
  (
    (e instanceof ApiError ? e : storageRefusal(e)) ??
    unexpectedFault(e, 'The import failed: something went wrong inside the app')
  ).toJSON();
