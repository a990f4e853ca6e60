import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  createWriteStream,
  rmSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { AppContext } from '../api/context.ts';
import { dispatch, isMethodName, toApiError } from '../api/registry.ts';
import { now } from '../clock.ts';
import { ApiError, type ApiErrorCode } from '../contract/errors.ts';
import { fileFault } from '../fault-log.ts';
import { cancelImportsOfFile, fileInUse } from '../import/jobs.ts';
import { makeTempFolder, sweepOrphanedTempFolders } from '../db/processes.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/** JSON API bodies are small; files travel through /upload, which has its own limit. */
export const MAX_JSON_BODY = 1024 * 1024;
export const MAX_UPLOAD = 100 * 1024 * 1024;
/**
 * A client has this long to send its request line and headers, and this long for the whole
 * request (a 100 MB upload over the loopback takes a second or two); then it is dropped, so
 * a client trickling bytes (slow loris) cannot hold a connection open. The time to answer
 * (a long import) is not limited: imports are polled.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 120_000;
/** How long a refused request may go on sending before its connection is closed. */
const REFUSED_GRACE_MS = 2000;
/**
 * An upload no import has read within this time is deleted (the page was closed first); one whose
 * preview is still open after a day is deleted with the preview (the page was left, or closed, on
 * it). Looked for after every call and each minute, so a server left idle keeps no copy either.
 */
export const UPLOAD_LIMITS = { unclaimedMs: 10 * 60_000, maxAgeMs: 24 * 60 * 60_000, sweepEveryMs: 60_000 };
const UPLOAD_EXPIRED =
  'The preview was left open for a day, so the copy of the file it read was deleted and nothing was written: choose the file again.';

/** Each server's uploads folder in the temporary folder: this, its process's mark, a random part. */
const UPLOADS_PREFIX = 'fostering-funnel-uploads-';

/** Deletes the uploads folders of servers that never closed: copies of files no import will read. */
const sweepOrphanedUploads = (): void => sweepOrphanedTempFolders(UPLOADS_PREFIX);

const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  rule_violation: 422,
  conflict: 409,
  refused: 422,
  in_use: 423,
  cancelled: 409,
  io_error: 500,
  internal: 500,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HttpBridge {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export interface HttpOptions {
  ctx: AppContext;
  /** The built renderer (out/renderer); without it only the API is served. */
  staticDir?: string;
  port?: number;
  token?: string;
  /** Shorter limits for tests; the defaults are UPLOAD_LIMITS. */
  uploadLimits?: typeof UPLOAD_LIMITS;
  /** Shorter limits for tests; the defaults are HEADERS_TIMEOUT_MS and REQUEST_TIMEOUT_MS. */
  timeouts?: { headersMs: number; requestMs: number; checkEveryMs?: number };
}

class HttpFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * The uploaded copy's file name: the chosen file's own (imports name it in their messages and read
 * its extension), in safe characters, at most 120 of them, keeping the end (the extension). Never
 * a path, `.`, `..` or a hidden name: `..` named the uploads folder itself, and it and a name over
 * 255 bytes failed with a 500 that named the folder.
 */
export function uploadFileName(given: string | null): string {
  const name = basename(given ?? '')
    .replace(/[^\w.\- ()]/g, '_')
    .slice(-120)
    .replace(/^[.\s]+/, '')
    .trimEnd();
  return name || 'upload';
}

/** Percent-decoding that answers 400 for a malformed escape (`%E0%A4%A`), never 500. */
function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpFailure(400, 'invalid_input', 'The address is not valid (a malformed % escape).');
  }
}

/**
 * The localhost HTTP bridge: the built UI and `POST /api/<method>` on 127.0.0.1 only,
 * behind a random per-run bearer token. No CORS headers, ever; requests naming any other
 * Host (DNS rebinding) or a foreign Origin are refused before anything else happens.
 */
export async function startHttpBridge(opts: HttpOptions): Promise<HttpBridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBuf = Buffer.from(`Bearer ${token}`);
  sweepOrphanedUploads();
  const uploads = makeTempFolder(UPLOADS_PREFIX);
  /** Uploaded copies still on disk, with when each arrived. */
  const uploaded = new Map<string, number>();
  let port = 0;

  // A copy of a personal-data export lives only as long as an import needs it: deleted
  // once every job on it has ended (committed, cancelled, failed or replaced), when no
  // import has read it within unclaimedMs, or with a preview left open past maxAgeMs.
  const limits = opts.uploadLimits ?? UPLOAD_LIMITS;
  const sweepUploads = () => {
    const at = now().getTime();
    for (const [path, arrived] of uploaded) {
      // A clock set back (by hand, or by the network's time) counts from now, never forever.
      if (arrived > at) uploaded.set(path, at);
      const age = Math.max(0, at - arrived);
      if (age >= limits.maxAgeMs) cancelImportsOfFile(path, UPLOAD_EXPIRED);
      const use = fileInUse(path);
      if (use.needed || (!use.used && age < limits.unclaimedMs)) continue;
      rmSync(dirname(path), { recursive: true, force: true });
      uploaded.delete(path);
    }
  };
  const sweeper = setInterval(sweepUploads, limits.sweepEveryMs);
  sweeper.unref();

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const authorised = (req: IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts().has(req.headers.host ?? '')) throw new HttpFailure(403, 'refused', 'Unknown host.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      throw new HttpFailure(403, 'refused', 'Cross-origin requests are refused.');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      throw new HttpFailure(400, 'invalid_input', 'The address is not valid.');
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') throw new HttpFailure(405, 'refused', 'Use POST for API calls.');
      if (!authorised(req)) throw new HttpFailure(401, 'unauthorised', 'Missing or wrong token.');
      const method = decodePath(url.pathname.slice('/api/'.length));
      if (!(await isMethodName(method)))
        throw new HttpFailure(404, 'not_found', `There is no API method called "${method}".`);
      const body = await readBody(req, MAX_JSON_BODY);
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpFailure(400, 'invalid_input', 'The request body is not valid JSON.');
      }
      try {
        const result = await dispatch(opts.ctx, method, input);
        return sendJson(res, 200, result ?? null);
      } catch (e) {
        const err = toApiError(e);
        return sendJson(res, STATUS_BY_CODE[err.code], { error: err.toJSON() });
      } finally {
        sweepUploads();
      }
    }

    if (url.pathname === '/upload') {
      if (req.method !== 'POST') throw new HttpFailure(405, 'refused', 'Use POST to upload.');
      if (!authorised(req)) throw new HttpFailure(401, 'unauthorised', 'Missing or wrong token.');
      const name = uploadFileName(url.searchParams.get('name'));
      sweepUploads();
      let dir = '';
      const dest = () => join(dir, name);
      try {
        // Made again if it has gone: a temp cleaner (systemd-tmpfiles, Disk Cleanup) deletes folders
        // untouched for days under a server left running, and every upload then failed as a fault.
        mkdirSync(uploads, { recursive: true, mode: 0o700 });
        dir = mkdtempSync(join(uploads, 'u-'));
        await receiveFile(req, dest(), MAX_UPLOAD);
      } catch (e) {
        if (dir) rmSync(dir, { recursive: true, force: true });
        // A full or read-only temporary folder is the user's to free: said in words. Anything else
        // (the page closed mid-upload) is a fault like any other.
        const code = (e as { code?: unknown }).code;
        if (e instanceof HttpFailure || !['ENOSPC', 'EROFS', 'EACCES', 'EPERM'].includes(String(code)))
          throw e;
        throw new ApiError(
          'io_error',
          `${name} could not be received into the temporary folder (${fileFault(e)}). Nothing of it was kept.`,
        );
      }
      // By the core's clock, not performance.now(): that stops while the machine sleeps, so a copy
      // on a laptop shut each night outlived its day. Tests set this clock to move a day on.
      uploaded.set(dest(), now().getTime());
      return sendJson(res, 200, { path: dest() });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new HttpFailure(405, 'refused', 'Method not allowed.');
    return serveStatic(req, res, opts.staticDir, url.pathname);
  };

  const timeouts = opts.timeouts ?? { headersMs: HEADERS_TIMEOUT_MS, requestMs: REQUEST_TIMEOUT_MS };
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // How often Node looks for connections past those limits (its default is 30 s).
      connectionsCheckingInterval: timeouts.checkEveryMs ?? 1000,
    },
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        if (e instanceof HttpFailure) {
          if (!res.headersSent) sendJson(res, e.status, { error: { code: e.code, message: e.message } });
          // The rest of a refused request is read and dropped, so the client can read the
          // answer; a client still sending a moment later (slow loris) is cut off.
          req.resume();
          res.on('finish', () => {
            const timer = setTimeout(() => {
              if (!req.complete) req.socket.destroy();
            }, REFUSED_GRACE_MS);
            timer.unref();
          });
          return;
        }
        const err = toApiError(e);
        if (!res.headersSent) sendJson(res, STATUS_BY_CODE[err.code], { error: err.toJSON() });
      });
    },
  );

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(sweeper);
        server.closeAllConnections();
        server.close(() => {
          rmSync(uploads, { recursive: true, force: true });
          done();
        });
      }),
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    // A refused over-large body is not read to its end: the connection cannot be reused.
    ...(status === 413 ? { Connection: 'close' } : {}),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpFailure(413, 'too_large', `The request body is over ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpFailure(413, 'too_large', `The request body is over ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function receiveFile(req: IncomingMessage, dest: string, limit: number): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpFailure(413, 'too_large', 'Files over 100 MB cannot be imported.');
  let size = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) done(new HttpFailure(413, 'too_large', 'Files over 100 MB cannot be imported.'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, guard, createWriteStream(dest, { mode: 0o600 }));
  } catch (e) {
    rmSync(dest, { force: true });
    throw e;
  }
}

/**
 * The UI's files, each read and answered in the turn it was asked for (they are small: the largest
 * is ~0.5 MB). A stream would take several turns, and a report table worked out in between (the
 * core answers calls synchronously in this same process, ~0.2 s at 1,000,000 households) held up
 * the code of a screen still on its way.
 */
function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string | undefined,
  pathname: string,
): void {
  const wanted = pathname === '/' ? '/index.html' : decodePath(pathname);
  if (!root) throw new HttpFailure(404, 'not_found', 'The UI has not been built (run npm run build).');
  const base = resolve(root);
  const file = resolve(base, '.' + normalize(wanted));
  if (file !== base && !file.startsWith(base + sep)) throw new HttpFailure(404, 'not_found', 'Not found.');
  const target = existsSync(file) && statSync(file).isFile() ? file : join(base, 'index.html');
  if (!existsSync(target))
    throw new HttpFailure(404, 'not_found', 'The UI has not been built (run npm run build).');
  const body = readFileSync(target);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME[extname(target)] ?? 'application/octet-stream',
    'Content-Length': body.length,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
