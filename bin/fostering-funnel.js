#!/usr/bin/env node
// The CLI runs the built JavaScript in out/main (built on first use), so it starts at once.
import '../scripts/check-node.js';
import { buildOnce } from '../scripts/build-once.js';

buildOnce('cli');
// V8 keeps the compiled bundle and its libraries (zod, SheetJS) on disk, so each run after the
// first skips compiling them: most of a command's start-up time. (A built-in taken as CommonJS
// does: an ES import of node:module would load the worker threads on every start.)
process.getBuiltinModule('node:module').enableCompileCache?.();
await import('../out/main/cli.js');
