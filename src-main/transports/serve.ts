import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { closeContext, createContext } from '../api/context.ts';
import { loadEveryGroup, toApiError } from '../api/registry.ts';
import { ApiError } from '../contract/errors.ts';
import { resolveDbPath, sampleDbPath } from '../db/paths.ts';
import { removeSampleFiles } from '../db/sample-files.ts';
import { privateUmask } from '../db/private-files.ts';
import { Store } from '../db/store.ts';
import { logFaultsBeside } from '../fault-log.ts';
import { startHttpBridge } from './http.ts';

/** `npm run serve [-- --port N] [--db PATH]`: the UI in a browser, through the HTTP bridge. */
export async function serve(argv: string[], staticDir: string): Promise<void> {
  let values: { port?: string; db?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (e) {
    // parseArgs says what is wrong in words ("Unknown option '--prot'").
    throw new ApiError(
      'invalid_input',
      `${(e as Error).message} Usage: npm run serve -- [--port N] [--db PATH]`,
    );
  }
  if (values.help) {
    process.stdout.write('Usage: npm run serve -- [--port N] [--db PATH]\n');
    return;
  }
  // Digits only: Number() reads '' and ' ' as 0 (a random port, taken silently), and '0x50' or
  // '1e3' as ports no one typed. Left out, the system picks a free port.
  const port = values.port === undefined ? 0 : /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!Number.isInteger(port) || port > 65535)
    throw new ApiError('invalid_input', '--port needs a port number.');
  const dbPath = resolveDbPath(values.db);
  logFaultsBeside(dbPath);
  const store = await Store.open(dbPath, { check: true });
  const ctx = createContext(store, { realDbPath: dbPath, sampleDbPath: sampleDbPath() });
  // Browser mode starts on the real file: a sample file still there was left by a crash (sample-files.ts).
  removeSampleFiles(ctx.sampleDbPath, ctx.realDbPath);
  const bridge = await startHttpBridge({ ctx, staticDir: resolve(staticDir), port }).catch((e: unknown) => {
    store.close();
    throw listenRefusal(e, port) ?? e;
  });
  process.stdout.write(`Fostering Funnel is running at ${bridge.url}\n`);
  // While the browser loads the page: its first calls then find their handlers loaded.
  void loadEveryGroup().catch(() => undefined);
  const stop = () => {
    void bridge.close().then(() => {
      closeContext(ctx); // in sample mode, its files are deleted too
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Why the address could not be taken, in words; null for any other fault. */
function listenRefusal(e: unknown, port: number): ApiError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE')
    return new ApiError(
      'in_use',
      `Port ${port} is in use by another program: choose another with --port, or leave it out.`,
    );
  if (code === 'EACCES')
    return new ApiError(
      'refused',
      `Port ${port} may not be used by this user: choose one above 1023 with --port.`,
    );
  return null;
}

export async function main(argv: string[], staticDir: string): Promise<void> {
  privateUmask();
  try {
    await serve(argv, staticDir);
  } catch (e) {
    process.stderr.write(`Fostering Funnel could not start: ${toApiError(e).message}\n`);
    process.exit(1);
  }
}
