import { finishChild } from './lib/spawn.ts';
import { dataTasks } from './data.ts';
import { importTasks } from './cases/import.ts';
import { reportTasks } from './cases/reports.ts';
import { listTasks } from './cases/list.ts';
import { browserTasks } from './cases/browser.ts';
import { peerTasks } from './cases/peer.ts';

/** One measured task in its own process: `child.ts <task> <json args>` (spawned by run.ts). */
const TASKS: Record<string, (args: never) => Promise<Record<string, unknown>>> = {
  ...dataTasks,
  ...importTasks,
  ...reportTasks,
  ...listTasks,
  ...browserTasks,
  ...peerTasks,
};

const [task, json] = process.argv.slice(2);
const fn = task ? TASKS[task] : undefined;
if (!fn) {
  process.stderr.write(`Unknown bench task ${task}. Known: ${Object.keys(TASKS).join(', ')}\n`);
  process.exit(2);
}
finishChild(await fn(JSON.parse(json ?? '{}') as never));
