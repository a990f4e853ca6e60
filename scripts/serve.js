#!/usr/bin/env node
// Browser mode: builds the app if needed, then serves the UI and the API on 127.0.0.1
// through the HTTP bridge.
import './check-node.js';
import { buildOnce } from './build-once.js';

buildOnce('serve');
await import('../out/main/serve.js');
