#!/usr/bin/env node
// The CLI runs the built JavaScript in out/main (built on first use), so it starts at once.
import '../scripts/check-node.js';
import { enableCompileCache } from 'node:module';
import { buildOnce } from '../scripts/build-once.js';

buildOnce();
// V8 keeps the compiled bundle and its libraries (zod, SheetJS) on disk, so each run after the
// first skips compiling them: most of a command's start-up time.
enableCompileCache?.();
await import('../out/main/cli.js');
