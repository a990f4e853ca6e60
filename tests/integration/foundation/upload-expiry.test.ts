import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { now, setClock } from '../../../src-main/clock.ts';
import { startHttpBridge, UPLOAD_LIMITS, type HttpBridge } from '../../../src-main/transports/http.ts';
import { TEST_NOW } from '../../support/clock-setup.ts';
import { testApp } from '../../support/temp.ts';

/** Browser mode's uploaded copies (personal data) go even when no call comes after them. */
describe('an uploaded copy no one comes back to', () => {
  let bridge: HttpBridge | undefined;
  afterEach(async () => {
    setClock(TEST_NOW);
    await bridge?.close();
  });

  const csv = 'Reference,Enquiry Date,Surname\r\nU1,01/04/2024,Zqxwvbr\r\n';
  const post = async (path: string, body: string) => {
    const res = await fetch(`http://127.0.0.1:${bridge!.port}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge!.token}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const until = async (ok: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    return ok();
  };

  it('keeps the limits: ten minutes unread, a day with a preview open, looked for each minute', () => {
    expect(UPLOAD_LIMITS).toEqual({ unclaimedMs: 600_000, maxAgeMs: 86_400_000, sweepEveryMs: 60_000 });
  });

  it('deletes an upload never read once its time is up, with no call after it', async () => {
    const app = await testApp();
    bridge = await startHttpBridge({
      ctx: app.ctx,
      uploadLimits: { unclaimedMs: 300, maxAgeMs: 60_000, sweepEveryMs: 100 },
    });
    const { path } = (await post('/upload?name=enquiries.csv', csv)) as { path: string };
    expect(existsSync(path)).toBe(true);
    expect(await until(() => !existsSync(path), 5000)).toBe(true);
  });

  it('deletes the copy behind a preview left open for a day by the clock, a machine’s sleep counted, and the preview says why', async () => {
    const app = await testApp();
    // The real day's limit, looked for often. The day is the clock's: performance.now() stood still
    // while a machine slept, so a laptop shut each night kept the copy for days.
    bridge = await startHttpBridge({ ctx: app.ctx, uploadLimits: { ...UPLOAD_LIMITS, sweepEveryMs: 100 } });
    const { path } = (await post('/upload?name=enquiries.csv', csv)) as { path: string };
    const { jobId } = (await post('/api/imports.startImport', JSON.stringify({ path, kind: 'auto' }))) as {
      jobId: string;
    };
    let job: Record<string, unknown> = {};
    for (job = {}; job.state !== 'ready'; await new Promise((r) => setTimeout(r, 50))) {
      job = await post('/api/imports.getJob', JSON.stringify({ jobId }));
      expect(job.state).not.toBe('failed');
    }
    // Woken from a sleep: the clock has moved on most of a day, next to no time has run here.
    setClock(new Date(now().getTime() + UPLOAD_LIMITS.maxAgeMs - 60_000));
    await new Promise((r) => setTimeout(r, 400));
    expect(existsSync(path)).toBe(true); // a preview still open, a minute short of its day, keeps it
    setClock(new Date(now().getTime() + 60_000));
    expect(await until(() => !existsSync(path), 5000)).toBe(true);
    job = await post('/api/imports.getJob', JSON.stringify({ jobId }));
    expect(job).toMatchObject({
      state: 'cancelled',
      error: {
        code: 'cancelled',
        message:
          'The preview was left open for a day, so the copy of the file it read was deleted and nothing was written: choose the file again.',
      },
    });
  });

  it('receives an upload after a temp cleaner deleted the uploads folder under a running server', async () => {
    const app = await testApp();
    bridge = await startHttpBridge({ ctx: app.ctx });
    const first = (await post('/upload?name=enquiries.csv', csv)) as { path: string };
    const uploads = join(first.path, '..', '..');
    rmSync(uploads, { recursive: true, force: true });
    const { path } = (await post('/upload?name=enquiries.csv', csv)) as { path: string };
    expect(path.startsWith(uploads)).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(await post('/api/imports.importFile', JSON.stringify({ path }))).toMatchObject({ new: 1 });
  });
});

/** A small tmpfs, where this machine lets us mount one (root in a container usually can). */
const mountable = (() => {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'ff-mount-probe-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!mountable)('an upload to a full temporary folder', () => {
  it('is refused in words, naming the file, and nothing of it is kept', async () => {
    const app = await testApp();
    const tmp = join(app.dir, 'tmp');
    mkdirSync(tmp);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', tmp], { stdio: 'ignore' });
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    let bridge: HttpBridge | undefined;
    try {
      bridge = await startHttpBridge({ ctx: app.ctx });
      const res = await fetch(`http://127.0.0.1:${bridge.port}/upload?name=enquiries.csv`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${bridge.token}` },
        body: Buffer.alloc(2 * 1024 * 1024, 'a'),
      });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({
        error: {
          code: 'io_error',
          message:
            'enquiries.csv could not be received into the temporary folder (the disk is full). Nothing of it was kept.',
        },
      });
      const [uploads] = readdirSync(tmp);
      expect(readdirSync(join(tmp, uploads!))).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      await bridge?.close();
      execFileSync('umount', ['-l', tmp], { stdio: 'ignore' });
    }
  });
});
