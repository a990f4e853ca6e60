import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HEADERS_TIMEOUT_MS,
  MAX_UPLOAD,
  REQUEST_TIMEOUT_MS,
  startHttpBridge,
  uploadFileName,
  type HttpBridge,
} from '../../../src-main/transports/http.ts';
import { tempDir, testApp, type TestApp } from '../../support/temp.ts';

/** Issue 13, finding 10: the bridge drops slow clients, answers malformed addresses 400, keeps no uploads. */
function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Opens a raw connection that sends `first`, then one byte every `everyMs`; resolves when the server closes it. */
function trickle(
  port: number,
  first: string,
  everyMs: number,
): { closed: Promise<number>; received: () => string } {
  const started = Date.now();
  let received = '';
  let socket: Socket;
  const closed = new Promise<number>((resolve) => {
    socket = connect(port, '127.0.0.1', () => socket.write(first));
    socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write('x');
    }, everyMs);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    });
  });
  return { closed, received: () => received };
}

describe('the HTTP bridge against hostile clients', () => {
  let app: TestApp;
  let bridge: HttpBridge;
  const auth = () => ({ Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' });

  beforeAll(async () => {
    app = await testApp();
    bridge = await startHttpBridge({
      ctx: app.ctx,
      timeouts: { headersMs: 1000, requestMs: 2500, checkEveryMs: 200 },
    });
  });
  afterAll(() => bridge.close());

  it('has header and request timeouts by default', async () => {
    const b = await startHttpBridge({ ctx: app.ctx });
    try {
      expect(b.server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
      expect(b.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
      expect(REQUEST_TIMEOUT_MS).toBeGreaterThan(0);
      expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(300_000);
    } finally {
      await b.close();
    }
  });

  it('drops a client that trickles its headers (slow loris)', async () => {
    const t = trickle(
      bridge.port,
      `POST /api/system.getStatus HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nX-Slow: `,
      300,
    );
    expect(await t.closed).toBeLessThan(5000);
  });

  it('drops a client that trickles its body, with or without the token', async () => {
    const head = (token: string) =>
      `POST /api/system.getStatus HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nAuthorization: Bearer ${token}\r\nContent-Length: 100000\r\n\r\n{`;
    const refused = trickle(bridge.port, head('wrong'), 300);
    const authorised = trickle(bridge.port, head(bridge.token), 300);
    expect(await refused.closed).toBeLessThan(6000);
    expect(refused.received()).toMatch(/^HTTP\/1\.1 401/);
    expect(await authorised.closed).toBeLessThan(6000);
  });

  it('answers a malformed percent escape 400, not 500', async () => {
    for (const path of ['/%E0%A4%A', '/api/%E0%A4%A', '/assets/%ZZ.js']) {
      const api = path.startsWith('/api/');
      const r = await send(bridge.port, path, api ? { headers: auth(), body: '{}' } : { method: 'GET' });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'invalid_input' } });
    }
  });

  it('deletes an uploaded copy once its import has ended, and keeps it while a preview is open', async () => {
    const csv = 'Reference,Enquiry Date,Surname\r\nU1,01/04/2024,Upload\r\n';
    const upload = async (body = csv) => {
      const r = await send(bridge.port, '/upload?name=enquiries.csv', { headers: auth(), body });
      expect(r.status).toBe(200);
      const path = (JSON.parse(r.body) as { path: string }).path;
      expect(statSync(path).mode & 0o777).toBe(0o600);
      return path;
    };
    const api = async (method: string, input: unknown) => {
      const r = await send(bridge.port, `/api/${method}`, { headers: auth(), body: JSON.stringify(input) });
      expect(r.status, r.body).toBe(200);
      return JSON.parse(r.body) as Record<string, unknown>;
    };
    const waitReady = async (jobId: string) => {
      for (;;) {
        const job = await api('imports.getJob', { jobId });
        if (job.state !== 'running') return job;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // One step: gone as soon as the call returns.
    const a = await upload();
    await api('imports.importFile', { path: a, kind: 'auto' });
    expect(existsSync(a)).toBe(false);
    expect(existsSync(dirname(a))).toBe(false);

    // A preview: kept while it can still be committed or re-run, deleted after the commit (of a
    // file with a change: the same file again has nothing to import).
    const b = await upload(csv.replace('U1,', 'U2,'));
    const job = await api('imports.startImport', { path: b, kind: 'auto' });
    expect((await waitReady(job.jobId as string)).state).toBe('ready');
    expect(existsSync(b)).toBe(true);
    await api('imports.commitImport', { jobId: job.jobId });
    expect(existsSync(b)).toBe(false);

    // Cancelled: deleted too.
    const c = await upload();
    const again = await api('imports.startImport', { path: c, kind: 'auto' });
    await waitReady(again.jobId as string);
    await api('imports.cancelImport', { jobId: again.jobId });
    expect(existsSync(c)).toBe(false);
    expect(readdirSync(dirname(dirname(c)))).toEqual([]);
  });
});

describe('browser mode killed with an upload on disk', () => {
  const ROOT = join(import.meta.dirname, '../../..');

  /** `npm run serve` as a process of its own, its temporary folder `tmp`; resolves with its address. */
  function serve(db: string, tmp: string): Promise<{ child: ChildProcess; url: URL }> {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.js'), '--db', db], {
      cwd: ROOT,
      env: { ...process.env, TMPDIR: tmp },
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (m) resolve({ child, url: new URL(m[1]!) });
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}; stdout: ${out} stderr: ${err}`)));
    });
  }
  const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

  it('deletes the copy the killed server left when browser mode next starts: no import needs it, no purge reaches it', async () => {
    const dir = tempDir();
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const db = join(dir, 'serve.db');
    const first = await serve(db, tmp);
    const token = first.url.searchParams.get('token')!;
    const res = await fetch(new URL('/upload?name=enquiries.csv', first.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: 'Reference,Enquiry Date,Surname\r\nU1,01/04/2024,Zqxwvbr\r\n',
    });
    expect(res.status).toBe(200);
    const copy = ((await res.json()) as { path: string }).path;
    expect(copy.startsWith(tmp)).toBe(true);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(existsSync(copy)).toBe(true); // nothing ran to delete it

    const second = await serve(db, tmp);
    try {
      expect(existsSync(copy)).toBe(false);
      // Only the running server's own folder is left.
      expect(readdirSync(tmp).filter((f) => f.startsWith('fostering-funnel-uploads-'))).toHaveLength(1);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  }, 120_000);
});

describe('browser-mode uploads and their file names', () => {
  let app: TestApp;
  let bridge: HttpBridge;
  beforeAll(async () => {
    app = await testApp();
    bridge = await startHttpBridge({ ctx: app.ctx });
  });
  afterAll(() => bridge.close());

  it('keeps every upload in a folder of its own under a plain name: never ., .., a path or a hidden file', async () => {
    const headers = { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/octet-stream' };
    const names = [
      '..',
      '.',
      'a/..',
      '../../x.csv',
      '..\\..\\x.csv',
      '...',
      ' ',
      '.bashrc',
      `${'n'.repeat(300)}.csv`,
    ];
    const uploads = new Set<string>();
    for (const name of names) {
      const body = `Reference\r\n${name.length}\r\n`;
      const r = await send(bridge.port, `/upload?name=${encodeURIComponent(name)}`, { headers, body });
      expect(r.status, `${JSON.stringify(name)}: ${r.body}`).toBe(200);
      const path = (JSON.parse(r.body) as { path: string }).path;
      const file = basename(path);
      expect(file, JSON.stringify(name)).toMatch(/^[\w\-()][\w.\- ()]*$/);
      expect(file.length).toBeLessThanOrEqual(120);
      expect(readFileSync(path, 'utf8')).toBe(body);
      uploads.add(dirname(dirname(path)));
      expect(readdirSync(dirname(path))).toEqual([file]);
    }
    expect(uploads.size).toBe(1);
    expect(uploadFileName('../../x.csv')).toBe('x.csv');
    expect(uploadFileName(`${'n'.repeat(300)}.csv`)).toBe(`${'n'.repeat(116)}.csv`);
    expect(uploadFileName(null)).toBe('upload');
  });
});

describe('browser-mode uploads over the limit', () => {
  let app: TestApp;
  let bridge: HttpBridge;
  beforeAll(async () => {
    app = await testApp();
    bridge = await startHttpBridge({ ctx: app.ctx });
  });
  afterAll(() => bridge.close());

  /** Streams `size` bytes to /upload, declared up front or chunked; the status and body answered. */
  const upload = (size: number, declared: boolean) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string> = { Authorization: `Bearer ${bridge.token}` };
      if (declared) headers['Content-Length'] = String(size);
      const req = request(
        {
          host: '127.0.0.1',
          port: bridge.port,
          path: '/upload?name=big.csv',
          method: 'POST',
          headers,
          agent: false,
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      // The server may close the connection once it has answered: the answer is what counts.
      req.on('error', (e: NodeJS.ErrnoException) =>
        e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e),
      );
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const write = (): void => {
        while (sent < size) {
          const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
          sent += part.length;
          if (!req.write(part)) {
            req.once('drain', write);
            return;
          }
        }
        req.end();
      };
      write();
    });

  it('refuses a file over 100 MB, declared or streamed, and keeps nothing of it', async () => {
    const over = MAX_UPLOAD + 1;
    for (const declared of [true, false]) {
      const r = await upload(over, declared);
      expect(r.status, `declared ${declared}`).toBe(413);
      expect(JSON.parse(r.body)).toEqual({
        error: { code: 'too_large', message: 'Files over 100 MB cannot be imported.' },
      });
    }
    const root = readdirSync(tmpdir())
      .filter((n) => n.startsWith(`fostering-funnel-uploads-${process.pid}-`))
      .map((n) => join(tmpdir(), n));
    expect(root.flatMap((d) => readdirSync(d))).toEqual([]);
    expect((await upload(1024, false)).status).toBe(200);
  }, 60_000);
});
