import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importFailure } from '../../../src-main/import/worker-messages.ts';
import { toApiError } from '../../../src-main/api/registry.ts';
import { logFaultsBeside, logFaultsTo } from '../../../src-main/fault-log.ts';
import { serve } from '../../../src-main/transports/serve.ts';
import { startHttpBridge, type HttpBridge } from '../../../src-main/transports/http.ts';
import { tempDir, testApp, type TestApp } from '../../support/temp.ts';

/** What the process wrote to its error output while `run` ran (still written, only also read). */
async function stderrOf<T>(run: () => Promise<T>): Promise<{ value: T; written: string }> {
  let written = '';
  const write = process.stderr.write.bind(process.stderr);
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    written += String(chunk);
    return write(chunk);
  }) as typeof process.stderr.write);
  try {
    return { value: await run(), written };
  } finally {
    spy.mockRestore();
  }
}

describe('an unexpected fault at the door', () => {
  let app: TestApp;
  let bridge: HttpBridge;
  const call = (method: string, input: unknown) =>
    fetch(`http://127.0.0.1:${bridge.port}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });

  beforeAll(async () => {
    app = await testApp();
    // As browser mode, the app and the CLI do as they start: the log file goes beside the database.
    logFaultsBeside(app.dbPath);
    bridge = await startHttpBridge({ ctx: app.ctx });
  });
  afterAll(async () => {
    logFaultsTo(null);
    await bridge.close();
  });

  it('answers a SqliteError in plain words with a reference, its details going to the log only', async () => {
    // The table the list reads is gone (a damaged or hand-edited file): SQLite's own words name it.
    app.ctx.store.db.exec('ALTER TABLE households RENAME TO households_elsewhere');
    const { value: res, written } = await stderrOf(() => call('households.listHouseholds', {})).finally(() =>
      app.ctx.store.db.exec('ALTER TABLE households_elsewhere RENAME TO households'),
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal');
    const log = join(app.dir, 'fostering-funnel.log');
    expect(body.error.message.replace(/reference [0-9A-F]{8}\./, 'reference X.')).toBe(
      `Something went wrong inside the app. The details are in the app's log, ${log}, under reference X.`,
    );
    expect(body.error.message.replace(log, '')).not.toMatch(/households|SQLITE|no such table|Error/);
    const reference = /reference ([0-9A-F]{8})/.exec(body.error.message)![1]!;
    expect(written).toContain(`Fostering Funnel fault ${reference}`);
    expect(written).toMatch(/no such table: households/);
    // The same entry in the file, for the app started from the desktop, which has no error output to read.
    expect(readFileSync(log, 'utf8')).toContain(
      `Fostering Funnel fault ${reference}: SqliteError (SQLITE_ERROR): no such table: households\n    at `,
    );
  });

  it('passes a refusal worded for the user as it is, and logs nothing', async () => {
    const { value: res, written } = await stderrOf(() => call('households.getHousehold', { id: 999 }));
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).not.toMatch(/Something went wrong/);
    expect(written).toBe('');
  });

  it('words an import that failed unexpectedly (in its worker or here) the same way', async () => {
    const { value: body, written } = await stderrOf(async () =>
      importFailure(new TypeError("Cannot read properties of undefined (reading 'cells')")),
    );
    expect(body.code).toBe('internal');
    expect(body.message).toMatch(/^The import failed: something went wrong inside the app\. .*reference/);
    expect(body.message).not.toMatch(/Cannot read|cells/);
    // The log keeps the fault's kind and where it arose; its message could quote a record, so not that.
    expect(written).toMatch(/Fostering Funnel fault [0-9A-F]{8}: TypeError\n\s+at /);
    expect(written).not.toMatch(/Cannot read/);
  });
});

describe('browser mode that cannot start', () => {
  /** What `npm run serve` prints after 'Fostering Funnel could not start: ' (serve-main's words). */
  const startFailure = (argv: string[]) =>
    serve([...argv, '--db', join(tempDir(), 'serve.db')], tempDir()).then(
      () => null,
      (e: unknown) => toApiError(e).toJSON(),
    );

  it('says why in words, not as a fault: a port in use, a port that is no number or empty, an unknown option', async () => {
    const app = await testApp();
    const busy = await startHttpBridge({ ctx: app.ctx });
    try {
      expect(await startFailure(['--port', String(busy.port)])).toEqual({
        code: 'in_use',
        message: `Port ${busy.port} is in use by another program: choose another with --port, or leave it out.`,
      });
    } finally {
      await busy.close();
    }
    expect(await startFailure(['--port', 'eighty'])).toEqual({
      code: 'invalid_input',
      message: '--port needs a port number.',
    });
    // An empty value was read as port 0, and the server started on a random port without a word.
    for (const given of [['--port='], ['--port', ''], ['--port', ' '], ['--port', '0x50']])
      expect(await startFailure(given)).toEqual({
        code: 'invalid_input',
        message: '--port needs a port number.',
      });
    expect((await startFailure(['--prot', '8080']))?.message).toMatch(/^Unknown option '--prot'/);
  });
});
