// The CLI and browser mode run built JavaScript (out/), never TypeScript compiled at run time.
// A missing or stale build (sources newer than it, as after a pull) is rebuilt once, here, first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './electron-binary.js';

const BUILT = ['out/main/cli.js', 'out/main/serve.js', 'out/renderer/index.html'];
const SOURCES = ['src-main', 'src-renderer'];

// Runs before every CLI command: plain string paths (no path.join per file) keep the walk over the
// few hundred source files to a few milliseconds of the start-up.
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    const mtime = entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function isCurrent() {
  const built = BUILT.map((f) => join(root, f));
  if (!built.every((f) => existsSync(f))) return false;
  // An installed copy without sources is current by definition.
  const sources = SOURCES.map((d) => join(root, d)).filter((d) => existsSync(d));
  if (sources.length === 0) return true;
  const builtAt = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return Math.max(...sources.map(newestUnder)) <= builtAt;
}

/** Builds the app unless the build is there and newer than every source file. */
export function buildOnce() {
  if (isCurrent()) return;
  process.stderr.write('Building Fostering Funnel (once, after a change to its sources)…\n');
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (built.status !== 0) {
    process.stderr.write('The build failed (run "npm run build" to see why).\n');
    process.exit(1);
  }
}
