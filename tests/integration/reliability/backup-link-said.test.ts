import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * Where a link stands at the backups folder's name the app never follows it (backup-folder.test.ts),
 * so no backup behind it is listed: where it said only "No backups yet", it says why, and what to do
 * (an undone import's erasure: undo-backups-said.test.ts). Real files, and real links.
 */

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
