#!/usr/bin/env node
// Browser mode: builds the renderer if it has not been built, then serves it and the API
// on 127.0.0.1 through the HTTP bridge.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = join(root, 'out', 'renderer');
if (!existsSync(join(staticDir, 'index.html'))) {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (built.status !== 0) {
    process.stderr.write('Could not build the UI (npm run build shows why).\n');
    process.exit(1);
  }
}
register();
const { main } = await import('../src-main/transports/serve.ts');
await main(process.argv.slice(2), staticDir);
