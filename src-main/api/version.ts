import { createRequire } from 'node:module';

/** The app's version, read from package.json at run time (works from source and from the bundle). */
export const APP_VERSION: string = (() => {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
