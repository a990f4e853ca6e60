import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as XLSX from 'xlsx';
import { testApp } from '../../support/temp.ts';
import { milestonesOf, writeWorkbook, xlDate } from './fixtures.ts';
import { officeMissing, soffice } from '../../support/office.ts';

/**
 * A date cell a spreadsheet filled with 0 (Excel shows "00/01/1900", LibreOffice "30/12/1899"),
 * a 1 ("01/01/1900") or a year typed wrong into the past is no date of the service's records: it
 * was stored as a real milestone (a household enquiring in 1924), or refused as "0 is not a date."
 * It is refused, naming row and column, as any impossible date is; from 1950 on, dates are read as
 * before (an approval in the 1970s, a carer born in 1945).
 */

const noOffice = officeMissing();
if (noOffice) console.warn(`Skipping dates before 1950 in a LibreOffice file: ${noOffice}.`);

const serial = (v: number): XLSX.CellObject => ({ t: 'n', v, z: 'dd/mm/yyyy' });
const early = (shown: string) =>
  `"${shown}" is before 01/01/1950: no date in this service's records is that early (a date cell holding 0, as a formula on an empty cell gives, shows as 00/01/1900 or 30/12/1899). Check the cell, or leave it empty.`;

describe.skipIf(noOffice)('dates before 1950 in an import', () => {
  it('are refused with row and column, in a workbook and as LibreOffice saves it; 1950 on is read', async () => {
    const app = await testApp({ today: '2026-11-30' });
    const xlsx = writeWorkbook(join(app.dir, 'enquiries.xlsx'), {
      Enquiries: [
        ['Reference', 'Date of enquiry', 'Surname', 'EOI date', 'Approval date', 'Carer 1 Date of Birth'],
        ['E1', xlDate('2024-03-01'), 'Ash', serial(0), null, null],
        ['E2', xlDate('2024-03-01'), 'Bell', serial(1), null, null],
        ['E3', xlDate('2024-03-01'), 'Cole', '00/01/1900', null, null],
        ['E4', '01/01/1900', 'Dean', null, null, null],
        ['E5', '03/04/1924', 'Eve', null, null, null],
        ['E6', xlDate('1954-10-03'), 'Fox', null, xlDate('1973-02-12'), xlDate('1945-06-01')],
      ],
    });
    const r = soffice(
      ['--convert-to', 'ods', '--outdir', join(app.dir, 'lo-saved'), xlsx],
      join(app.dir, 'lo'),
    );
    expect(r.status, r.stderr).toBe(0);
    const ods = join(app.dir, 'lo-saved', 'enquiries.ods');

    const refused = (row: number, column: string, shown: string) => ({ row, column, message: early(shown) });
    for (const [file, zero, one] of [
      [xlsx, '00/01/1900', '01/01/1900'],
      // LibreOffice counts from 30/12/1899: its 0 and 1 are that day and the next (-1 and 0 to SheetJS).
      [ods, '30/12/1899', '00/01/1900'],
    ] as const) {
      const result = await app.call('imports.importFile', { path: file, dryRun: true });
      expect(result, file).toMatchObject({ rows: 6, new: 1, rejected: 5 });
      expect(result.errors, file).toEqual([
        refused(2, 'EOI date', zero),
        refused(3, 'EOI date', one),
        refused(4, 'EOI date', '00/01/1900'),
        refused(5, 'Date of enquiry', '01/01/1900'),
        refused(6, 'Date of enquiry', '03/04/1924'),
      ]);
    }
    await app.call('imports.importFile', { path: ods });
    expect(milestonesOf(app.ctx.store.db, 'E6')).toEqual({ approval: '1973-02-12', enquiry: '1954-10-03' });
    expect(
      app.ctx.store.db
        .prepare(
          "SELECT p.date_of_birth FROM household_people p JOIN households h ON h.id = p.household_id WHERE h.reference = 'E6'",
        )
        .pluck()
        .all(),
    ).toEqual(['1945-06-01']);
  }, 600_000);

  it('a CSV LibreOffice saved month first, whose one day over 12 is its empty date (12/30/1899), is refused whole', async () => {
    const app = await testApp({ today: '2026-11-30' });
    const us = (iso: string): XLSX.CellObject => ({ ...xlDate(iso), z: 'mm/dd/yyyy' });
    // Every real date's day is 12 or less, so only the empty date shows the file is month first.
    const xlsx = writeWorkbook(join(app.dir, 'enquiries-us.xlsx'), {
      Enquiries: [
        ['Reference', 'Date of enquiry', 'Surname', 'EOI date'],
        ['U1', us('2024-03-05'), 'Ash', { t: 'n', v: 0, z: 'mm/dd/yyyy' }],
        ['U2', us('2024-04-10'), 'Birch', us('2024-06-11')],
      ],
    });
    const r = soffice(
      [
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        join(app.dir, 'lo-saved'),
        xlsx,
      ],
      join(app.dir, 'lo'),
    );
    expect(r.status, r.stderr).toBe(0);
    const csv = join(app.dir, 'lo-saved', 'enquiries-us.csv');
    expect(readFileSync(csv, 'utf8')).toContain('U1,03/05/2024,Ash,12/30/1899');
    // Read day first, 03/05/2024 was stored as 3 May and 04/10/2024 as 4 October, without a word.
    await expect(app.call('imports.importFile', { path: csv, dryRun: true })).rejects.toThrow(
      /^enquiries-us\.csv: row 2, column D \("EOI date"\): "12\/30\/1899" is a date only if the month comes first.*Nothing was imported/,
    );
  }, 600_000);
});
