#!/usr/bin/env node
// The CLI runs straight from the TypeScript sources (no build step) through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src-main/transports/cli/index.ts');
process.exitCode = await runCli(process.argv.slice(2));
