import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { damagedCopies, removeAbandonedCopies } from '../../../src-main/db/backup.ts';
import { latestGoodBackup } from '../../../src-main/db/restore.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { cli } from '../../support/cli.ts';
import { testApp } from '../../support/temp.ts';

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

// A backups "folder" that cannot be written to. Tests run as any user (root ignores a folder's
// mode), so the folder is a plain file of that name: the same failure to write a backup.
describe('a backups folder that cannot be written to', () => {
  it('Back up now, an import and the CLI say so in one line, naming the folder, and change nothing', async () => {
    const app = await testApp();
    const csv = (name: string, rows: string[]) => {
      const path = join(app.dir, name);
      writeFileSync(path, ['Reference,Enquiry date,First name,Surname', ...rows].join('\r\n'));
      return path;
    };
    await app.call('imports.importFile', { path: csv('first.csv', ['R1,01/05/2024,Ann,Lee']) });
    const folder = `${app.dbPath}-backups`;
    writeFileSync(folder, 'not a folder');
    const said = new RegExp(
      `^No backup could be made in ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(a file of that name is in the way`,
    );

    await expect(app.call('data.backupNow', {})).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringMatching(said),
    });

    // An import is refused before it writes anything: there would be no backup to go back to.
    await expect(
      app.call('imports.importFile', {
        path: csv('second.csv', ['R1,01/05/2024,Ann,Lee', 'R2,02/05/2024,Bo,Khan']),
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(said) });
    const list = await app.call('households.listHouseholds', {});
    expect(list.total).toBe(1);

    app.ctx.store.close();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['backup', '--db', app.dbPath], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^fostering-funnel backup: No backup could be made in /);
    expect(err[0]).not.toMatch(/Something went wrong|ENOTDIR/);
  });
});

// A backups folder someone made in advance, before the app's first backup. Owning one as another
// user needs root (the suite's container runs as root; elsewhere that case is skipped).
describe('a backups folder made in advance', () => {
  const isRoot = process.getuid?.() === 0;

  it('one of the user’s own that anyone may write to is made private, then used', async () => {
    const app = await testApp();
    const folder = `${app.dbPath}-backups`;
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const b = await app.call('data.backupNow', {});
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(b.path).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')(
    'a link at its name is refused, naming it, even to a folder of the user’s own, which is left as it was',
    async () => {
      const app = await testApp();
      await app.call('imports.importFile', {
        path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
      });
      const elsewhere = join(app.dir, 'shared-with-the-team');
      mkdirSync(elsewhere);
      chmodSync(elsewhere, 0o755);
      const folder = `${app.dbPath}-backups`;
      symlinkSync(elsewhere, folder);
      const refusal = {
        code: 'refused',
        message: `The backups folder ${folder} is a link to another place, so nothing with personal details was written through it, and nothing was changed. Move it aside (or delete it) and try again: the app makes its own.`,
      };
      await expect(app.call('data.backupNow', {})).rejects.toMatchObject(refusal);
      await expect(
        app.call('imports.importFile', {
          path: app.file(
            'second.csv',
            'Reference,Enquiry date,First name,Surname\r\nR2,02/05/2024,Bo,Khan\r\n',
          ),
        }),
      ).rejects.toMatchObject(refusal);
      expect((await app.call('households.listHouseholds', {})).total).toBe(1);
      expect(readdirSync(elsewhere)).toEqual([]);
      expect(statSync(elsewhere).mode & 0o777).toBe(0o755);
      expect(lstatSync(folder).isSymbolicLink()).toBe(true);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'opening the database changes nothing through a link at its name: the folder it points to keeps its mode',
    async () => {
      const app = await testApp();
      await app.call('imports.importFile', {
        path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
      });
      const elsewhere = join(app.dir, 'shared-with-the-team');
      mkdirSync(elsewhere);
      chmodSync(elsewhere, 0o755);
      const folder = `${app.dbPath}-backups`;
      symlinkSync(elsewhere, folder);
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['status', '--db', app.dbPath], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
      });
      expect({ code, err }).toEqual({ code: 0, err: [] });
      expect(statSync(elsewhere).mode & 0o777).toBe(0o755);
      expect(readdirSync(elsewhere)).toEqual([]);
      expect(lstatSync(folder).isSymbolicLink()).toBe(true);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'nothing behind a link at its name is listed, offered for a restore, taken as today’s, erased or deleted, and a purge says those backups were not erased',
    async () => {
      const app = await testApp();
      // One household long past its retention period (enquired and closed in 2020).
      const h = await app.call('households.createHousehold', {
        enquiryDate: '2020-01-06',
        firstName: 'Zebedee',
        surname: 'Quillfeather',
      });
      await app.call('households.closeHousehold', {
        id: h.id,
        date: '2020-02-01',
        reasonKey: 'other',
        endedBy: 'applicant',
      });
      // Today's daily backup (made as the file is opened), one made by hand, a damaged copy a
      // restore kept and a crash's leftover, in the app's own folder; then that folder is moved
      // elsewhere (a shared or synced one) and a link to it left at its name.
      await app.ctx.store.switchTo(app.dbPath);
      const manual = (await app.call('data.backupNow', {})).path;
      const folder = `${app.dbPath}-backups`;
      copyFileSync(manual, manual.replace(/\.db$/, '.damaged'));
      writeFileSync(`${manual}.partial`, 'half a copy');
      expect(
        readdirSync(folder)
          .map((f) => f.replace(/^test-[\dT-]+Z-?/, ''))
          .sort(),
      ).toEqual(['daily.db', 'manual.damaged', 'manual.db', 'manual.db.partial']);
      const elsewhere = join(app.dir, 'shared-with-the-team');
      renameSync(folder, elsewhere);
      symlinkSync(elsewhere, folder);
      const before = contentsOf(elsewhere);

      expect((await app.call('data.listBackups', {})).backups).toEqual([]);
      expect(damagedCopies(app.dbPath)).toEqual([]);
      expect(latestGoodBackup(app.dbPath)).toBeNull();
      removeAbandonedCopies(app.dbPath);
      // Opened again: the daily backup behind the link is not today's, so one is made, refused, and said.
      await app.ctx.store.switchTo(app.dbPath);
      expect((await app.call('system.getStatus', {})).backupProblem?.message).toContain(
        `The backups folder ${folder} is a link to another place, so nothing with personal details was written through it`,
      );

      const notReached = `The backups folder ${folder} is a link to another place, which the app never follows, so no backup behind it was erased: any there may still hold the purged households' details. Delete them from the folder the link points to, or put that folder itself at ${folder} in place of the link and purge again (fostering-funnel purge --yes reaches them even when no household is due).`;
      expect(await app.call('data.purgeHouseholds', {})).toMatchObject({
        purged: 1,
        backupsErased: 0,
        backupsNotErased: [],
        backupsNotReached: notReached,
      });
      // Nothing behind the link was opened, erased or deleted: as the purge says, the person is still there.
      expect(contentsOf(elsewhere)).toEqual(before);
      expect(readFileSync(join(elsewhere, basename(manual))).includes('Quillfeather')).toBe(true);

      app.ctx.store.close();
      const listed = await cli('backups', '--db', app.dbPath);
      // Why none is listed, as Settings says it, not "No backups yet".
      expect(listed.out).toBe(
        `No backups are listed: the backups folder ${folder} is a link to another place, which the app never follows, so the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused). Put that folder itself at ${folder} in place of the link (ask IT if you cannot), then choose Back up now.`,
      );
      // Erasure not seen to reach every copy is not success, for a script either.
      const purged = await cli('purge', '--yes', '--db', app.dbPath);
      expect(purged.code).toBe(3);
      expect(purged.err).toContain(notReached);
      expect(contentsOf(elsewhere)).toEqual(before);
      expect(lstatSync(folder).isSymbolicLink()).toBe(true);
    },
  );

  it.skipIf(process.platform === 'win32' || !isRoot)(
    'one owned by another user is refused, naming it, and nothing is written in it',
    async () => {
      const app = await testApp();
      await app.call('imports.importFile', {
        path: app.file('first.csv', 'Reference,Enquiry date,First name,Surname\r\nR1,01/05/2024,Ann,Lee\r\n'),
      });
      const folder = `${app.dbPath}-backups`;
      mkdirSync(folder);
      chmodSync(folder, 0o777);
      chownSync(folder, 65534, 65534);
      await expect(app.call('data.backupNow', {})).rejects.toMatchObject({
        code: 'refused',
        message: `The backups folder ${folder} belongs to another user of this computer, so nothing with personal details was written in it, and nothing was changed. Move it aside (or delete it) and try again: the app makes its own.`,
      });
      // An import, which backs up first, is refused before it writes anything.
      await expect(
        app.call('imports.importFile', {
          path: app.file(
            'second.csv',
            'Reference,Enquiry date,First name,Surname\r\nR2,02/05/2024,Bo,Khan\r\n',
          ),
        }),
      ).rejects.toMatchObject({ code: 'refused' });
      expect((await app.call('households.listHouseholds', {})).total).toBe(1);
      expect(readdirSync(folder)).toEqual([]);
      expect(statSync(folder)).toMatchObject({ uid: 65534, mode: expect.any(Number) });
      expect(statSync(folder).mode & 0o777).toBe(0o777); // theirs: left as it is
    },
  );
});
