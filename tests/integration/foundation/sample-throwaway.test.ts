import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APP_NAME } from '../../../src-main/db/paths.ts';
import { tempDir, testApp, type TestApp } from '../../support/temp.ts';

// "Try with sample data" kept whatever was imported into it: a council export tried on the Import
// screen in sample mode left real people's details in the sample file (and its -wal and backups),
// which no purge or subject access of the real database reaches, and the next try reused the file.
// The sample database is now throwaway: going back to your own data, a new try and the app's start
// delete it and everything beside it.

const EXPORT = [
  'Reference,Enquiry Date,First Name,Surname,Email',
  'CX1001,03/03/2026,Morwenna,Quillfeather,morwenna.q@example.org',
  'CX1002,04/03/2026,Tobias,Brackenridge,t.brackenridge@example.org',
].join('\r\n');

/** The sample file and everything that can sit beside it, as they are on disk now. */
const besideSample = (app: TestApp) =>
  readdirSync(app.dir).filter((f) => f.startsWith('sample.db') || f.startsWith('.sample.db'));

const surnamesIn = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT surname FROM households WHERE surname IS NOT NULL').pluck().all() as string[];
  } finally {
    db.close();
  }
};

async function importIntoSample(app: TestApp) {
  await app.call('system.useSampleData', { households: 20, seed: 1 });
  const result = await app.call('imports.importFile', { path: app.file('council-export.csv', EXPORT) });
  expect(result).toMatchObject({ new: 2 });
  expect(app.ctx.store.isSample).toBe(true);
  expect(surnamesIn(app.ctx.sampleDbPath)).toContain('Quillfeather');
}

describe('the sample database is throwaway', () => {
  it('deletes the sample file, its -wal, -shm, backups and purge ledger when the user goes back to their own data', async () => {
    const app = await testApp();
    await importIntoSample(app);
    // A purge tried too: it writes the purge ledger beside the file.
    const due = await app.call('data.listPurgeDue', {});
    expect(due.households.length).toBeGreaterThan(0);
    await app.call('data.purgeHouseholds', {});
    // The import backed the sample file up first, and SQLite keeps its -wal and -shm open.
    const before = besideSample(app);
    expect(before).toEqual(
      expect.arrayContaining([
        'sample.db',
        'sample.db-wal',
        'sample.db-backups',
        'sample.db.purge-ledger.json',
      ]),
    );
    expect(readdirSync(join(app.dir, 'sample.db-backups')).length).toBeGreaterThan(0);

    const status = await app.call('system.useRealData', {});
    expect(status).toMatchObject({ sample: false, dbPath: app.dbPath, households: 0 });
    expect(besideSample(app)).toEqual([]);
    // The real database is untouched, and never held the imported people.
    expect(existsSync(app.dbPath)).toBe(true);
    expect(surnamesIn(app.dbPath)).toEqual([]);
  });

  it('deletes it too when another database is opened from sample mode', async () => {
    const app = await testApp();
    await importIntoSample(app);
    const other = join(app.dir, 'other.db');
    const status = await app.call('system.openDatabase', { path: other, create: true });
    expect(status).toMatchObject({ sample: false, dbPath: other });
    expect(besideSample(app)).toEqual([]);
  });

  it('starts each try afresh: what was imported in an earlier try is not there, even from a crash', async () => {
    const app = await testApp();
    await importIntoSample(app);
    // Trying again while in sample mode.
    await app.call('system.useSampleData', { households: 20, seed: 1 });
    expect(surnamesIn(app.ctx.sampleDbPath)).not.toContain('Quillfeather');

    // A crash in sample mode leaves the file; the app comes back on the real one, and the next try is new.
    await importIntoSample(app);
    await app.ctx.store.switchTo(app.dbPath); // as the app starts: on the real file, the sample one left
    expect(besideSample(app)).toContain('sample.db');
    const status = await app.call('system.useSampleData', { households: 20, seed: 1 });
    expect(status.households).toBe(20);
    expect(surnamesIn(app.ctx.sampleDbPath)).not.toContain('Quillfeather');
    await app.call('system.useRealData', {});
    expect(besideSample(app)).toEqual([]);
  });

  it('removes a link at the backups folder’s name without following it, and never the real file', async () => {
    const app = await testApp();
    const elsewhere = join(tempDir(), 'their-folder');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'keep.txt'), 'not the app’s');
    symlinkSync(elsewhere, join(app.dir, 'sample.db-backups'));
    await app.call('system.useSampleData', { households: 20, seed: 1 });
    await app.call('system.useRealData', {});
    expect(besideSample(app)).toEqual([]);
    expect(readdirSync(elsewhere)).toEqual(['keep.txt']);

    // A sample path that is the real file is refused, and going back never deletes the real file.
    app.ctx.sampleDbPath = app.dbPath;
    await expect(app.call('system.useSampleData', { households: 20, seed: 1 })).rejects.toThrow(
      'The sample database cannot be the same file as your real one.',
    );
    await app.call('system.useRealData', {});
    expect(existsSync(app.dbPath)).toBe(true);
  });
});

describe('browser mode starting', () => {
  const ROOT = join(import.meta.dirname, '../../..');

  it('deletes a sample file a crash left, with its companions', async () => {
    const config = tempDir();
    const dataDir = join(config, APP_NAME);
    mkdirSync(join(dataDir, 'sample-data.db-backups'), { recursive: true });
    for (const f of [
      'sample-data.db',
      'sample-data.db-wal',
      'sample-data.db-shm',
      'sample-data.db-journal',
      'sample-data.db.purge-ledger.json',
      '.sample-data.db.purge-ledger.json.0a1b2c3d4e5f.tmp',
      '.sample-data.db.restore-4242.tmp',
    ])
      writeFileSync(join(dataDir, f), 'Quillfeather');
    // The real database may live in the same folder: it and its own files are left.
    writeFileSync(join(dataDir, 'notes.txt'), 'the user’s');
    writeFileSync(join(dataDir, 'sample-data.db-backups', 'sample-data-20260303-import.db'), 'Quillfeather');
    const db = join(dataDir, 'fostering-funnel.db');
    const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts/serve.js'), '--db', db], {
      cwd: ROOT,
      env: { ...process.env, XDG_CONFIG_HOME: config },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          if (/running at http/.test(out)) resolve();
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const left = readdirSync(dataDir);
      expect(left.filter((f) => f.includes('sample'))).toEqual([]);
      expect(left).toEqual(expect.arrayContaining(['fostering-funnel.db', 'notes.txt']));
      expect(existsSync(db)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
