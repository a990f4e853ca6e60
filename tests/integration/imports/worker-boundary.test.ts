import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { nowIso } from '../../../src-main/clock.ts';
import { fileInUse } from '../../../src-main/import/jobs.ts';
import { BASIS_KEY } from '../../../src-main/db/journey-dates.ts';
import { jobSettled, testApp, type TestApp } from '../../support/temp.ts';
import { childPids } from '../../support/processes.ts';

/**
 * The app and its import worker process (import/jobs.ts, import/worker.ts): what the app does while
 * the worker reads a file or writes it, and what reaches the user when the worker's commit fails.
 * Found by a review that wrote each of these as a failing test first.
 */

/** Waits until the worker has reported progress, so it is reading rows; checks it still is. */
async function whileReading(app: TestApp, jobId: string) {
  for (;;) {
    const j = await app.call('imports.getJob', { jobId });
    if (j.rowsRead > 0 || j.state !== 'running') break;
    await new Promise((r) => setImmediate(r));
  }
  expect((await app.call('imports.getJob', { jobId })).state).toBe('running');
}

function csv(app: TestApp, name: string, header: string, rows: number, row: (i: number) => string): string {
  const path = join(app.dir, name);
  writeFileSync(path, [header, ...Array.from({ length: rows }, (_, i) => row(i))].join('\n'));
  return path;
}

/** A commit's outcome: its result, or the refusal it ended in. */
async function commit(app: TestApp, jobId: string) {
  try {
    return { ok: await app.call('imports.commitImport', { jobId }) };
  } catch (e) {
    return { err: e };
  }
}

describe('a change the app makes while its worker reads the file', () => {
  it('of the application basis refuses the commit rather than writing under the old basis', async () => {
    const app = await testApp();
    const path = csv(
      app,
      'apps.csv',
      'Reference,Enquiry Date,First Name,Surname,Email,Application Received',
      60_000,
      (i) => `A${i},01/02/2024,Name${i},Surname${i},p${i}@example.org,01/03/2024`,
    );
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect(started.mode).toBe('worker');
    await whileReading(app, started.jobId);
    await app.call('alerts.setApplicationBasis', { basis: 'eoi' });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    const r = await commit(app, started.jobId);
    expect(r.err).toMatchObject({ code: 'conflict' });
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
  }, 60_000);

  it('by another program, to a setting the plan read, refuses the commit', async () => {
    const app = await testApp();
    const path = csv(
      app,
      'basis.csv',
      'Reference,Enquiry Date,Surname,Application Received',
      20,
      (i) => `S${i},01/02/2024,Surname${i},01/03/2024`,
    );
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    // As the CLI or a second window would: its own connection, no audit entry, no household touched.
    const other = new Database(app.dbPath);
    try {
      other
        .prepare(
          "INSERT INTO settings (key, value) VALUES (?, 'eoi') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .run(BASIS_KEY);
    } finally {
      other.close();
    }
    expect((await commit(app, started.jobId)).err).toMatchObject({ code: 'conflict' });
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
  }, 30_000);

  it('to a household a re-import would overwrite refuses it, rather than counting the row unchanged from a mark read before', async () => {
    const app = await testApp();
    const path = csv(
      app,
      'reg.csv',
      'Reference,Enquiry Date,First Name,Surname,Email',
      40_000,
      (i) => `R${i},01/02/2024,Name${i},Surname${i},p${i}@example.org`,
    );
    expect(await app.call('imports.importFile', { path, overwriteHand: true })).toMatchObject({
      new: 40_000,
    });
    const id = app.ctx.store.db.prepare("SELECT id FROM households WHERE reference = 'R30000'").pluck().get();
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: true });
    await whileReading(app, started.jobId);
    await app.call('households.updateDetails', { id: id as number, email: 'typed@example.org' });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    expect((await commit(app, started.jobId)).err).toMatchObject({ code: 'conflict' });
    // Previewed again, the file's value overwrites the hand edit, as asked.
    await app.call('imports.importFile', { path, overwriteHand: true });
    const email = app.ctx.store.db.prepare('SELECT email FROM households WHERE id = ?').pluck().get(id);
    expect(email).toBe('p30000@example.org');
  }, 120_000);
});

describe('a worker commit that fails', () => {
  it('blocked by another program writing, says so as the app does (in use), not as an internal error', async () => {
    const app = await testApp();
    const path = csv(app, 'small.csv', 'Reference,Enquiry Date,Surname', 10, (i) => `L${i},01/02/2024,S${i}`);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    const other = new Database(app.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect((await commit(app, started.jobId)).err).toMatchObject({ code: 'in_use' });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
  }, 30_000);

  it('leaves its job failed with the reason, and its file no longer needed', async () => {
    const app = await testApp();
    const path = csv(app, 'five.csv', 'Reference,Enquiry Date,Surname', 5, (i) => `F${i},01/02/2024,S${i}`);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    await app.call('households.createHousehold', {
      surname: 'Hand',
      enquiryDate: '2024-01-01',
      confirmDuplicates: true,
    });
    expect((await commit(app, started.jobId)).err).toMatchObject({ code: 'conflict' });
    const job = await app.call('imports.getJob', { jobId: started.jobId });
    expect(job).toMatchObject({ state: 'failed', error: { code: 'conflict' } });
    expect((await commit(app, started.jobId)).err).toMatchObject({ code: 'refused' });
    // Browser mode deletes an uploaded copy of a personal-data export once no job needs it.
    expect(fileInUse(path).needed).toBe(false);
  }, 30_000);

  it('because its worker died after the app opened another database settles, from the file it wrote to', async () => {
    const app = await testApp();
    const path = csv(
      app,
      'big.csv',
      'Reference,Enquiry Date,First Name,Surname,Email',
      60_000,
      (i) => `B${i},01/02/2024,Name${i},Surname${i},p${i}@example.org`,
    );
    const before = new Set(childPids());
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    const [worker] = childPids().filter((p) => !before.has(p));
    expect(worker).toBeDefined();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      const committing = commit(app, started.jobId);
      await app.call('system.openDatabase', { path: join(app.dir, 'other.db'), create: true });
      await new Promise((r) => setTimeout(r, 100));
      process.kill(worker!, 'SIGKILL');
      const settled = await Promise.race([
        committing,
        new Promise((r) => setTimeout(() => r('still pending after 10 s'), 10_000)),
      ]);
      expect(uncaught).toEqual([]);
      expect(settled).not.toBe('still pending after 10 s');
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      for (const l of listeners) process.on('uncaughtException', l);
    }
  }, 60_000);
});

describe("the worker's clock, when the app's is set", () => {
  it('is the app’s: a batch is stamped no earlier than the moment its commit was asked for', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const path = csv(app, 'one.csv', 'Reference,Enquiry Date,Surname', 1, () => 'C1,01/02/2024,Lee');
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    const asked = nowIso();
    const r = await app.call('imports.commitImport', { jobId: started.jobId });
    const stamped = app.ctx.store.db
      .prepare('SELECT created_at FROM import_batches WHERE id = ?')
      .pluck()
      .get(r.batch!) as string;
    expect(stamped >= asked, `batch stamped ${stamped}, commit asked at ${asked}`).toBe(true);
  }, 30_000);
});

describe('a preview waiting to be committed', () => {
  it('does not stop a restore (it is cancelled, as the restore makes it stale)', async () => {
    const app = await testApp();
    await app.call('households.createHousehold', { surname: 'Before', enquiryDate: '2024-01-01' });
    const backup = await app.call('data.backupNow', {});
    const path = csv(app, 'later.csv', 'Reference,Enquiry Date,Surname', 5, (i) => `L${i},01/02/2024,S${i}`);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    const restored = await app.call('data.restoreBackup', { path: backup.path });
    expect(restored.households).toBe(1);
    expect(await app.call('imports.getJob', { jobId: started.jobId })).toMatchObject({
      state: 'cancelled',
      error: { code: 'cancelled' },
    });
    expect((await commit(app, started.jobId)).err).toMatchObject({ code: 'refused' });
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(1);
  }, 30_000);
});
