import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../src-main/db/store.ts';
import { jobSettled, tempDir, testApp, type TestApp } from '../../support/temp.ts';

// A restore whose paths are too long (restore.ts refuseLongPaths) is refused before it touches
// anything: data.ts asks before it cancels the import previews open on the database and closes it.
// Asked after, the refused restore had still cancelled an open preview ("preview the file again")
// for nothing, and left the database closed until it was reopened. Here a preview is open on a
// database whose whole path (470 bytes) opens but leaves its before-restore backup no room within
// SQLite's 512 (long-file-names.test.ts): after the refused restore it is still committed.

async function ready(app: TestApp, path: string) {
  const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
  return jobSettled(app, started.jobId);
}

/** A closed database of the app's whose whole path is `total` bytes, deep in `root`. */
async function databaseAtPath(root: string, total: number): Promise<string> {
  const short = join(root, 'short.db');
  (await Store.open(short, { create: true })).close();
  const name = `${'r'.repeat(37)}.db`;
  const deep = join(
    root,
    'd'.repeat(200),
    'e'.repeat(total - Buffer.byteLength(root) - 1 - 200 - 1 - 1 - 40),
  );
  mkdirSync(deep, { recursive: true });
  const path = join(deep, name);
  renameSync(short, path);
  expect(Buffer.byteLength(path)).toBe(total);
  return path;
}

describe('a restore refused because its paths are too long', () => {
  it('leaves an import preview open on the database committable, the database open', async () => {
    const app = await testApp();
    const root = tempDir();
    const path = await databaseAtPath(root, 470);
    const backup = join(root, 'backup.db');
    copyFileSync(path, backup);
    await app.ctx.store.switchTo(path, { dailyBackup: false });

    const csv = app.file('enquiries.csv', 'Reference,Enquiry Date,First Name,Surname\nL1,03/03/2026,Ann,Lee');
    const preview = await ready(app, csv);
    expect(preview.state).toBe('ready');

    await expect(app.call('data.restoreBackup', { path: backup })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining(`No backup could be made of ${path}`),
    });

    expect(app.ctx.store.path).toBe(path);
    expect(app.ctx.store.db.open).toBe(true);
    expect((await app.call('imports.getJob', { jobId: preview.jobId })).state).toBe('ready');
    const committed = await app.call('imports.commitImport', { jobId: preview.jobId });
    expect(committed).toMatchObject({ batch: 1, new: 1 });
  });
});
