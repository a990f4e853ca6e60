import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from './fixtures.ts';
import { officeMissing, soffice } from '../../support/office.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** LibreOffice Calc, headless, to save a file as an office program does (skipped where absent). */
const noOffice = officeMissing();
if (noOffice) console.warn(`Skipping the CLI import of LibreOffice files: ${noOffice}.`);

describe.skipIf(noOffice)('the CLI importing a file LibreOffice saved', () => {
  it('an .ods enquiry export imports with nothing written to stderr', () => {
    const dir = tempDir('ff-office-cli-');
    const xlsx = writeWorkbook(join(dir, 'enquiries.xlsx'), {
      Enquiries: [
        ['Fostering enquiries'],
        [],
        ['Reference', 'Enquiry Date', 'First Name', 'Surname'],
        ['O1', xlDate('2024-04-03'), 'Ann', 'Ash'],
        ['O2', '05/04/2024', 'Bob', 'Birch'],
      ],
    });
    const convert = soffice(['--convert-to', 'ods', '--outdir', dir, xlsx], join(dir, 'lo'));
    expect(convert.status, convert.stderr).toBe(0);
    const db = join(dir, 'office.db');
    const bin = join(ROOT, 'bin/fostering-funnel.js');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args, '--db', db], { encoding: 'utf8' });
    expect(run('init').status).toBe(0);
    const imported = run('import', join(dir, 'enquiries.ods'));
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Rows 2: new 2');
    // SheetJS's notes on LibreOffice's number formats ("ODS number format may be incorrect") are not the user's business.
    expect(imported.stderr).toBe('');
  });

  it("a workbook whose first sheet is hidden (last month's rows) imports the sheet on show, in every format", () => {
    const dir = tempDir('ff-office-hidden-');
    const xlsx = writeWorkbook(
      join(dir, 'hidden-first.xlsx'),
      {
        'Old data': [
          ['Reference', 'Enquiry Date', 'First Name', 'Surname'],
          ['OLD1', xlDate('2020-05-01'), 'Old', 'One'],
          ['OLD2', xlDate('2020-05-02'), 'Old', 'Two'],
        ],
        Enquiries: [
          ['Enquiries this month'],
          ['Reference', 'Enquiry Date', 'Surname'],
          ['N1', xlDate('2024-05-01'), 'New'],
        ],
      },
      { hidden: ['Old data'] },
    );
    const convert = (format: string) => {
      const r = soffice(['--convert-to', format, '--outdir', join(dir, 'out'), xlsx], join(dir, 'lo'));
      expect(r.status, r.stderr).toBe(0);
      return join(dir, 'out', `hidden-first.${format}`);
    };
    const db = join(dir, 'hidden.db');
    const bin = join(ROOT, 'bin/fostering-funnel.js');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args, '--db', db], { encoding: 'utf8' });
    expect(run('init').status).toBe(0);
    for (const file of [xlsx, convert('xlsx'), convert('xls'), convert('ods')]) {
      const dry = run('import', file, '--dry-run', '--json');
      expect(dry.status, `${file}: ${dry.stderr}`).toBe(0);
      expect(JSON.parse(dry.stdout), file).toMatchObject({ rows: 1, new: 1 });
      // Asked for by name, the hidden sheet is read.
      const asked = run('import', file, '--sheet', 'Old data', '--dry-run', '--json');
      expect(JSON.parse(asked.stdout), file).toMatchObject({ rows: 2, new: 2 });
    }
    // Three LibreOffice conversions (the first makes its profile) and eight CLI runs: well over the
    // default minute on a loaded two-core machine, as the other LibreOffice tests allow for.
  }, 600_000);
});
