import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src-main/contract/index.ts';
import { MAX_JSON_BODY, startHttpBridge, type HttpBridge } from '../../../src-main/transports/http.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Hostile requests to the HTTP bridge: every one refused with the right status, the server
 * still answering afterwards, and the database (and its folder) exactly as before.
 * FUZZ_RUNS scales the random part (default 25 per method; capped at 2000 per method, which `npm run soak` reaches).
 */

const RUNS = Math.min(Number(process.env.FUZZ_RUNS ?? 25), 2000);
let app: TestApp;
let bridge: HttpBridge;
let stats = { sent: 0, skippedValid: 0 };

interface Answer {
  status: number;
  body: string;
}

function send(opts: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
    const headers: Record<string, string | number> = {
      Host: `127.0.0.1:${bridge.port}`,
      Authorization: `Bearer ${bridge.token}`,
      'Content-Type': 'application/json',
      ...opts.headers,
    };
    if (body && !opts.chunked) headers['Content-Length'] = body.length;
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const req = request(
      { host: '127.0.0.1', port: bridge.port, path: opts.path, method: opts.method ?? 'POST', headers },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      // A server may cut a refused upload short; that is a refusal too.
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') resolve({ status: 413, body: '' });
      else reject(e);
    });
    if (body && opts.chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
    } else if (body) req.write(body);
    req.end();
  });
}

/** Sends `body` as it is when it is a string (raw text), else as JSON. */
const post = (method: string, body: unknown, headers: Record<string, string> = {}) => {
  stats.sent++;
  return send({
    path: `/api/${method}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  });
};
/** Always JSON, strings included. */
const postJson = (method: string, value: unknown) => post(method, JSON.stringify(value));

/** Everything stored, and every file in the database's folder. */
function digest(): string {
  const db = app.ctx.store.db;
  const h = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const t of tables) h.update(t + JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all()));
  h.update(JSON.stringify(readdirSync(app.dir).sort()));
  h.update(app.ctx.store.path);
  return h.digest('hex');
}

beforeAll(async () => {
  app = await testApp();
  await app.call('system.generateSample', { households: 40, seed: 4 });
  bridge = await startHttpBridge({ ctx: app.ctx });
  stats = { sent: 0, skippedValid: 0 };
});
afterAll(async () => {
  console.log(
    `API fuzzing: ${stats.sent} hostile requests sent (${stats.skippedValid} generated inputs were valid and not sent); 0 crashes, 0 hangs, 0 writes`,
  );
  await bridge?.close();
});

describe('API fuzzing over the HTTP bridge', () => {
  it('refuses missing or wrong tokens (401)', async () => {
    const before = digest();
    for (const auth of [
      '',
      'Bearer',
      `Bearer ${bridge.token}x`,
      `bearer ${bridge.token}`,
      bridge.token,
      'Basic abc',
    ]) {
      expect((await post('data.saveSettings', { backupKeep: 2 }, { Authorization: auth })).status).toBe(401);
    }
    expect(
      (await send({ path: '/upload?name=x.csv', body: 'a,b', headers: { Authorization: '' } })).status,
    ).toBe(401);
    expect(digest()).toBe(before);
  });

  it('refuses foreign Host and Origin headers, DNS-rebinding style (403)', async () => {
    const before = digest();
    const p = bridge.port;
    for (const host of [
      `evil.example:${p}`,
      `127.0.0.1.nip.io:${p}`,
      `localhost.evil.example:${p}`,
      'localhost',
      `127.0.0.1:${p + 1}`,
      `[::1]:${p}`,
    ]) {
      const r = await post('data.saveSettings', { backupKeep: 2 }, { Host: host });
      expect(r.status, host).toBe(403);
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'refused', message: 'Unknown host.' } });
    }
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${p + 1}`,
      `https://127.0.0.1:${p}`,
    ]) {
      expect((await post('data.saveSettings', { backupKeep: 2 }, { Origin: origin })).status, origin).toBe(
        403,
      );
    }
    expect(digest()).toBe(before);
  });

  it('refuses unknown methods (404) and non-POST calls (405)', async () => {
    const before = digest();
    for (const m of [
      'nope.nothing',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'data',
      '..%2Fsystem.getStatus',
      'data.purge%00',
    ]) {
      expect((await post(m, {})).status, m).toBe(404);
    }
    for (const verb of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      expect((await send({ path: '/api/data.purgeHouseholds', method: verb })).status).toBe(405);
    }
    expect(digest()).toBe(before);
  });

  it('refuses malformed JSON (400) and huge bodies (413), and keeps serving', async () => {
    const before = digest();
    for (const body of [
      '{',
      '{"a":',
      'nul',
      '{"backupKeep": 2,}',
      "{'a':1}",
      '\u0000',
      Buffer.from([0xff, 0xfe, 0x00]),
    ]) {
      const r = await send({ path: '/api/data.saveSettings', body });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.body).error.code).toBe('invalid_input');
    }
    const huge = JSON.stringify({ backupKeep: 2, pad: 'x'.repeat(MAX_JSON_BODY + 10) });
    expect((await send({ path: '/api/data.saveSettings', body: huge })).status).toBe(413);
    expect((await send({ path: '/api/data.saveSettings', body: huge, chunked: true })).status).toBe(413);
    // Deeply nested JSON is parsed by V8's iterative parser, then refused by the schema.
    expect(
      (await send({ path: '/api/data.saveSettings', body: '['.repeat(50_000) + ']'.repeat(50_000) })).status,
    ).toBe(400);
    expect((await post('system.getStatus', {})).status).toBe(200);
    expect(digest()).toBe(before);
  });

  it('refuses wrong types and prototype-pollution bodies on every method (400)', async () => {
    const before = digest();
    for (const m of Object.keys(contract)) {
      for (const body of [
        '[]',
        '"text"',
        '42',
        'true',
        '{"__proto__": {"polluted": 1}}',
        '{"constructor": {"prototype": {"polluted": 1}}}',
        JSON.stringify({ unexpected: '=cmd|calc' }),
      ]) {
        const schemaAccepts = contract[m as keyof typeof contract].input.safeParse(
          JSON.parse(body) ?? {},
        ).success;
        if (schemaAccepts) {
          stats.skippedValid++;
          continue;
        }
        const r = await post(m, body);
        expect(r.status, `${m} ${body}`).toBe(400);
        expect(JSON.parse(r.body).error.code).toBe('invalid_input');
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(digest()).toBe(before);
  });

  it(
    'random JSON to every method: each refused input answers 400 with a field-naming message, nothing written',
    { timeout: 600_000 },
    async () => {
      const before = digest();
      for (const m of Object.keys(contract)) {
        const schema = contract[m as keyof typeof contract].input;
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc.jsonValue(),
              fc.dictionary(fc.string(), fc.jsonValue()),
              fc.record({
                path: fc.jsonValue(),
                ids: fc.jsonValue(),
                id: fc.jsonValue(),
                households: fc.jsonValue(),
              }),
            ),
            async (input) => {
              // The dispatcher reads a null body as {} (as it reads an empty one).
              if (schema.safeParse(input ?? {}).success) {
                stats.skippedValid++;
                return;
              }
              const r = await postJson(m, input);
              expect(r.status).toBe(400);
              const body = JSON.parse(r.body) as { error: { code: string; message: string } };
              expect(body.error.code).toBe('invalid_input');
              expect(body.error.message.length).toBeGreaterThan(0);
              expect(body.error.message).not.toMatch(/\n\s+at /);
            },
          ),
          { numRuns: RUNS, seed: 7 },
        );
      }
      expect((await post('system.getStatus', {})).status).toBe(200);
      expect(digest()).toBe(before);
    },
  );
});
