import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBridge, type HttpBridge } from '../../../src-main/transports/http.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/transports/security-headers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests control every header (fetch would rewrite Host). */
function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('the localhost HTTP bridge', () => {
  let app: TestApp;
  let bridge: HttpBridge;
  const auth = () => ({ Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' });
  const households = () => app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get();

  beforeAll(async () => {
    app = await testApp();
    bridge = await startHttpBridge({
      ctx: app.ctx,
      staticDir: join(import.meta.dirname, '../../../out/renderer'),
    });
  });
  afterAll(() => bridge.close());

  it('listens on 127.0.0.1 only and prints a URL with a random token', () => {
    const address = bridge.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call with the right token', async () => {
    const r = await send(bridge.port, '/api/system.getStatus', { headers: auth(), body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      schemaVersion: expect.any(Number),
      households: 0,
      dbPath: app.dbPath,
    });
  });

  it('refuses calls without the token or with a wrong one (401), writing nothing', async () => {
    const body = JSON.stringify({ households: 5, seed: 1 });
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: bridge.token }] as Array<
      Record<string, string>
    >) {
      const r = await send(bridge.port, '/api/system.generateSample', { headers, body });
      expect(r.status).toBe(401);
    }
    expect(households()).toBe(0);
  });

  it('answers 404 for an unknown method and 400 naming the field for invalid input', async () => {
    expect(
      (await send(bridge.port, '/api/system.dropEverything', { headers: auth(), body: '{}' })).status,
    ).toBe(404);
    const r = await send(bridge.port, '/api/system.generateSample', {
      headers: auth(),
      body: '{"households":"many","seed":1}',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatchObject({ code: 'invalid_input', field: 'households' });
    const bad = await send(bridge.port, '/api/system.getStatus', { headers: auth(), body: '{not json' });
    expect(bad.status).toBe(400);
    const extra = await send(bridge.port, '/api/system.getStatus', { headers: auth(), body: '{"sneaky":1}' });
    expect(extra.status).toBe(400);
    expect(households()).toBe(0);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin before checking anything else', async () => {
    const host = await send(bridge.port, '/api/system.getStatus', {
      headers: { ...auth(), Host: `evil.example:${bridge.port}` },
      body: '{}',
    });
    expect(host.status).toBe(403);
    const page = await send(bridge.port, '/', { method: 'GET', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    const origin = await send(bridge.port, '/api/system.getStatus', {
      headers: { ...auth(), Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(origin.status).toBe(403);
  });

  it('never sends CORS headers and refuses over-large bodies', async () => {
    const pre = await send(bridge.port, '/api/system.getStatus', {
      method: 'OPTIONS',
      headers: { Origin: `http://127.0.0.1:${bridge.port}`, 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.status).toBe(405);
    for (const r of [
      pre,
      await send(bridge.port, '/api/system.getStatus', { headers: auth(), body: '{}' }),
    ]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    const huge = await send(bridge.port, '/api/system.getStatus', {
      headers: auth(),
      body: Buffer.alloc(2 * 1024 * 1024, 32),
    });
    expect(huge.status).toBe(413);
  });

  it('serves the UI with a strict Content-Security-Policy and no path traversal', async () => {
    const r = await send(bridge.port, '/', { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const t = await send(bridge.port, '/../../package.json', { method: 'GET' });
    expect(t.body).not.toContain('"devDependencies"');
  });
});
