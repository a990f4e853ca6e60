import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * Node's built-in modules through `process.getBuiltinModule(...)` and better-sqlite3 through
 * `require`, instead of ES imports: importing a built-in as an ES module builds its whole namespace
 * (node:fs alone then loads fs/promises, streams and readline, node:util the worker threads), and
 * a CommonJS package goes through the ES resolver. Together that was a fifth of the CLI's start-up.
 * The same functions, loaded the way CommonJS loads them.
 */
function builtinsAsCommonJs(): Plugin {
  return {
    name: 'builtins-as-commonjs',
    renderChunk(code) {
      const out = code
        .replace(/^import \{([^}]*)\} from "(node:[a-z_/]+)";$/gm, (line, names: string, id: string) =>
          /\bdefault\b/.test(names)
            ? line
            : `const {${names.replace(/ as /g, ': ')}} = process.getBuiltinModule("${id}");`,
        )
        .replace(
          /^import (\w+) from "better-sqlite3";$/gm,
          'const $1 = process.getBuiltinModule("node:module").createRequire(import.meta.url)("better-sqlite3");',
        );
      return out === code ? null : { code: out, map: null };
    },
  };
}

// Three bundles: the Node main process (core + Electron glue), the sandboxed preload
// (CommonJS, because sandboxed preloads cannot load ES modules), and the React renderer.
/** The app's version, written into the main bundle (src-main/api/version.ts says why). */
const { version } = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    plugins: [builtinsAsCommonJs()],
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      outDir: 'out/main',
      // zod is bundled: loading its hundreds of small modules one by one was most of the CLI's start-up.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: {
          index: resolve('src-main/electron/main.ts'),
          'import-worker': resolve('src-main/import/worker.ts'),
          // The CLI and browser mode run from the build too, never compiled at run time.
          cli: resolve('src-main/transports/cli/main.ts'),
          serve: resolve('src-main/transports/serve-main.ts'),
        },
        output: {
          // Fewer, larger chunks: each file the CLI loads costs a resolve, a read and a link. The
          // modules every command needs (the store, the domain's vocabularies, the dispatcher) are
          // one chunk; zod another, loaded with the first method group a command calls; each
          // group's handlers and what only they use stay in chunks of their own (api/registry.ts).
          codeSplitting: {
            groups: [
              {
                name: 'core',
                test: /src-main[\\/](db[\\/][^\\/]+\.ts|db[\\/]migrations[\\/]|domain[\\/]|clock\.ts|contract[\\/](errors|report-shapes|define)\.ts|api[\\/](context|registry)\.ts)/,
              },
              { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            ],
          },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // Minified: the browser parses a third of the bytes before the first screen can draw.
      minify: true,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
