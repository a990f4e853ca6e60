import { parentPort, workerData } from 'node:worker_threads';
import { ApiError, type ApiErrorBody } from '../contract/errors.ts';
import { openImportWriter } from '../db/import-connection.ts';
import { analyse, type AnalyseInput, type Analysis } from './analyse.ts';
import { commitAnalysis, withoutChanges, type CommitRequest } from './commit-analysis.ts';

/**
 * The import worker thread: reads, parses, maps and plans the file off the main thread,
 * posting progress as it goes, then waits. The plan stays here (it can be a million rows):
 * on "commit" the worker writes it through its own connection, in one transaction, so the
 * plan is never copied and the main thread never stalls. Cancel is `worker.terminate()`,
 * which stops it mid-file; a worker that has answered (refused, committed) closes its port and
 * ends by itself. Bundled as its own entry (electron.vite.config.ts); run from
 * source by Node's own TypeScript support under tsx and vitest.
 */
const toBody = (e: unknown): ApiErrorBody =>
  e instanceof ApiError
    ? e.toJSON()
    : { code: 'internal', message: `The import failed: ${(e as Error)?.message ?? String(e)}` };

const port = parentPort;
if (port) {
  const input = workerData as AnalyseInput;
  let analysis: Analysis | null = null;
  let last = 0;
  port.on('message', (m: { type: 'commit' } & CommitRequest) => {
    if (m.type !== 'commit' || !analysis) return;
    let db: ReturnType<typeof openImportWriter> | null = null;
    try {
      db = openImportWriter(input.dbPath);
      port.postMessage({ type: 'committed', batchId: commitAnalysis(db, analysis, m) });
    } catch (e) {
      port.postMessage({ type: 'commit-error', error: toBody(e) });
    } finally {
      db?.close();
      // Done: the thread ends by itself, once nothing native is running (see jobs.ts `finish`).
      port.close();
    }
  });
  analyse(input, {
    progress(rowsRead, totalRows) {
      const now = performance.now(); // elapsed time for throttling, not the date
      if (now - last > 100 || rowsRead >= totalRows) {
        last = now;
        port.postMessage({ type: 'progress', rowsRead, totalRows });
      }
    },
    tick: () => Promise.resolve(),
  }).then(
    (a) => {
      analysis = a;
      port.postMessage({ type: 'done', analysis: withoutChanges(a) });
    },
    (e: unknown) => {
      port.postMessage({ type: 'error', error: toBody(e) });
      port.close();
    },
  );
}
