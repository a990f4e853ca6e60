import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, milestonesOf, writeWorkbook, xlDate, type Cell } from './fixtures.ts';

/** The errors a dry run of an xlsx file of one sheet finds, in the file's order. */
async function dryRunErrors(app: TestApp, name: string, sheet: string, rows: Cell[][]) {
  const path = writeWorkbook(join(app.dir, name), { [sheet]: rows });
  const r = await app.call('imports.importFile', { path, kind: 'auto', dryRun: true, overwriteHand: false });
  return r.errors;
}

describe('row rules', () => {
  it("lists the problems in the order of the file's rows, a reference repeated on two rows among them", async () => {
    const app = await testApp({ today: '2026-11-26' });
    const errors = await dryRunErrors(app, 'order.xlsx', 'Export', [
      ['Reference', 'Enquiry Date', 'First Name', 'Surname', 'Email'],
      ['R1', '03/11/2026', 'Anna', 'Patel', 'anna@example.org'],
      ['R1', '03/11/2026', 'Raj', 'Patel', 'raj@example.org'],
      ['R2', '04/11/2026', 'Bethan', 'Jones', 'bethan@example.org'],
      ['R3', '31/11/2026', 'Gina', 'Lowe', 'gina@example.org'],
    ]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Reference'],
      [3, 'Reference'],
      [5, 'Enquiry Date'],
    ]);
    // The refusal of the household's two people on two rows names the columns to correct.
    expect(errors[0]!.message).toBe(
      'Reference R1 appears on rows 2, 3 with different values in First Name and Email: correct the file, the app will not guess.',
    );
  });

  it("names a register's own columns where two rows of one reference differ in them: an age range, a viability result", async () => {
    const app = await testApp({ today: '2026-11-26' });
    const errors = await dryRunErrors(app, 'register.xlsx', 'Register', [
      [
        'Carer No',
        'Approval Date',
        'Carer 1 Name',
        'Age Range',
        'Viability Outcome Date',
        'Viability Result',
      ],
      ['R1', '03/05/2022', 'Ann Ash', '0-5', null, null],
      ['R1', '03/05/2022', 'Ann Ash', '0-10', null, null],
      ['R2', '03/05/2022', 'Bo Birch', '0-5', '01/02/2022', 'Positive'],
      ['R2', '03/05/2022', 'Bo Birch', '0-5', '01/02/2022', 'Negative'],
    ]);
    expect([...new Set(errors.map((e) => e.message))]).toEqual([
      'Reference R1 appears on rows 2, 3 with different values in Age Range: correct the file, the app will not guess.',
      'Reference R2 appears on rows 4, 5 with different values in Viability Result: correct the file, the app will not guess.',
    ]);
  });

  it('names the full name column where two rows of one reference differ in the name it holds', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const errors = await dryRunErrors(app, 'full-name.xlsx', 'Export', [
      ['Reference', 'Date Received', 'Applicant Name', 'Date Closed'],
      ['N1', '03/11/2026', 'Anna Patel', null],
      ['N1', '03/11/2026', 'Raj Patel', '20/11/2026'],
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'Reference N1 appears on rows 2, 3 with different values in Applicant Name and Date Closed: correct the file, the app will not guess.',
      'Reference N1 appears on rows 2, 3 with different values in Applicant Name and Date Closed: correct the file, the app will not guess.',
    ]);
  });

  it('names the Application received column where two rows of one reference differ in the milestone it fills', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const errors = await dryRunErrors(app, 'applications.xlsx', 'Export', [
      ['Reference', 'Enquiry Date', 'Surname', 'Application Received'],
      ['A1', '03/01/2026', 'Ash', '01/03/2026'],
      ['A1', '03/01/2026', 'Ash', '02/03/2026'],
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'Reference A1 appears on rows 2, 3 with different values in Application Received: correct the file, the app will not guess.',
      'Reference A1 appears on rows 2, 3 with different values in Application Received: correct the file, the app will not guess.',
    ]);
  });

  it('says the ways out where Application received is not the Stage 1 start it fills, and refuses the row', async () => {
    // helper-272: the refusal said the two must agree but not what to do, and the row's EOI was lost with it.
    const app = await testApp({ today: '2026-12-10' });
    const path = app.file(
      'apps.csv',
      'Reference,Enquiry Date,Surname,EOI Date,Application Date,Stage 1 Start\r\n' +
        'A1,01/11/2026,Ash,20/11/2026,01/12/2026,02/12/2026\r\n',
    );
    const r = await app.call('imports.importFile', { path, dryRun: true });
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [
        2,
        'Application Date',
        'Application received 01/12/2026 is not the Stage 1 start 02/12/2026 in column "Stage 1 Start": the service counts the application as received when Stage 1 starts (Settings), so the two must agree. Correct one of the two dates in the CRM and import again; or set column "Application Date" to Not imported on the Import screen (fostering-funnel import FILE --map "Application Date=none").',
      ],
    ]);
    // Each way out it names is taken: the column left out, the row imports with its EOI and Stage 1 start.
    const mapped = await app.call('imports.importFile', {
      path,
      map: [{ header: 'Application Date', field: null }],
    });
    expect(mapped.errors).toEqual([]);
    expect(milestonesOf(app.ctx.store.db, 'A1')).toEqual({
      enquiry: '2026-11-01',
      eoi: '2026-11-20',
      stage1: '2026-12-02',
    });
    // Settings is a way out only where the other basis's milestone is the application's date: above,
    // counting it at the EOI (20/11) would refuse the row as well (helper-275).
    const atEoi = app.file(
      'at-eoi.csv',
      'Reference,Enquiry Date,Surname,EOI Date,Application Date,Stage 1 Start\r\n' +
        'A2,01/11/2026,Birch,01/12/2026,01/12/2026,02/12/2026\r\n',
    );
    const settings = await app.call('imports.importFile', { path: atEoi, dryRun: true });
    expect(settings.errors.map((e) => e.message.split('import again; ')[1])).toEqual([
      'or set column "Application Date" to Not imported on the Import screen (fostering-funnel import FILE --map "Application Date=none"); or change what counts as the application received in Settings.',
    ]);
  });

  it('names no Application received column for a stored EOI, where it fills the Stage 1 start', async () => {
    // helper-229: a stored EOI the new enquiry date passes was named under Application received.
    const app = await testApp({ today: '2026-11-26' });
    const csv = (name: string, text: string) => {
      const path = join(app.dir, name);
      writeFileSync(path, text);
      return path;
    };
    await app.call('imports.importFile', {
      path: csv('a.csv', 'Reference,Enquiry date,Surname,EOI date\r\nH1,01/03/2024,Lee,01/04/2024\r\n'),
    });
    const r = await app.call('imports.importFile', {
      path: csv(
        'b.csv',
        'Reference,Enquiry date,Surname,Application received\r\nH1,15/04/2024,Lee,01/05/2024\r\n',
      ),
      dryRun: true,
    });
    const eoi = [...r.errors, ...r.warnings].filter((e) => /EOI/.test(e.message));
    expect(eoi.length).toBeGreaterThan(0);
    expect(eoi.map((e) => e.column)).not.toContain('Application received');
  });

  it('refuses future dates, warns of approval without earlier stages, and reads the sheet asked for', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const file = writeWorkbook(join(app.dir, 'two.xlsx'), {
      Summary: [
        ['Reference', 'Surname', 'Enquiry Date'],
        ['S1', 'Skip', xlDate('2024-01-01')],
      ],
      Detail: [
        ['Reference', 'Enquiry Date', 'Surname', 'Stage 1', 'Approval Date', 'Pathway'],
        ['F1', '01/12/2026', 'Future', null, null, null],
        ['F2', '01/01/2024', 'Quick', null, '01/06/2024', 'Connected persons'],
        ['F3', '01/01/2024', 'Odd', null, null, 'Residential'],
      ],
    });
    const r = await app.call('imports.importFile', {
      path: file,
      sheet: 'Detail',
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r).toMatchObject({ rows: 3, new: 1, rejected: 2 });
    expect(r.errors).toEqual([
      { row: 2, column: 'Enquiry Date', message: 'Enquiry date 01/12/2026 is in the future.' },
      {
        row: 4,
        column: 'Pathway',
        message: 'Pathway "Residential" is neither mainstream nor kinship / connected persons.',
      },
    ]);
    expect(r.warnings).toEqual([
      {
        row: 3,
        column: 'Approval Date',
        message: 'Approved without any EOI, Stage 1, Stage 2 or panel date.',
      },
    ]);
    expect(household(app.ctx.store.db, 'F2')).toMatchObject({ pathway: 'kinship', status: 'approved' });
    expect(household(app.ctx.store.db, 'S1')).toBeUndefined();
    await expect(
      app.call('imports.importFile', {
        path: file,
        sheet: 'Nope',
        kind: 'auto',
        dryRun: true,
        overwriteHand: false,
      }),
    ).rejects.toThrow('two.xlsx: there is no sheet called "Nope" (sheets: Summary, Detail).');
  });

  it('a milestone date entered by hand survives a re-import that disagrees', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const rows = (eoi: string) => [
      ['Reference', 'Enquiry Date', 'Surname', 'EOI Date'],
      ['M1', xlDate('2024-01-05'), 'Hand', xlDate(eoi)],
    ];
    await app.call('imports.importFile', {
      path: writeWorkbook(join(app.dir, 'a.xlsx'), { S: rows('2024-02-01') }),
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    const id = household(db, 'M1')!.id as number;
    await app.call('households.correctMilestone', { id, kind: 'eoi', date: '2024-02-03', reason: 'typo' });
    const r = await app.call('imports.importFile', {
      path: writeWorkbook(join(app.dir, 'b.xlsx'), { S: rows('2024-02-09') }),
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r).toMatchObject({ unchanged: 1, updated: 0 });
    expect(r.warnings).toEqual([
      {
        row: 2,
        column: 'EOI Date',
        message: 'Kept the EOI / application date entered by hand (choose "overwrite" to replace it).',
      },
    ]);
    expect(milestonesOf(db, 'M1')).toEqual({ enquiry: '2024-01-05', eoi: '2024-02-03' });
  });
});
