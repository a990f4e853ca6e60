import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jobSettled, testApp, tempDir } from '../../support/temp.ts';
import { hashDb, writeWorkbook, xlDate } from './fixtures.ts';
import { childPids } from '../../support/processes.ts';
import { formatUkDateTime } from '../../../src-main/domain/dates.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); // a zombie has ended
  } catch {
    return false;
  }
};

const ROOT = join(import.meta.dirname, '../../..');

function bigCsv(path: string, rows: number): string {
  const lines = ['Reference,Enquiry Date,First Name,Surname,Email'];
  for (let i = 0; i < rows; i++) lines.push(`B${i},01/02/2024,Name${i},Surname${i},p${i}@example.org`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('import jobs run in a process of their own', () => {
  afterEach(() => {
    delete process.env.FOSTERING_FUNNEL_IMPORT_WORKER;
  });

  it('parses in a worker process with progress, and the preview maps every column', async () => {
    const app = await testApp();
    const path = bigCsv(join(app.dir, 'big.csv'), 20_000);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect(started.mode).toBe('worker');
    const job = await jobSettled(app, started.jobId);
    expect(job).toMatchObject({ state: 'ready', mode: 'worker', rowsRead: 20_001, totalRows: 20_001 });
    expect(job.preview!.mapping.map((m) => m.field)).toEqual([
      'reference',
      'enquiry_date',
      'first_name',
      'surname',
      'email',
    ]);
    expect(job.preview!.counts).toMatchObject({ rows: 20_000, new: 20_000 });
    expect(job.preview!.preview[0]).toMatchObject({
      row: 2,
      action: 'new',
      reference: 'B0',
      name: 'Name0 Surname0',
      milestones: { enquiry: '2024-02-01' },
    });
    expect(job.preview!.preview.map((p) => p.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const r = await app.call('imports.commitImport', { jobId: started.jobId });
    expect(r.batch).toBe(1);
    expect(
      app.ctx.store.db.prepare("SELECT first_name FROM households WHERE reference = 'B19999'").pluck().get(),
    ).toBe('Name19999');
    await expect(app.call('imports.commitImport', { jobId: started.jobId })).rejects.toThrow(
      /already committed/,
    );
  });

  it('cancel stops the job mid-file and writes nothing', async () => {
    const app = await testApp();
    const path = bigCsv(join(app.dir, 'huge.csv'), 400_000);
    const hash = hashDb(app.dbPath);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    let job = started;
    while (job.state === 'running' && job.rowsRead === 0) {
      await new Promise((r) => setTimeout(r, 5));
      job = await app.call('imports.getJob', { jobId: started.jobId });
    }
    const cancelled = await app.call('imports.cancelImport', { jobId: started.jobId });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.rowsRead).toBeLessThan(400_001);
    await expect(app.call('imports.commitImport', { jobId: started.jobId })).rejects.toThrow(/cancelled/);
    expect(hashDb(app.dbPath)).toBe(hash);
  });

  it('a worker process that dies mid-file fails its import with a clear message; the app goes on', async () => {
    const app = await testApp();
    const path = bigCsv(join(app.dir, 'doomed.csv'), 400_000);
    const hash = hashDb(app.dbPath);
    const before = new Set(childPids());
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    let job = started;
    while (job.state === 'running' && job.rowsRead === 0) {
      await new Promise((r) => setTimeout(r, 5));
      job = await app.call('imports.getJob', { jobId: started.jobId });
    }
    const workers = childPids().filter((p) => !before.has(p));
    expect(workers).toHaveLength(1);
    // What a native crash does to it: the process is gone without a word (SIGKILL rather than
    // SIGSEGV, which would leave a core file).
    process.kill(workers[0]!, 'SIGKILL');
    const failed = await jobSettled(app, started.jobId);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toMatch(
      /^The import of doomed\.csv stopped unexpectedly \(SIGKILL\); nothing was written/,
    );
    expect(hashDb(app.dbPath)).toBe(hash);
    // The app's own process is untouched: the next import runs.
    const small = bigCsv(join(app.dir, 'after.csv'), 5);
    expect((await app.call('imports.importFile', { path: small })).batch).toBe(1);
  });

  it('a preview whose worker dies while it waits is failed, not offered for commit', async () => {
    const app = await testApp();
    const path = bigCsv(join(app.dir, 'idle.csv'), 50);
    const before = new Set(childPids());
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    const [worker] = childPids().filter((p) => !before.has(p));
    process.kill(worker!, 'SIGKILL');
    let job = await app.call('imports.getJob', { jobId: started.jobId });
    for (let i = 0; i < 200 && job.state === 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      job = await app.call('imports.getJob', { jobId: started.jobId });
    }
    expect(job.state).toBe('failed');
    expect(job.error?.message).toMatch(/stopped unexpectedly \(SIGKILL\)/);
    await expect(app.call('imports.commitImport', { jobId: started.jobId })).rejects.toThrow(
      /stopped unexpectedly/,
    );
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
  });

  it('an import being written can be neither cancelled nor committed twice, and lands whole', async () => {
    const app = await testApp();
    const path = bigCsv(join(app.dir, 'writing.csv'), 20_000);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    const commit = app.call('imports.commitImport', { jobId: started.jobId });
    await new Promise((r) => setTimeout(r, 0));
    await expect(app.call('imports.cancelImport', { jobId: started.jobId })).rejects.toThrow(
      /being written and can no longer be cancelled/,
    );
    await expect(app.call('imports.commitImport', { jobId: started.jobId })).rejects.toThrow(
      /already being written/,
    );
    // A new preview does not stop it either.
    await app.call('imports.startImport', {
      path: bigCsv(join(app.dir, 'next.csv'), 5),
      kind: 'auto',
      overwriteHand: false,
    });
    expect((await commit).batch).toBe(1);
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(20_000);
  });

  it('refuses to commit a preview into a different database than it was made against', async () => {
    const app = await testApp();
    const path = bigCsv(join(app.dir, 'few.csv'), 3);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    expect((await jobSettled(app, started.jobId)).state).toBe('ready');
    await app.call('system.openDatabase', { path: join(app.dir, 'other.db'), create: true });
    await expect(app.call('imports.commitImport', { jobId: started.jobId })).rejects.toThrow(
      /different database was opened/,
    );
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
  });

  it('falls back to the main thread, saying so, when workers are switched off', async () => {
    process.env.FOSTERING_FUNNEL_IMPORT_WORKER = 'off';
    const app = await testApp();
    const path = bigCsv(join(app.dir, 'small.csv'), 50);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    const job = await jobSettled(app, started.jobId);
    expect(job).toMatchObject({ state: 'ready', mode: 'inline' });
    expect(job.preview!.counts.new).toBe(50);
    expect((await app.call('imports.commitImport', { jobId: started.jobId })).batch).toBe(1);
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(50);
  });

  it('cancel also stops a job run in the app’s own process (the fallback) mid-file', async () => {
    process.env.FOSTERING_FUNNEL_IMPORT_WORKER = 'off';
    const app = await testApp();
    const path = bigCsv(join(app.dir, 'inline.csv'), 100_000);
    const hash = hashDb(app.dbPath);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    const cancelled = await app.call('imports.cancelImport', { jobId: started.jobId });
    expect(cancelled).toMatchObject({ state: 'cancelled', mode: 'inline' });
    expect(cancelled.rowsRead).toBeLessThan(100_001);
    expect(hashDb(app.dbPath)).toBe(hash);
  });

  it('a confirmed mapping is saved as a profile and applied to the next file with the same headers', async () => {
    const app = await testApp();
    const rows = (ref: string) => [
      ['Case', 'Logged', 'Family'],
      [ref, xlDate('2024-03-01'), 'Lowe'],
    ];
    const a = writeWorkbook(join(app.dir, 'a.xlsx'), { S: rows('M1') });
    const first = await app.call('imports.startImport', { path: a, kind: 'auto', overwriteHand: false });
    // "Family", "Case" and "Logged" name no field on their own: no header is found.
    expect((await jobSettled(app, first.jobId)).error?.message).toMatch(/no recognisable header/);

    const b = writeWorkbook(join(app.dir, 'b.xlsx'), {
      S: [
        ['Ref', 'Logged', 'Family', 'Surname'],
        ['M1', xlDate('2024-03-01'), 'Lowe', 'x'],
      ],
    });
    const auto = await jobSettled(
      app,
      (await app.call('imports.startImport', { path: b, kind: 'auto', overwriteHand: false })).jobId,
    );
    expect(auto.preview!.mapping.map((m) => m.field)).toEqual(['reference', null, null, 'surname']);
    const mapped = await jobSettled(
      app,
      (
        await app.call('imports.startImport', {
          path: b,
          kind: 'auto',
          overwriteHand: false,
          mapping: [
            { column: 0, field: 'reference' },
            { column: 1, field: 'enquiry_date' },
            { column: 2, field: 'surname' },
            { column: 3, field: null },
          ],
        })
      ).jobId,
    );
    await app.call('imports.commitImport', { jobId: mapped.jobId, saveProfileAs: 'Hub export' });
    expect(
      app.ctx.store.db.prepare("SELECT surname, enquiry_date FROM households WHERE reference = 'M1'").get(),
    ).toEqual({ surname: 'Lowe', enquiry_date: '2024-03-01' });
    expect((await app.call('imports.listProfiles', {})).map((p) => p.name)).toEqual(['Hub export']);

    const c = writeWorkbook(join(app.dir, 'c.xlsx'), {
      S: [
        ['Ref', 'Logged', 'Family', 'Surname'],
        ['M2', xlDate('2024-04-01'), 'Hart', 'y'],
      ],
    });
    const next = await jobSettled(
      app,
      (await app.call('imports.startImport', { path: c, kind: 'auto', overwriteHand: false })).jobId,
    );
    expect(next.preview).toMatchObject({ profile: 'Hub export' });
    expect(next.preview!.mapping.map((m) => m.field)).toEqual(['reference', 'enquiry_date', 'surname', null]);
  });
});

describe('the import CLI', () => {
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/fostering-funnel.js'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('prints exactly the documented JSON, supports --dry-run, undo-import and imports', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const file = join(dir, 'e.csv');
    writeFileSync(
      file,
      'Ref,Enquiry Date,Surname\nC1,01/03/2024,Ames\nC2,02/03/2024,Bell\nC2,02/03/2024,Bell\nC3,30/02/2024,Cole\n',
    );
    expect(cli('init', '--db', db).code).toBe(0);
    const before = hashDb(db);

    // Rows refused beside rows taken: done, but not all of it (exit 3), so a scheduled import says so.
    const dry = cli('import', file, '--db', db, '--dry-run', '--json');
    expect(dry.code).toBe(3);
    expect(hashDb(db)).toBe(before);
    const expected = {
      batch: null,
      kind: 'enquiries',
      rows: 4,
      new: 2,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      rejected: 1,
      warnings: [
        { row: 4, column: 'Ref', message: 'Row 4 repeats row 3 (C2) exactly: counted once, as a duplicate.' },
      ],
      errors: [{ row: 5, column: 'Enquiry Date', message: '"30/02/2024" is not a real date.' }],
      headers: ['Ref', 'Enquiry Date', 'Surname'],
      mapping: [
        { column: 0, header: 'Ref', field: 'reference', confidence: 1, tied: [] },
        { column: 1, header: 'Enquiry Date', field: 'enquiry_date', confidence: 1, tied: [] },
        { column: 2, header: 'Surname', field: 'surname', confidence: 1, tied: [] },
      ],
      nearMatches: [],
    };
    expect(JSON.parse(dry.out)).toEqual(expected);
    expect(Object.keys(JSON.parse(dry.out))).toEqual(Object.keys(expected));
    // In words, the column is named as the Import screen names it: its letter, then its header.
    const words = cli('import', file, '--db', db, '--dry-run');
    expect(words.out).toContain('\n  error row 5, B (Enquiry Date): "30/02/2024" is not a real date.');

    const real = cli('import', file, '--db', db, '--json');
    expect(real.code).toBe(3);
    expect(JSON.parse(real.out)).toEqual({ ...expected, batch: 1 });

    // The same file again changes nothing: nothing is written, yet its bad row is still refused (3).
    const again = cli('import', file, '--db', db, '--kind', 'enquiries', '--json');
    expect(again.code).toBe(3);
    expect(JSON.parse(again.out)).toMatchObject({ batch: null, new: 0, unchanged: 2 });
    const next = join(dir, 'e2.csv');
    writeFileSync(next, readFileSync(file, 'utf8').replace('C1,01/03/2024,Ames', 'C1,01/03/2024,Amos'));
    expect(JSON.parse(cli('import', next, '--db', db, '--json').out)).toMatchObject({ batch: 2, updated: 1 });

    const list = cli('imports', '--db', db, '--json');
    const batches = JSON.parse(list.out).batches as Array<{ id: number; createdAt: string }>;
    expect(batches.map((b) => b.id)).toEqual([2, 1]);
    // In words, each import's time as the screens give it: dd/mm/yyyy hh:mm on the UK clock.
    expect(cli('imports', '--db', db).out.split('\n')[0]).toBe(
      `   2  ${formatUkDateTime(batches[0]!.createdAt)}  ${basename(next)}  Enquiries  rows 4: new 0, updated 1, unchanged 1, duplicates 1, rejected 1`,
    );
    expect(cli('undo-import', '2', '--db', db).code).toBe(0);
    expect(cli('undo-import', '1', '--db', db).code).toBe(0);
    expect(cli('status', '--db', db, '--json').out).toContain('"households":0');

    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const refused = cli('import', empty, '--db', db, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({
      batch: null,
      errors: [{ row: null, column: null, message: 'empty.csv: the file is empty.' }],
      headers: [],
    });
    expect(cli('import', file, '--db', db, '--kind', 'sideways').code).toBe(2);
    expect(cli('undo-import', '99', '--db', db).err).toMatch(/no import batch 99/);
  });

  it.each([0, 300, 800])(
    'an import worker whose app process is killed mid-file (%i ms after it starts) ends quietly too, and nothing is written',
    async (delay) => {
      const dir = tempDir();
      const db = join(dir, 'orphan.db');
      expect(cli('init', '--db', db).code).toBe(0);
      const before = hashDb(db);
      const file = bigCsv(join(dir, 'big.csv'), 400_000);
      // The worker shares the app's stderr: what it says after the app has gone is read here.
      const app = spawn(
        process.execPath,
        [join(ROOT, 'bin/fostering-funnel.js'), 'import', file, '--db', db],
        {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      app.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const closed = new Promise((r) => app.on('close', r));
      let workers: number[] = [];
      for (let i = 0; i < 500 && workers.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        workers = childPids(app.pid);
      }
      expect(workers).toHaveLength(1);
      await new Promise((r) => setTimeout(r, delay));
      app.kill('SIGKILL');
      for (let i = 0; i < 200 && alive(workers[0]!); i++) await new Promise((r) => setTimeout(r, 50));
      expect(alive(workers[0]!)).toBe(false);
      await closed;
      // It ends because its channel closed: no stack trace of a message it could not send.
      expect(stderr).toBe('');
      expect(hashDb(db)).toBe(before);
    },
  );
});
