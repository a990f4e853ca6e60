import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { jobSettled, testApp } from '../../support/temp.ts';
import { officeMissing, soffice } from '../../support/office.ts';

/**
 * Rows an officer hid, or filtered out, in the export are still in the file and are imported
 * like the rows on show; the import says so, with their row numbers, on the preview and in the
 * result, in every format that can hide rows. Before, they were imported without a word: the
 * officer saw two rows and imported four.
 */

/** LibreOffice Calc, headless, to save a file as an office program does (skipped where absent). */
const noOffice = officeMissing();
if (noOffice) console.warn(`Skipping hidden rows in LibreOffice files: ${noOffice}.`);

const NOTE =
  '2 rows hidden in the sheet (rows 4 and 6) are read like the rows on show: rows hidden or filtered out are still in the file. To leave them out, delete them from the sheet and import again.';

describe.skipIf(noOffice)('rows hidden or filtered out in the sheet', () => {
  it('are imported, and the preview and the result say how many and which, in xlsx, xls and ods', async () => {
    const app = await testApp({ today: '2026-11-30' });
    // An enquiry export filtered to the North team: South's rows are hidden by the filter.
    const ws = XLSX.utils.aoa_to_sheet([
      ['Enquiries, North team'],
      ['Reference', 'Date of enquiry', 'First name', 'Surname', 'Team'],
      ['H1', '01/03/2024', 'Ann', 'Lee', 'North'],
      ['H2', '02/03/2024', 'Bo', 'Ray', 'South'],
      ['H3', '03/03/2024', 'Cy', 'Fox', 'North'],
      ['H4', '04/03/2024', 'Di', 'Gee', 'South'],
    ]);
    ws['!rows'] = [];
    ws['!rows'][3] = { hidden: true };
    ws['!rows'][5] = { hidden: true };
    ws['!autofilter'] = { ref: 'A2:E6' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Enquiries');
    const xlsx = join(app.dir, 'filtered.xlsx');
    writeFileSync(xlsx, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const saved = (format: string) => {
      const r = soffice(
        ['--convert-to', format, '--outdir', join(app.dir, 'lo-saved'), xlsx],
        join(app.dir, 'lo'),
      );
      expect(r.status, r.stderr).toBe(0);
      return join(app.dir, 'lo-saved', `filtered.${format}`);
    };

    for (const file of [xlsx, saved('xlsx'), saved('xls'), saved('ods')]) {
      const started = await app.call('imports.startImport', {
        path: file,
        kind: 'auto',
        overwriteHand: false,
      });
      const job = await jobSettled(app, started.jobId);
      expect(job.state, `${file}: ${job.error?.message}`).toBe('ready');
      expect(job.preview!.counts, file).toMatchObject({ rows: 4, new: 4 });
      expect(job.preview!.warnings, file).toEqual([{ row: null, column: null, message: NOTE }]);
      await app.call('imports.cancelImport', { jobId: started.jobId });

      const result = await app.call('imports.importFile', { path: file, dryRun: true });
      expect(result, file).toMatchObject({ rows: 4, new: 4, rejected: 0 });
      expect(result.warnings, file).toEqual([{ row: null, column: null, message: NOTE }]);
    }

    // Committed, the result says it too; a row on show alone brings no such note.
    const done = await app.call('imports.importFile', { path: saved('ods') });
    expect(done).toMatchObject({ new: 4, warnings: [{ row: null, message: NOTE }] });
    const csv = join(app.dir, 'shown.csv');
    writeFileSync(csv, 'Reference,Date of enquiry,Surname\r\nH5,05/03/2024,Hart\r\n');
    expect(await app.call('imports.importFile', { path: csv })).toMatchObject({ new: 1, warnings: [] });
  }, 600_000);
});
