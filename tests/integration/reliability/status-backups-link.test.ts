import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupProblemToSay } from '../../../src-main/contract/backup-notes.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp } from '../../support/temp.ts';

/**
 * A link at the backups folder's name, which the app never follows (backup-folder.test.ts): Home
 * says so from the moment it is there (backup-link-said.test.ts), and so does the CLI's `status`,
 * in the same words, where a script or IT reads it; `--json` gave it alone before. A daily backup
 * refused for the link is said once, by the link's words, there as on Home (e2e backups-link.test.ts),
 * and so in the CLI's `backups`, by its list's words, as in Settings.
 */

/** Moves the app's backups folder elsewhere (a shared or synced one) and leaves a link to it at its name. */
function linkBackupsElsewhere(dbPath: string): string {
  const folder = `${dbPath}-backups`;
  const elsewhere = join(dirname(dbPath), 'shared-with-the-team');
  renameSync(folder, elsewhere);
  symlinkSync(elsewhere, folder);
  return folder;
}

async function status(
  dbPath: string,
  ...more: string[]
): Promise<{ code: number; out: string; err: string }> {
  return cli('status', '--db', dbPath, ...more);
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const notListedWords = (folder: string) =>
  `No backups are listed: the backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now.`;

const linkedWords = (folder: string) =>
  `The backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now in Settings (or run fostering-funnel backup).`;

describe.skipIf(process.platform === 'win32')(
  'the CLI’s status, with a link at the backups folder’s name',
  () => {
    it('says so in its text, in the words Home uses, though no daily backup failed', async () => {
      // An empty database: no daily backup is tried as it opens, so no failure is recorded.
      const app = await testApp();
      await app.call('data.backupNow', {});
      const folder = linkBackupsElsewhere(app.dbPath);
      app.ctx.store.close();

      const { code, out, err } = await status(app.dbPath);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out.split('\n').slice(-2)).toEqual([
        'Imports:        0',
        `Backups:        ${linkedWords(folder)}`,
      ]);
      expect(JSON.parse((await status(app.dbPath, '--json')).out)).toMatchObject({
        backupProblem: null,
        backupsLinked: linkedWords(folder),
      });
    });

    it('says a daily backup refused for the link once, by the link’s words, as Home does; --json still gives both', async () => {
      const app = await testApp();
      await app.call('imports.importFile', {
        path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
      });
      await app.call('data.backupNow', {});
      const folder = linkBackupsElsewhere(app.dbPath);
      app.ctx.store.close();

      // The CLI opens the file itself: its daily backup is tried, and refused for the link.
      const { code, out, err } = await status(app.dbPath);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out.split('\n').filter((l) => l.startsWith('Backups:'))).toEqual([
        `Backups:        ${linkedWords(folder)}`,
      ]);
      expect(out).not.toContain("Today's automatic backup");
      const json = JSON.parse((await status(app.dbPath, '--json')).out);
      expect(json.backupsLinked).toBe(linkedWords(folder));
      expect(json.backupProblem).toMatchObject({ linked: true });
      expect(json.backupProblem.message).toMatch(/^Today's automatic backup was not made/);
    });

    it('still says a daily backup that failed for another reason before the link was put there', async () => {
      const app = await testApp();
      await app.call('imports.importFile', {
        path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
      });
      const folder = `${app.dbPath}-backups`;
      rmSync(folder, { recursive: true, force: true });
      writeFileSync(folder, 'not a folder'); // in the way as the file is opened
      await app.ctx.store.switchTo(app.dbPath);
      rmSync(folder);
      mkdirSync(join(app.dir, 'shared-with-the-team'));
      symlinkSync(join(app.dir, 'shared-with-the-team'), folder);
      const s = await app.call('system.getStatus', {});
      expect(s.backupsLinked).not.toBeNull();
      expect(s.backupProblem).toMatchObject({ linked: false });
      expect(backupProblemToSay(s)).toEqual(s.backupProblem);
    });
  },
);

describe.skipIf(process.platform === 'win32')('the CLI’s backups, after a daily backup was refused', () => {
  it('for a link at the backups folder’s name, says it once, by the list’s words, as Settings does; --json still gives both', async () => {
    const app = await testApp();
    await app.call('imports.importFile', {
      path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
    });
    await app.call('data.backupNow', {});
    const folder = linkBackupsElsewhere(app.dbPath);
    app.ctx.store.close();

    // The CLI opens the file itself: its daily backup is tried, and refused for the link.
    const listed = await cli('backups', '--db', app.dbPath);
    expect(listed).toEqual({ code: 0, out: notListedWords(folder), err: '' });
    const json = JSON.parse((await cli('backups', '--db', app.dbPath, '--json')).out);
    expect(json.backupsNotListed).toBe(notListedWords(folder));
    expect(json.backupProblem).toMatchObject({ linked: true });
    expect(json.backupProblem.message).toMatch(/^Today's automatic backup was not made/);
  });

  it('still says a daily backup that failed for another reason (no link there)', async () => {
    const app = await testApp();
    await app.call('imports.importFile', {
      path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
    });
    const folder = `${app.dbPath}-backups`;
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, 'not a folder'); // in the way as the CLI opens the file
    app.ctx.store.close();

    const listed = await cli('backups', '--db', app.dbPath);
    expect(listed.code).toBe(0);
    const json = JSON.parse((await cli('backups', '--db', app.dbPath, '--json')).out);
    expect(json.backupProblem).toMatchObject({ linked: false });
    // Each open makes its own log entry, under its own reference.
    const unreferenced = (t: string) => t.replace(/under reference \w+\./, 'under reference ….');
    expect(unreferenced(listed.err)).toBe(unreferenced(json.backupProblem.message));
    expect(listed.err).toContain(`No backup could be made in ${folder}: a file of that name is in the way`);
  });
});
