import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

async function db(): Promise<{ path: string; dir: string }> {
  const dir = tempDir();
  const path = join(dir, 'o.db');
  expect((await cli('init', '--db', path)).code).toBe(0);
  return { path, dir };
}

describe('CLI options named as the user typed them', () => {
  // "--kind carer" was answered "--kind must be enquiries, carers or auto." and "--kind 'Carers
  // register'" (as Past imports names it) refused the same way.
  it('takes the kind of file by its key or as Past imports words it, and lists both when it cannot', async () => {
    const { path, dir } = await db();
    const file = join(dir, 'register.csv');
    writeFileSync(file, 'Foster Carer No.,Carer 1 Name,Date of Approval\r\nFC1,Joan Ashby,01/05/2019\r\n');
    const ok = await cli('import', file, '--kind', 'Carers register', '--dry-run', '--db', path);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out.split('\n')[0]).toBe('Dry run (Carers register): nothing was written.');
    const bad = await cli('import', file, '--kind', 'carer', '--db', path);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n').slice(0, 4)).toEqual([
      '--kind "carer" is not a kind of file. Give one of these, by its key or its words:',
      '  enquiries   Enquiries',
      '  carers      Carers register',
      '  auto',
    ]);
  });

  // A dry run said how many rows would change but not which column was read as what, so a file
  // could not be checked from the command line before it was imported, as the Import screen can.
  it('lists a dry run’s columns and the field each fills, as the Import screen’s mapping does', async () => {
    const { path, dir } = await db();
    const file = join(dir, 'register.csv');
    writeFileSync(
      file,
      'Foster Carer No.,Carer 1 Name,Date of Approval,Type of Approval,Notes\r\n' +
        'FC1,Joan Ashby,01/05/2019,Connected Person,x\r\nFC2,Amir Khan,01/05/2016,Mainstream,\r\n',
    );
    const dry = await cli('import', file, '--dry-run', '--map', 'Notes=none', '--db', path);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out.split('\n').slice(2)).toEqual([
      'Columns:',
      '  A "Foster Carer No.": Reference',
      '  B "Carer 1 Name": Carer 1 name',
      '  C "Date of Approval": Approval date',
      '  D "Type of Approval": Pathway (its cells are pathways)',
      '  E "Notes": not imported',
    ]);
    // An import that writes says what it did, as before, without the columns.
    const real = await cli('import', file, '--db', path);
    expect(real.out).not.toContain('Columns:');
  });

  // The core's refusal of an input names its field by the contract's key ("close: date: 01/01/1940
  // is before 01/01/1950…", "report: from: The From year…"), which is no option the user typed.
  it('names the option where the core refuses a value of it, --json keeping the contract’s field', async () => {
    const { path, dir } = await db();
    const file = join(dir, 'one.csv');
    writeFileSync(file, 'Reference,Enquiry Date,Surname\r\nD1,02/11/2026,Day\r\n');
    expect((await cli('import', file, '--db', path)).code).toBe(0);
    const early = await cli(
      'close',
      'D1',
      '--date',
      '01/01/1940',
      '--reason',
      'housing',
      '--ended-by',
      'applicant',
      '--db',
      path,
    );
    expect(early.code).toBe(1);
    expect(early.err).toBe(
      "fostering-funnel close: --date: 01/01/1940 is before 01/01/1950: no date in this service's records is that early. Check the year.",
    );
    const json = await cli(
      'close',
      'D1',
      '--date',
      '01/01/1940',
      '--reason',
      'housing',
      '--ended-by',
      'applicant',
      '--db',
      path,
      '--json',
    );
    expect(JSON.parse(json.out)).toMatchObject({ error: { code: 'invalid_input', field: 'date' } });
    const years = await cli('report', 'funnel', '--from', '2024/25', '--to', '2022/23', '--db', path);
    expect(years.code).toBe(1);
    expect(years.err).toMatch(/^fostering-funnel report: --from: /);
  });

  // "sample --households 0" said "households: Too small: expected number to be >=1", zod's words.
  it('refuses a number of sample households out of range as a usage error saying the range', async () => {
    const { path } = await db();
    const none = await cli('sample', '--households', '0', '--db', path);
    expect(none.code).toBe(2);
    expect(none.err.split('\n')[0]).toBe('--households needs a whole number from 1 to 2,000,000.');
  });

  // "report 'Drop-out reasons'" and "--pathway 'All pathways'", as the Reports screen words them,
  // were refused ('Unknown table "Drop-out reasons": choose one of funnel, cohort, …').
  it('takes a report table and pathway by key or as the Reports screen words them, and lists both when it cannot', async () => {
    const { path } = await db();
    const byWords = await cli(
      'report',
      'Drop-out reasons',
      '--pathway',
      'All pathways',
      '--fy',
      '2025/26',
      '--db',
      path,
      '--json',
    );
    expect(byWords.code, byWords.err).toBe(0);
    expect(JSON.parse(byWords.out)).toMatchObject({ table: 'dropout', options: { pathway: 'all' } });
    const kinship = await cli('report', 'kinship', '--pathway', 'Kinship', '--fy', '2025/26', '--db', path);
    expect(kinship.code, kinship.err).toBe(0);
    const table = await cli('report', 'dropouts', '--db', path);
    expect(table.code).toBe(2);
    expect(table.err.split('\n')[0]).toBe(
      'TABLE "dropouts" is not a report table. Give one of these, by its key or its words:',
    );
    expect(table.err).toMatch(/^ {2}dropout +Drop-out reasons$/m);
    const pathway = await cli('report', 'funnel', '--pathway', 'both', '--db', path);
    expect(pathway.code).toBe(2);
    expect(pathway.err).toMatch(/^ {2}all +All pathways$/m);
    expect((await cli('report', '--help')).out).toMatch(/^ {2}forecast-backtest +Forecast backtest$/m);
  });
});
