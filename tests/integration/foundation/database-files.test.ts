import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDatabaseFile } from '../../../src-main/db/database-files.ts';
import { cli } from '../../support/cli.ts';
import { tempDir, testApp } from '../../support/temp.ts';

// A security review found `report funnel --out ff.db --db ff.db` renamed the table over the open
// database (the CLI said "Saved", and the next command found no database), and a new database
// made at the open one's empty -wal took its name, so closing the old one deleted the new one.
describe('a file is never written over the database’s own files', () => {
  it('the CLI refuses --out naming the database, its log, its backups or its ledger, and the data stays', async () => {
    const dir = tempDir();
    const db = join(dir, 'ff.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    expect((await cli('sample', '--households', '20', '--db', db)).code).toBe(0);
    symlinkSync(db, join(dir, 'link.csv'));
    mkdirSync(`${db}-backups`, { recursive: true });
    for (const out of [
      db,
      `${db}-wal`,
      `${db}-shm`,
      `${db}.purge-ledger.json`,
      join(`${db}-backups`, 'x.csv'),
      join(dir, 'link.csv'),
    ]) {
      const r = await cli('report', 'funnel', '--format', 'csv', '--out', out, '--db', db);
      expect(r.code, out).toBe(1);
      expect(r.err).toContain(`Cannot save the table to ${out}: that is the database's own file`);
    }
    const fine = await cli(
      'report',
      'funnel',
      '--format',
      'csv',
      '--out',
      join(dir, 'ff.db.csv'),
      '--db',
      db,
    );
    expect(fine.code).toBe(0);
    const status = await cli('status', '--json', '--db', db);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ households: 20 });
  });

  it('a new database is not made at the open one’s log', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const path = app.ctx.store.path;
    for (const side of ['-wal', '-shm', '-journal'])
      await expect(
        app.call('system.openDatabase', { path: path + side, create: true }),
      ).rejects.toMatchObject({
        code: 'refused',
        field: 'path',
      });
    expect(app.ctx.store.path).toBe(path);
  });

  it('tells the database’s files from others beside them, by any name', () => {
    const dir = tempDir();
    const db = join(dir, 'ff.db');
    // Through a link to its folder: files that do not exist yet, and the backups folder's.
    symlinkSync(dir, join(dir, 'alias'));
    for (const f of ['ff.db-journal', 'ff.db.purge-ledger.json', join('ff.db-backups', 'new.csv')])
      expect(isDatabaseFile(join(dir, 'alias', f), db), f).toBe(true);
    expect(isDatabaseFile(join(dir, 'alias', 'ff.db.csv'), db)).toBe(false);
    expect(isDatabaseFile(join(`${db}-backups`, 'deep', 'x.xlsx'), db)).toBe(true);
    expect(isDatabaseFile(`${db}-backups`, db)).toBe(true);
    expect(isDatabaseFile(join(`${db}-backups-old`, 'x.xlsx'), db)).toBe(false);
    expect(isDatabaseFile(`${db}.csv`, db)).toBe(false);
    expect(isDatabaseFile(`${db}-wal.csv`, db)).toBe(false);
  });
});
