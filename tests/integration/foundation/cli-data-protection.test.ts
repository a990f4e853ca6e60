import { lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { testApp } from '../../support/temp.ts';

/** One household, enquired and closed in 2020, so long past its retention period. */
async function appWithOldEnquirer() {
  const app = await testApp({ today: '2026-11-26' });
  const h = await app.call('households.createHousehold', {
    enquiryDate: '2020-01-06',
    firstName: 'Zebedee',
    surname: 'Quillfeather',
    email: 'zebedee.quillfeather@example.org',
  });
  await app.call('households.closeHousehold', {
    id: h.id,
    date: '2020-02-01',
    reasonKey: 'other',
    endedBy: 'applicant',
  });
  return { app, reference: h.reference };
}

describe('data protection from the CLI', () => {
  it('saves a subject access export as Excel or JSON, private to the user, by reference', async () => {
    const { app, reference } = await appWithOldEnquirer();
    app.ctx.store.close();
    const xlsxPath = join(app.dir, 'sar.xlsx');
    const x = await cli('subject-access', reference.toLowerCase(), '--out', xlsxPath, '--db', app.dbPath);
    expect(x).toMatchObject({ code: 0, err: '' });
    expect(x.out).toContain(`to ${xlsxPath}`);
    expect(statSync(xlsxPath).mode & 0o777).toBe(0o600);
    const book = XLSX.read(readFileSync(xlsxPath));
    const households = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.households!);
    expect(households).toEqual([expect.objectContaining({ reference, surname: 'Quillfeather' })]);

    const jsonPath = join(app.dir, 'sar.json');
    expect((await cli('subject-access', reference, '--out', jsonPath, '--db', app.dbPath)).code).toBe(0);
    expect(readFileSync(jsonPath, 'utf8')).toContain('zebedee.quillfeather@example.org');

    const unknown = await cli('subject-access', 'FF999999', '--out', jsonPath, '--db', app.dbPath);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('There is no household with the reference "FF999999"');
    const wrongType = await cli('subject-access', reference, '--out', join(app.dir, 'sar.txt'));
    expect(wrongType.code).toBe(2);
    expect(wrongType.err).toContain('--out needs a file ending .xlsx or .json');
  });

  it('--out replaces a symlink or another file at that name with a new private file, never writing through it', async () => {
    const { app, reference } = await appWithOldEnquirer();
    app.ctx.store.close();
    // Someone who can write to the folder (a shared one) points the name at a file they can read.
    const elsewhere = join(app.dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'not yours\n', { mode: 0o644 });
    const linked = join(app.dir, 'sar.json');
    symlinkSync(elsewhere, linked);
    expect((await cli('subject-access', reference, '--out', linked, '--db', app.dbPath)).code).toBe(0);
    expect(readFileSync(elsewhere, 'utf8')).toBe('not yours\n');
    expect(statSync(elsewhere).mode & 0o777).toBe(0o644);
    expect(lstatSync(linked).isFile()).toBe(true);
    expect(lstatSync(linked).mode & 0o777).toBe(0o600);
    expect(readFileSync(linked, 'utf8')).toContain('zebedee.quillfeather@example.org');
    // Nothing else is left in the folder: no temporary copy beside the export.
    expect(readdirSync(app.dir).filter((f) => f.includes('sar.json'))).toEqual(['sar.json']);
  });

  it('purge --yes exits 3, naming the copy, when a backup still holds the details it erased', async () => {
    const { app } = await appWithOldEnquirer();
    const backup = (await app.call('data.backupNow', {})).path;
    app.ctx.store.close();
    // A backup whose header is garbled cannot be opened, so the purge cannot erase it.
    const bytes = readFileSync(backup);
    bytes.fill(0x41, 0, 100);
    writeFileSync(backup, bytes);

    const text = await cli('purge', '--yes', '--db', app.dbPath);
    expect(text.code).toBe(3);
    expect(text.out).toContain(
      'Erased the personal details of 1 household (1 enquirer, 0 applicants, 0 carers, 0 connected persons), here and in ',
    );
    expect(text.err).toContain(`could not be erased and may still hold purged details: ${backup}`);
    // Run again (nothing left to purge in the database; the copy is still not erased) with --json.
    const json = await cli('purge', '--yes', '--json', '--db', app.dbPath);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.out)).toMatchObject({ backupsNotErased: [backup] });
  });

  it('purge --yes exits 0 when every copy was erased', async () => {
    const { app } = await appWithOldEnquirer();
    await app.call('data.backupNow', {});
    app.ctx.store.close();
    const r = await cli('purge', '--yes', '--json', '--db', app.dbPath);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ purged: 1, backupsNotErased: [] });
  });

  it('purge reaches a damaged database a restore kept aside: erased there, or named as not erased, never kept silently', async () => {
    const { app } = await appWithOldEnquirer();
    const backup = (await app.call('data.backupNow', {})).path;
    app.ctx.store.close();
    // The live file is damaged in one page; the person's details are still in its bytes.
    const bytes = readFileSync(app.dbPath);
    bytes.fill(0xff, 4096, 8192);
    writeFileSync(app.dbPath, bytes);
    expect((await cli('restore', backup, '--db', app.dbPath)).code).toBe(0);
    const folder = `${app.dbPath}-backups`;
    const aside = join(
      folder,
      readdirSync(folder).find((f) => f.endsWith('.damaged'))!,
    );
    expect(readFileSync(aside).includes('Quillfeather')).toBe(true);

    const r = await cli('purge', '--yes', '--json', '--db', app.dbPath);
    const result = JSON.parse(r.out) as { purged: number; backupsNotErased: string[] };
    expect(r.code).toBe(result.backupsNotErased.length > 0 ? 3 : 0);
    expect(result.purged).toBe(1);
    // Every file in the backups folder holds the person no more, unless the purge names it.
    const holding = readdirSync(folder)
      .map((f) => join(folder, f))
      .filter((f) => readFileSync(f).includes('Quillfeather'));
    expect(holding.filter((f) => !result.backupsNotErased.includes(f))).toEqual([]);
  });
});
