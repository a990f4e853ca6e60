import { privateUmask } from '../../db/private-files.ts';
import { runCli } from './index.ts';

// The CLI's entry point in the build (out/main/cli.js), started by bin/fostering-funnel.js.
privateUmask();
const code = await runCli(process.argv.slice(2));
// A one-shot command: once its output is flushed, nothing left running (an import's worker
// thread, a pending timer) may keep the process, and so a script waiting on it, alive.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
