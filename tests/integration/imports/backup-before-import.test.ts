import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../../src-main/db/backup.ts';
import { testApp } from '../../support/temp.ts';

describe('an import into a database that already holds households', () => {
  it('first takes a consistent backup holding exactly the records as they were', async () => {
    const app = await testApp();
    const csv = (rows: string[]) => {
      const path = join(app.dir, `export-${rows.length}.csv`);
      writeFileSync(path, ['Reference,Enquiry date,First name,Surname', ...rows].join('\r\n'));
      return path;
    };
    await app.call('imports.importFile', { path: csv(['R1,01/05/2024,Ann,Lee']) });
    // The first import went into an empty database: nothing worth a backup yet.
    expect(listBackups(app.dbPath).filter((b) => b.label === 'before-import')).toEqual([]);

    const second = await app.call('imports.importFile', {
      path: csv(['R1,01/05/2024,Ann,Lee', 'R2,02/05/2024,Bo,Khan']),
    });
    expect(second.new).toBe(1);
    const backups = listBackups(app.dbPath).filter((b) => b.label === 'before-import');
    expect(backups).toHaveLength(1);
    const copy = new Database(backups[0]!.path, { readonly: true });
    expect(copy.prepare('SELECT reference FROM households ORDER BY reference').pluck().all()).toEqual(['R1']);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();

    // The same file again changes no household: nothing is written (no batch), so nothing to copy.
    const again = await app.call('imports.importFile', {
      path: csv(['R1,01/05/2024,Ann,Lee', 'R2,02/05/2024,Bo,Khan']),
    });
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
    expect(again.batch).toBeNull();
    expect(listBackups(app.dbPath).filter((b) => b.label === 'before-import')).toHaveLength(1);
  });
});
