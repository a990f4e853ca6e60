// The CLI and browser mode run built JavaScript (out/), never TypeScript compiled at run time.
// A missing or stale build (sources newer than it, as after a pull) is rebuilt once, here, first.
// This runs before every CLI command, so it loads nothing it does not need: the child process
// module only when a build is due, and built-ins as CommonJS does (an ES import of node:fs builds
// its whole namespace, loading fs/promises, streams and readline: milliseconds of every start-up).
const { existsSync, readdirSync, statSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');

const root = fileURLToPath(new URL('..', import.meta.url));

/** What each entry point runs from the build, and the sources that build is made from. */
const TARGETS = {
  // The CLI runs the main-process bundle only: the renderer's sources do not make it stale.
  cli: { built: ['out/main/cli.js'], sources: ['src-main'] },
  serve: {
    built: ['out/main/serve.js', 'out/renderer/index.html'],
    sources: ['src-main', 'src-renderer'],
  },
};

// Plain string paths (no path.join per file) keep the walk over the few hundred source files to
// about a millisecond. A folder's own time counts too: it changes when a file in it is removed.
function newestUnder(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    const mtime = entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function isCurrent({ built, sources }) {
  const builtFiles = built.map((f) => root + f);
  if (!builtFiles.every((f) => existsSync(f))) return false;
  // An installed copy without sources is current by definition.
  const sourceDirs = sources.map((d) => root + d).filter((d) => existsSync(d));
  if (sourceDirs.length === 0) return true;
  const builtAt = Math.min(...builtFiles.map((f) => statSync(f).mtimeMs));
  return Math.max(...sourceDirs.map(newestUnder)) <= builtAt;
}

/** Builds the app unless what `target` runs is built and newer than every source file it comes from. */
export function buildOnce(target) {
  if (isCurrent(TARGETS[target])) return;
  process.stderr.write('Building Fostering Funnel (once, after a change to its sources)…\n');
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const built = spawnSync(
    process.execPath,
    [`${root}node_modules/electron-vite/bin/electron-vite.js`, 'build'],
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
