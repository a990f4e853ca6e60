import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp } from '../../support/temp.ts';

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
