import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles: the Node main process (core + Electron glue), the sandboxed preload
// (CommonJS, because sandboxed preloads cannot load ES modules), and the React renderer.
export default defineConfig({
  main: {
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
