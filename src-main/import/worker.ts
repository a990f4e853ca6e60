import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../contract/errors.ts';
import { analyse, type AnalyseInput } from './analyse.ts';

/**
 * The import worker thread: reads, parses, maps and plans the file off the main thread,
 * posting progress as it goes. Cancel is `worker.terminate()`, which stops it mid-file.
 * Bundled as its own entry (electron.vite.config.ts); run from source by Node's own
 * TypeScript support under tsx and vitest.
 */
const port = parentPort;
if (port) {
  const input = workerData as AnalyseInput;
  let last = 0;
  analyse(input, {
    progress(rowsRead, totalRows) {
      const now = Date.now();
      if (now - last > 100 || rowsRead >= totalRows) {
        last = now;
        port.postMessage({ type: 'progress', rowsRead, totalRows });
      }
    },
    tick: () => Promise.resolve(),
  }).then(
    (analysis) => port.postMessage({ type: 'done', analysis }),
    (e: unknown) =>
      port.postMessage({
        type: 'error',
        error:
          e instanceof ApiError
            ? e.toJSON()
            : { code: 'internal', message: `The import failed: ${(e as Error)?.message ?? String(e)}` },
      }),
  );
}
