import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsDir } from '../../../src-main/db/paths.ts';
import { testApp } from '../../support/temp.ts';

describe('undo of an import after a backup cut short', () => {
  it('removes the half-made copy a crash left beside the backups: it held the removed household, where no erasure reads', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const file = join(app.dir, 'p.csv');
    writeFileSync(file, 'Reference,Enquiry date,First name,Surname\r\nP1,01/06/2026,Zebedee,Quill\r\n');
    const first = await app.call('imports.importFile', { path: file });
    expect(first.new).toBe(1);
    // What a backup killed mid-copy leaves: a copy of the file as it was, named by its dead process.
    app.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const dir = backupsDir(app.dbPath);
    mkdirSync(dir, { recursive: true });
    copyFileSync(app.dbPath, join(dir, `test-2026-11-26T12-00-00-000Z-manual.db.${dead}.partial`));
    const holding = () => readdirSync(dir).filter((f) => readFileSync(join(dir, f)).includes('Zebedee'));
    expect(holding()).toHaveLength(1);

    await app.call('imports.undoImport', { batchId: first.batch! });
    expect(holding()).toEqual([]);
  });
});
