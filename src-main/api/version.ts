import { createRequire } from 'node:module';

/** Put in by the build (electron.vite.config.ts); not defined when running from source. */
declare const __APP_VERSION__: string | undefined;

/**
 * The app's version: the build writes it into the bundle, because a path to package.json from
 * the bundled code depends on which chunk this module lands in (from out/main/chunks it missed,
 * and the built app said 0.0.0, which also kept every import's row marks from matching the
 * marks the source had made). From source it is read from package.json.
 */
export const APP_VERSION: string =
  typeof __APP_VERSION__ === 'string'
    ? __APP_VERSION__
    : (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
