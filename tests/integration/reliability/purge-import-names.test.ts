import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { ERASED_FILE_NAME } from '../../../src-main/domain/data-protection.ts';
import { listBackups } from '../../../src-main/db/backup.ts';
import { checkpoint, holds, leftovers } from '../../support/leftovers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * An import's file and sheet names are typed by whoever saved the export, and may name the
 * person it is about ("Quillfeather referral.xlsx", sheet "Quillfeather family"). They stayed in
 * the list of past imports, the database file and every backup after that person's household was
 * purged, where no later erasure reached them. Once every household an import wrote to is purged,
 * its names go with them, here and in every backup; an import still holding an unpurged household
 * keeps its names (that household's subject access export names where its data came from).
 */
const HEADER = [
  'Reference',
  'Enquiry date',
  'First name',
  'Surname',
  'Email',
  'Date closed',
  'Closure reason',
  'Closed by',
];

function workbook(app: TestApp, fileName: string, sheet: string, rows: string[][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADER, ...rows]), sheet);
  const path = join(app.dir, fileName);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return path;
}

describe('purge of an import named after its household', () => {
  it('erases the file and sheet names of an import all of whose households are purged, here and in every backup; keeps those of one still holding another', async () => {
    const app = await testApp({ today: '2021-01-10' });
    const referral = workbook(app, 'Quillfeather referral.xlsx', 'Quillfeather family', [
      [
        'Q1',
        '01/06/2020',
        'Ann',
        'Bexley',
        'ann.b@example.org',
        '01/09/2020',
        'Lost contact',
        'Lost contact',
      ],
    ]);
    const monthly = workbook(app, 'Enquiries November.xlsx', 'Vellacott list', [
      [
        'Q2',
        '02/06/2020',
        'Cal',
        'Dunmore',
        'cal.d@example.org',
        '01/09/2020',
        'Lost contact',
        'Lost contact',
      ],
      ['Q3', '03/06/2020', 'Eve', 'Fairlie', 'eve.f@example.org', '', '', ''],
    ]);
    const first = await app.call('imports.importFile', { path: referral });
    // The second import's before-import backup holds the first import's names too.
    const second = await app.call('imports.importFile', { path: monthly });
    expect([first.new, second.new]).toEqual([1, 2]);
    await app.call('data.backupNow', {});

    setClock('2022-01-10');
    const purge = await app.call('data.purgeHouseholds', {});
    expect(purge.purged).toBe(2);
    expect(purge.backupsErased).toBe(2);

    const batches = await app.call('imports.listBatches', {});
    const byId = new Map(batches.map((b) => [b.id, b]));
    expect(byId.get(first.batch!)).toMatchObject({
      fileName: ERASED_FILE_NAME,
      sheet: null,
      rows: 1,
      new: 1,
    });
    // Q3 is open, so the monthly import keeps its names: Q3's subject access export gives them.
    expect(byId.get(second.batch!)).toMatchObject({
      fileName: 'Enquiries November.xlsx',
      sheet: 'Vellacott list',
    });
    checkpoint(app);
    expect(leftovers(app, ['Quillfeather', 'Bexley'])).toEqual([]);
    expect(leftovers(app, ['Vellacott']).length).toBeGreaterThan(0);

    // A file an earlier version purged kept the names: the next purge erases them, even with no household due.
    app.ctx.store.db
      .prepare(
        "UPDATE import_batches SET file_name = 'Quillfeather referral.xlsx', sheet = 'Quillfeather family' WHERE id = ?",
      )
      .run(first.batch!);
    await app.call('data.backupNow', {});
    const again = await app.call('data.purgeHouseholds', {});
    expect(again.purged).toBe(0);
    checkpoint(app);
    expect(leftovers(app, ['Quillfeather'])).toEqual([]);
    await expect(app.call('imports.undoImport', { batchId: first.batch! })).rejects.toThrow(/purged/);
  });
});

// Before, an undone import kept its names for good: its households were gone, so no purge and no
// subject access export reached the names any more.
describe('undo of an import named after its household', () => {
  it('erases the file and sheet names of an import whose undo removed every household it wrote to, here and in a backup made before the undo', async () => {
    const app = await testApp({ today: '2021-01-10' });
    const referral = workbook(app, 'Ravensworth referral.xlsx', 'Ravensworth family', [
      ['R1', '01/06/2020', 'Orla', 'Ravensworth', 'orla.r@example.org', '', '', ''],
    ]);
    const imported = await app.call('imports.importFile', { path: referral });
    expect(imported.new).toBe(1);
    await app.call('data.backupNow', {});

    const undone = await app.call('imports.undoImport', { batchId: imported.batch! });
    expect(undone.removed).toBe(1);
    expect(undone.backupsErased).toBeGreaterThan(0);
    const batch = (await app.call('imports.listBatches', {})).find((b) => b.id === imported.batch);
    expect(batch).toMatchObject({ fileName: ERASED_FILE_NAME, sheet: null, new: 1 });
    expect(batch?.undoneAt).not.toBeNull();
    checkpoint(app);
    expect(leftovers(app, ['Ravensworth'])).toEqual([]);
  });

  it('keeps them where the import also changed a household the undo puts back as it was: its subject access export names the import', async () => {
    const app = await testApp({ today: '2021-01-10' });
    await app.call('imports.importFile', {
      path: workbook(app, 'Enquiries May.xlsx', 'May', [
        ['R1', '01/05/2020', 'Orla', 'Ravensworth', 'orla.r@example.org', '', '', ''],
      ]),
    });
    const june = await app.call('imports.importFile', {
      path: workbook(app, 'Enquiries June.xlsx', 'Vellacott list', [
        ['R1', '01/05/2020', 'Orla', 'Ravensworth', 'orla.new@example.org', '', '', ''],
        ['R2', '02/06/2020', 'Cal', 'Dunmore', 'cal.d@example.org', '', '', ''],
      ]),
    });
    expect([june.new, june.updated]).toEqual([1, 1]);
    await app.call('data.backupNow', {});

    const undone = await app.call('imports.undoImport', { batchId: june.batch! });
    expect([undone.removed, undone.households]).toEqual([1, 1]);
    const batch = (await app.call('imports.listBatches', {})).find((b) => b.id === june.batch);
    expect(batch).toMatchObject({ fileName: 'Enquiries June.xlsx', sheet: 'Vellacott list' });
    // The backup made before the undo keeps them too (it erased Cal Dunmore there, not the names).
    const backups = listBackups(app.dbPath).map((b) => b.path);
    expect(backups.some((b) => holds(b, 'Vellacott list'))).toBe(true);
    expect(backups.some((b) => holds(b, 'Dunmore'))).toBe(false);
  });

  it('erases those of an undone import that only changed households, once an earlier import’s undo removes them', async () => {
    const app = await testApp({ today: '2021-01-10' });
    const may = await app.call('imports.importFile', {
      path: workbook(app, 'Enquiries May.xlsx', 'May', [
        ['R1', '01/05/2020', 'Orla', 'Ravensworth', 'orla.r@example.org', '', '', ''],
      ]),
    });
    const update = await app.call('imports.importFile', {
      path: workbook(app, 'Ravensworth update.xlsx', 'Ravensworth family', [
        ['R1', '01/05/2020', 'Orla', 'Ravensworth', 'orla.new@example.org', '', '', ''],
      ]),
    });
    expect([update.new, update.updated]).toEqual([0, 1]);

    expect((await app.call('imports.undoImport', { batchId: update.batch! })).removed).toBe(0);
    const named = async (id: number) =>
      (await app.call('imports.listBatches', {})).find((b) => b.id === id)?.fileName;
    // R1 is still here, and its subject access export names the update.
    expect(await named(update.batch!)).toBe('Ravensworth update.xlsx');

    expect((await app.call('imports.undoImport', { batchId: may.batch! })).removed).toBe(1);
    expect([await named(may.batch!), await named(update.batch!)]).toEqual([
      ERASED_FILE_NAME,
      ERASED_FILE_NAME,
    ]);
    checkpoint(app);
    expect(leftovers(app, ['Ravensworth'])).toEqual([]);
    // Asked to undo it again, the refusal does not wrap the erased name in a second pair of brackets.
    await expect(app.call('imports.undoImport', { batchId: update.batch! })).rejects.toThrow(
      `Import ${update.batch!} was already undone on 10/01/2021.`,
    );
  });
});
