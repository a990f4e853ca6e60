import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../src-main/db/backup.ts';
import { openDatabase } from '../../../src-main/db/open.ts';
import { Store } from '../../../src-main/db/store.ts';
import { tempDir, testApp } from '../../support/temp.ts';

/**
 * Where a link stands at the backups folder's name the app never follows it (backup-folder.test.ts),
 * so no backup behind it is listed or offered as the latest good one of a damaged file: each place
 * that said only "No backups yet" or "No good backup of it was found" says why, and what to do
 * (an undone import's erasure: undo-backups-said.test.ts). Real files, and real links.
 */

/** Moves the app's backups folder elsewhere (a shared or synced one) and leaves a link to it at its name. */
function linkBackupsElsewhere(dbPath: string): { folder: string; elsewhere: string } {
  const folder = `${dbPath}-backups`;
  const elsewhere = join(dirname(dbPath), 'shared-with-the-team');
  renameSync(folder, elsewhere);
  symlinkSync(elsewhere, folder);
  return { folder, elsewhere };
}

describe.skipIf(process.platform === 'win32')('the backups list, with a link at the folder’s name', () => {
  it('says why none is listed and what to do, where no failed backup was recorded, in place of "No backups yet"', async () => {
    // An empty database: no daily backup is tried as it opens, so no failure is recorded.
    const app = await testApp();
    const folder = `${app.dbPath}-backups`;
    expect(await app.call('data.listBackups', {})).toMatchObject({
      backups: [],
      backupProblem: null,
      backupsNotListed: null,
    });
    const elsewhere = join(app.dir, 'shared-with-the-team');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'test-2026-11-25T09-00-00-000Z-manual.db'), 'a backup of someone');
    symlinkSync(elsewhere, folder);

    expect(await app.call('data.listBackups', {})).toEqual({
      dir: folder,
      keep: 10,
      backups: [],
      backupProblem: null,
      backupsNotListed: `No backups are listed: the backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now.`,
    });
  });
});

describe.skipIf(process.platform === 'win32')(
  'the status (Home), with a link at the backups folder’s name',
  () => {
    it('says so, why it matters and what to do, from the moment it is there, though no daily backup failed', async () => {
      const app = await testApp();
      await app.call('data.backupNow', {});
      expect(await app.call('system.getStatus', {})).toMatchObject({
        backupProblem: null,
        backupsLinked: null,
      });
      const { folder, elsewhere } = linkBackupsElsewhere(app.dbPath);

      expect(await app.call('system.getStatus', {})).toMatchObject({
        backupProblem: null,
        backupsLinked: `The backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now in Settings (or run fostering-funnel backup).`,
      });

      // Done as it says, it is said no more.
      renameSync(folder, `${folder}-link`);
      renameSync(elsewhere, folder);
      expect((await app.call('system.getStatus', {})).backupsLinked).toBeNull();
    });
  },
);

describe.skipIf(process.platform === 'win32')('a damaged database whose backups folder is a link', () => {
  it('says no backup was looked at, why, and what to do, where it said only that none was found', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'ff.db');
    const store = await Store.open(dbPath);
    const { generateSample } = await import('../../../src-main/sample/generate.ts');
    generateSample(store.db, { households: 60, seed: 9, today: '2026-11-26' });
    const good = await backupDatabase(store.db, dbPath, 'manual');
    store.close();
    const { folder, elsewhere } = linkBackupsElsewhere(dbPath);
    const bytes = readFileSync(dbPath);
    bytes.fill(0x42, 4096 * 3, bytes.length - 4096);
    writeFileSync(dbPath, bytes);

    const err = await openDatabase(dbPath, { check: true }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/is damaged.* It has not been changed\./);
    expect(err?.message).toContain(
      ` No backup of it was looked at: the backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it were not checked, and a restore (which keeps the damaged file aside in that folder) would be refused. Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then open the file again: the app will then name the latest good backup there and how to restore it.`,
    );
    expect(err?.message).not.toContain(basename(good));

    // Done as it says, the latest good backup is named.
    renameSync(folder, `${folder}-link`);
    renameSync(elsewhere, folder);
    const again = await openDatabase(dbPath, { check: true }).then(
      () => null,
      (e: Error) => e,
    );
    expect(again?.message).toContain(`The latest good backup is ${good} `);
  });
});
