import { fileURLToPath } from 'node:url';
import { main } from './serve.ts';

// Browser mode's entry point in the build (out/main/serve.js): the UI is in out/renderer.
await main(process.argv.slice(2), fileURLToPath(new URL('../renderer', import.meta.url)));
