import { readFileSync } from 'node:fs';
import { openImportWriter, watchDatabase, type DatabaseWatch } from '../db/import-connection.ts';
import { analyse, type AnalyseInput, type Analysis } from './analyse.ts';
import { commitAnalysis, withoutChanges } from './commit-analysis.ts';
import { logFaultsTo } from '../fault-log.ts';
import { importFailure, type FromWorker, type ToWorker, type WorkerUsage } from './worker-messages.ts';

/**
 * The import worker process: reads, parses, maps and plans the file away from the app's process,
 * sending progress as it goes, then waits. The plan stays here (it can be a million rows): on
 * "commit" the worker writes it through its own connection, in one transaction, so the plan is
 * never copied and the app never stalls. Cancel kills the process (SQLite rolls back whatever it
 * had not committed); a worker that has answered (refused, committed) disconnects and ends by
 * itself. A process, not a thread: a native crash here (better-sqlite3 tearing down in an ending
 * worker thread crashed the whole app's process now and then) ends only this import, and what the
 * plan held goes back to the system when it ends. Bundled as its own entry
 * (electron.vite.config.ts); run from source by Node's own TypeScript support under vitest.
 */
/**
 * This process's peak resident memory: Linux's VmHWM where there is one (getrusage's maxRSS of a
 * forked process starts from its parent's at the fork), else maxRSS.
 */
function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const usage = (): WorkerUsage => {
  const u = process.resourceUsage();
  return { peakRssMb: peakRssMb(), cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 };
};

function run(send: (m: FromWorker) => void, input: AnalyseInput): void {
  let analysis: Analysis | null = null;
  let last = 0;
  // Made below, before the analysis reads anything.
  let watch: DatabaseWatch | null = null;
  // The last answer: nothing more will be asked, so once it is sent the channel closes and the
  // process ends (closing at once could cancel a message still being written). The watch is
  // closed first: a connection left open as the process ends is not closed by SQLite, so its WAL
  // and shared memory files stay beside the database, and the next connection to open it reads
  // the whole WAL again to recover it (127 MB after a 100,000-row import, seen in the bench).
  const answer = (m: FromWorker) => {
    ended = true;
    watch?.close();
    watch = null;
    process.send!(m, (e: Error | null) => {
      if (e) gone();
      if (process.connected) process.disconnect();
    });
  };
  try {
    watch = watchDatabase(input.dbPath);
  } catch (e) {
    return answer({ type: 'error', error: importFailure(e) });
  }
  process.on('message', (m: ToWorker) => {
    if (m.type !== 'commit' || !analysis || !watch) return;
    let db: ReturnType<typeof openImportWriter> | null = null;
    let reply: FromWorker;
    try {
      db = openImportWriter(input.dbPath);
      reply = { type: 'committed', batchId: commitAnalysis(db, analysis, m, watch), usage: usage() };
    } catch (e) {
      reply = { type: 'commit-error', error: importFailure(e) };
    } finally {
      db?.close();
    }
    answer(reply);
  });
  analyse(input, {
    progress(rowsRead, totalRows) {
      const now = performance.now(); // elapsed time for throttling, not the date
      if (now - last > 100 || rowsRead >= totalRows) {
        last = now;
        send({ type: 'progress', rowsRead, totalRows });
      }
    },
    // Back to the event loop every few thousand rows, so a closed channel (the app went away) is seen.
    tick: () => new Promise<void>((resolve) => setImmediate(resolve)),
  }).then(
    (a) => {
      analysis = a;
      send({ type: 'done', analysis: withoutChanges(a), usage: usage() });
    },
    (e: unknown) => answer({ type: 'error', error: importFailure(e) }),
  );
}

let ended = false;
/**
 * The app's process went away (closed, crashed): nobody will read what this one says, so it ends,
 * quietly. A message sent before the channel's close is seen fails to be written (EPIPE); without a
 * callback that failure would be thrown as an unhandled error, with its stack trace on stderr.
 */
const gone = () => process.exit(0);
if (process.send) {
  const send = (m: FromWorker) =>
    void process.send!(m, (e: Error | null) => {
      if (e) gone();
    });
  process.on('disconnect', () => {
    if (!ended) gone();
  });
  process.once('message', (m: ToWorker) => {
    if (m.type !== 'start') return;
    logFaultsTo(m.faultLog);
    run(send, m.input);
  });
  send({ type: 'loaded' });
}
