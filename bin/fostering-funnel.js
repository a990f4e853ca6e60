#!/usr/bin/env node
// The CLI runs straight from the TypeScript sources (no build step) through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src-main/transports/cli/index.ts');
const code = await runCli(process.argv.slice(2));
// A one-shot command: once its output is flushed, nothing left running (an import's worker
// thread, a pending timer) may keep the process, and so a script waiting on it, alive.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
