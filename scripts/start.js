#!/usr/bin/env node
// `npm start`: builds the app and launches Electron. Where the Electron binary cannot be
// obtained (no access to its download), says so in one line and opens browser mode instead.
import './check-node.js';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, electronInstaller, root } from './electron-binary.js';

const node = process.execPath;
const build = spawnSync(node, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  process.stderr.write('The build failed (run "npm run build" to see why).\n');
  process.exit(1);
}

let binary = electronBinary();
if (!binary) {
  // First launch on a new machine: Electron's own installer fetches the binary.
  spawnSync(node, [electronInstaller], { cwd: root, stdio: 'ignore', timeout: 180_000 });
  binary = electronBinary();
}

const child = binary
  ? spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
  : (process.stdout.write(
      'The Electron binary is not installed and could not be downloaded here, so Fostering Funnel is opening in browser mode instead.\n',
    ),
    spawn(node, [join(root, 'scripts/serve.js'), ...process.argv.slice(2)], { stdio: 'inherit' }));
// A child that dies from a signal (a crash such as a segmentation fault, or being killed) or
// cannot be started is a failure, said in one line: never exit 0 without the app running.
child.on('error', (e) => {
  process.stderr.write(`Fostering Funnel could not start: ${e.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal && !stopping) {
    process.stderr.write(`Fostering Funnel stopped unexpectedly (${signal}).\n`);
    process.exit(1);
  }
  process.exit(code ?? 0);
});
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopping = true;
    child.kill(signal);
  });
