import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUkDateTime } from '../../../src-main/domain/dates.ts';
import { cli } from '../../support/cli.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * An undone import erases the households it removed in the backups made since it (erasure.test.ts).
 * Where that erasure did not reach a copy (one it could not open, or those behind a link at the
 * backups folder's name, which the app never follows: backup-folder.test.ts), it says so as a purge
 * does, through the contract, and the CLI's undo-import exits 3 as purge --yes does. Real files and links.
 */

/** Each file in a folder and a digest of its bytes: what was read, written or deleted there shows. */
const contentsOf = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );

const holds = (path: string, text: string) => readFileSync(path).includes(text);

const enquiries = (app: TestApp, name: string, row: string) =>
  app.file(name, `Reference,Enquiry date,First name,Surname\r\n${row}\r\n`);

/** Two imports, each creating one household, and a backup by hand made after both. */
async function twoImportsAndABackup(app: TestApp) {
  const first = await app.call('imports.importFile', {
    path: enquiries(app, 'first.csv', 'P1,01/06/2026,Zebedee,Quillfeather'),
  });
  const second = await app.call('imports.importFile', {
    path: enquiries(app, 'second.csv', 'P2,02/06/2026,Ottoline,Marchbanks'),
  });
  const manual = (await app.call('data.backupNow', {})).path;
  const at = new Map((await app.call('imports.listBatches', {})).map((b) => [b.id, b.createdAt]));
  return { first: first.batch!, second: second.batch!, manual, at };
}

/** Moves the app's backups folder elsewhere (a shared or synced one) and leaves a link to it at its name. */
function linkBackupsElsewhere(dbPath: string): { folder: string; elsewhere: string } {
  const folder = `${dbPath}-backups`;
  const elsewhere = join(dirname(dbPath), 'shared-with-the-team');
  renameSync(folder, elsewhere);
  symlinkSync(elsewhere, folder);
  return { folder, elsewhere };
}

const undoNotReached = (folder: string, importedAt: string) =>
  `The backups folder ${folder} is a link to another place, which the app never follows, so no backup behind it was erased: any there made since the import (${formatUkDateTime(importedAt)}) may still hold the removed households' details. Delete them from the folder the link points to: no later purge or undo reaches them, and restoring one would bring those details back.`;

describe.skipIf(process.platform === 'win32')('a link at the backups folder’s name, said', () => {
  it('an undone import says, as a purge does, that the backups behind it were not erased, and the CLI exits 3', async () => {
    const app = await testApp();
    const { first, second, manual, at } = await twoImportsAndABackup(app);
    const { folder, elsewhere } = linkBackupsElsewhere(app.dbPath);
    const before = contentsOf(elsewhere);

    expect(await app.call('imports.undoImport', { batchId: second })).toEqual({
      batchId: second,
      households: 0,
      removed: 1,
      backupsErased: 0,
      backupsNotErased: [],
      backupsNotReached: undoNotReached(folder, at.get(second)!),
    });
    // Nothing behind the link was opened or erased: as the undo says, the person is still there.
    expect(contentsOf(elsewhere)).toEqual(before);
    expect(holds(join(elsewhere, basename(manual)), 'Marchbanks')).toBe(true);

    app.ctx.store.close();
    const undone = await cli('undo-import', String(first), '--db', app.dbPath);
    expect(undone).toEqual({
      // Erasure not seen to reach every copy is not success for a script, as for a purge.
      code: 3,
      out: `Undid import ${first}: 1 household removed, 0 restored.`,
      err: undoNotReached(folder, at.get(first)!),
    });
    expect(contentsOf(elsewhere)).toEqual(before);
    expect(lstatSync(folder).isSymbolicLink()).toBe(true);
  });

  // undo-import --json's exit 3 was untested: a script reading the JSON must still be told by the
  // exit code, and the words are in the JSON (backupsNotReached), not on stderr.
  it('undo-import --json answers the same in its JSON, says nothing on stderr, and exits 3', async () => {
    const app = await testApp();
    const { second, at } = await twoImportsAndABackup(app);
    const { folder, elsewhere } = linkBackupsElsewhere(app.dbPath);
    const before = contentsOf(elsewhere);
    app.ctx.store.close();
    const undone = await cli('undo-import', String(second), '--db', app.dbPath, '--json');
    expect({ ...undone, out: JSON.parse(undone.out) as unknown }).toEqual({
      code: 3,
      out: {
        batchId: second,
        households: 0,
        removed: 1,
        backupsErased: 0,
        backupsNotErased: [],
        backupsNotReached: undoNotReached(folder, at.get(second)!),
      },
      err: '',
    });
    expect(contentsOf(elsewhere)).toEqual(before);
  });

  it('an import undone where nothing was removed says nothing of the link, and the CLI exits 0', async () => {
    const app = await testApp();
    await app.call('imports.importFile', { path: enquiries(app, 'first.csv', 'P1,01/06/2026,Zebedee,Q') });
    const again = await app.call('imports.importFile', {
      path: enquiries(app, 'again.csv', 'P1,01/06/2026,Zebedee,Quillfeather'),
    });
    expect(again.updated).toBe(1);
    linkBackupsElsewhere(app.dbPath);
    app.ctx.store.close();
    expect(await cli('undo-import', String(again.batch), '--db', app.dbPath)).toEqual({
      code: 0,
      out: `Undid import ${again.batch}: 0 households removed, 1 restored.`,
      err: '',
    });
  });
});

describe('an undone import whose households a backup could not be erased in', () => {
  it('names the copy, says to delete it, and the CLI exits 3', async () => {
    const app = await testApp();
    const { first, second, manual } = await twoImportsAndABackup(app);
    // A damaged copy of the database a restore kept aside, its first page gone: it cannot be opened,
    // so it cannot be erased in, but its pages still hold both households.
    const damaged = manual.replace(/\.db$/, '.damaged');
    copyFileSync(manual, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x42), 0, 100, 0);
    closeSync(fd);
    expect(holds(damaged, 'Marchbanks') && holds(damaged, 'Quillfeather')).toBe(true);

    expect(await app.call('imports.undoImport', { batchId: second })).toMatchObject({
      removed: 1,
      backupsErased: 1, // the backup by hand
      backupsNotErased: [damaged],
      backupsNotReached: null,
    });
    expect(holds(manual, 'Marchbanks')).toBe(false);

    app.ctx.store.close();
    const undone = await cli('undo-import', String(first), '--db', app.dbPath);
    expect(undone).toEqual({
      code: 3,
      out: `Undid import ${first}: 1 household removed, 0 restored.`,
      err: `These backups could not be erased and may still hold the removed households' details: ${damaged}. Delete them: no later purge or undo reaches them.`,
    });
  });

  it('undo-import --json names the copy in its JSON, says nothing on stderr, and exits 3', async () => {
    const app = await testApp();
    const { second, manual } = await twoImportsAndABackup(app);
    const damaged = manual.replace(/\.db$/, '.damaged');
    copyFileSync(manual, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x42), 0, 100, 0);
    closeSync(fd);

    app.ctx.store.close();
    const undone = await cli('undo-import', String(second), '--db', app.dbPath, '--json');
    expect({ ...undone, out: JSON.parse(undone.out) as unknown }).toMatchObject({
      code: 3,
      out: { batchId: second, removed: 1, backupsNotErased: [damaged], backupsNotReached: null },
      err: '',
    });
    expect(holds(manual, 'Marchbanks')).toBe(false);
    expect(holds(damaged, 'Marchbanks')).toBe(true);
  });
});
