import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, milestonesOf, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * Cells real exports hold that the import read wrongly (found by an audit with files office
 * software wrote): a formula's error in a date column, a two-digit year of birth, a name written
 * surname first, headers that name a step without being its date, one mistyped date.
 */
const run = (app: TestApp, path: string) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });

const people = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare(
      `SELECT p.position, p.first_name, p.surname, p.date_of_birth
       FROM household_people p JOIN households h ON h.id = p.household_id WHERE h.reference = ? ORDER BY p.position`,
    )
    .all(reference);

describe('a spreadsheet error value (#N/A, #VALUE!) in a date column', () => {
  // SheetJS error codes: 0x2A #N/A, 0x0F #VALUE!
  for (const bookType of ['xlsx', 'biff8'] as const) {
    it(`is reported by row and column, not read as an empty cell (${bookType})`, async () => {
      const app = await testApp();
      const file = writeWorkbook(
        join(app.dir, `errors.${bookType === 'biff8' ? 'xls' : 'xlsx'}`),
        {
          Enquiries: [
            ['Reference', 'Enquiry Date', 'EOI Date', 'First Name', 'Surname'],
            ['X1', xlDate('2024-03-05'), { t: 'e', v: 0x0f }, 'Ann', 'Smith'],
            ['X2', { t: 'e', v: 0x2a }, xlDate('2024-03-09'), 'Bob', 'Jones'],
          ],
        },
        { bookType },
      );
      const result = await run(app, file);
      // Read as blank, X1 was stored without its EOI and X2 without its enquiry date, unsaid.
      expect(result.errors.map((e) => [e.row, e.column])).toEqual([
        [2, 'EOI Date'],
        [3, 'Enquiry Date'],
      ]);
      expect(result.errors.map((e) => e.message.match(/#[A-Z/!?0]+/)?.[0])).toEqual(['#VALUE!', '#N/A']);
      expect(household(app.ctx.store.db, 'X2')).toBeUndefined();
    });
  }
});

describe('a spreadsheet error value in a text column', () => {
  it('is an error of its row naming the column, never stored as a name or source "#N/A"', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'lookups.xlsx'), {
      Enquiries: [
        ['Reference', 'Enquiry Date', 'First Name', 'Surname', 'Source'],
        ['Y1', xlDate('2024-03-05'), 'Ann', { t: 'e', v: 0x2a }, 'Website'],
        ['Y2', xlDate('2024-03-06'), 'Bob', 'Jones', 'Website'],
      ],
    });
    const csv = join(app.dir, 'lookups.csv');
    writeFileSync(
      csv,
      'Reference,Enquiry Date,First Name,Surname,Source\r\nY3,07/03/2024,Cat,Hill,#REF!\r\nY4,08/03/2024,Dan,Err:502,Event\r\n',
    );
    const a = await run(app, file);
    expect(a.errors).toEqual([
      {
        row: 2,
        column: 'Surname',
        message:
          '"#N/A" is a spreadsheet\'s error value, left by a formula that failed, not a value: correct the formula or clear the cell.',
      },
    ]);
    const b = await run(app, csv);
    expect(b.errors.map((e) => [e.row, e.column, e.message.slice(0, 9)])).toEqual([
      [2, 'Source', '"#REF!" i'],
      [3, 'Surname', '"Err:502"'],
    ]);
    for (const ref of ['Y1', 'Y3', 'Y4']) expect(household(app.ctx.store.db, ref)).toBeUndefined();
    expect(household(app.ctx.store.db, 'Y2')).toMatchObject({ surname: 'Jones' });
  });

  it('is said once, not again by the check of the column it stands in', async () => {
    const app = await testApp();
    const file = join(app.dir, 'register.csv');
    writeFileSync(
      file,
      'Carer No,Approval Date,Surname,Carer 1 Ethnicity,Number of Places,Short Breaks,Pathway\r\n' +
        'R1,01/05/2020,Hill,#N/A,#VALUE!,#N/A,#REF!\r\n',
    );
    const result = await run(app, file);
    expect(result.errors.map((e) => [e.column, e.message.slice(0, 10)])).toEqual([
      ['Carer 1 Ethnicity', '"#N/A" is '],
      ['Number of Places', '"#VALUE!" '],
      ['Short Breaks', '"#N/A" is '],
      ['Pathway', '"#REF!" is'],
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe("a carer's date of birth written with a two-digit year", () => {
  it('is never in the future: 12/05/65 is 1965, as Excel reads it, not 2065', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const file = join(app.dir, 'register.csv');
    writeFileSync(
      file,
      'Carer No,Approval Date,Carer 1 First Name,Carer 1 Surname,Carer 1 Date of Birth\r\n' +
        'C1,01/05/2020,Ann,Smith,12/05/65\r\n' +
        'C2,01/05/2020,Cat,Hill,03/04/05\r\n' +
        'C3,01/05/2020,Dan,Hale,12 May 70\r\n' +
        'C4,01/05/2020,Eve,Ives,2065-05-12\r\n' +
        'C5,01/05/2020,Fay,Ford,12/05/10\r\n',
    );
    const result = await run(app, file);
    // A year written in full is as written: 2065 is in the future, and refused. "10" is 2010, not
    // the future, but a child's: refused, not stored as a carer of 16.
    expect(result.errors.map((e) => [e.row, e.message])).toEqual([
      [5, 'Date of birth 12/05/2065 is in the future.'],
      [
        6,
        'Date of birth 12/05/2010 makes them 16 today, and a foster carer is an adult: check the year, written in full.',
      ],
    ]);
    expect(people(app, 'C1')).toMatchObject([{ first_name: 'Ann', date_of_birth: '1965-05-12' }]);
    expect(people(app, 'C2')).toMatchObject([{ date_of_birth: '2005-04-03' }]);
    expect(people(app, 'C3')).toMatchObject([{ date_of_birth: '1970-05-12' }]);
  });
});

describe('a name column written surname first, as CRMs write it', () => {
  it('stores "SMITH, John" as first name John, surname SMITH; a carer\'s too', async () => {
    const app = await testApp();
    const file = join(app.dir, 'names.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,Name\r\nN1,05/03/2024,"SMITH, John"\r\nN2,05/03/2024,Mary Ann Jones\r\n',
    );
    expect((await run(app, file)).errors).toEqual([]);
    expect(household(app.ctx.store.db, 'N1')).toMatchObject({ first_name: 'John', surname: 'SMITH' });
    expect(household(app.ctx.store.db, 'N2')).toMatchObject({ first_name: 'Mary Ann', surname: 'Jones' });
    const register = join(app.dir, 'register.csv');
    writeFileSync(register, 'Carer No,Approval Date,Carer 1 Name\r\nC1,01/05/2020,"O\'Neill, Siobhan"\r\n');
    expect((await run(app, register)).errors).toEqual([]);
    expect(people(app, 'C1')).toMatchObject([{ first_name: 'Siobhan', surname: "O'Neill" }]);
  });
});

describe('a column whose header says "Approved" without a date, left of the approval date', () => {
  it('maps the approval date column, not "Approved for" (terms) or "Approved?" (yes/no)', async () => {
    const app = await testApp();
    const register = join(app.dir, 'register.csv');
    writeFileSync(
      register,
      'Carer No,Carer Name,Approved for,Approval Date\r\nC1,Ann Smith,"2 children, 0-18",01/05/2020\r\n',
    );
    const r1 = await run(app, register);
    expect(r1.errors).toEqual([]);
    expect(milestonesOf(app.ctx.store.db, 'C1')).toMatchObject({ approval: '2020-05-01' });

    const enquiries = join(app.dir, 'enquiries.csv');
    writeFileSync(
      enquiries,
      'Reference,Enquiry Date,First Name,Surname,Approved?,Date Approved\r\nA1,05/03/2023,Ann,Smith,No,\r\n',
    );
    const r2 = await run(app, enquiries);
    expect(r2.errors).toEqual([]);
  });
});

describe('"Stage 2 Assessor" / "Stage 1 Outcome" columns', () => {
  it('are not proposed as the Stage 2 / Stage 1 dates', async () => {
    const app = await testApp();
    const file = join(app.dir, 'assessor.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,First Name,Surname,Stage 2 Assessor,Stage 1 Outcome\r\n' +
        'S1,05/03/2024,Ann,Smith,Jane Bloggs,Suitable\r\n',
    );
    const result = await run(app, file);
    expect(result.errors).toEqual([]);
    expect(household(app.ctx.store.db, 'S1')).toBeDefined();
  });
});
describe('one mistyped date such as 12/13/2024', () => {
  it('in a CSV whose other dates can only be day first (25/03/2024) is a row error, not a month-first file', async () => {
    const app = await testApp();
    const file = join(app.dir, 'typo.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,First Name,Surname,EOI Date\r\n' +
        'T1,25/03/2024,Ann,Smith,28/03/2024\r\n' +
        'T2,26/03/2024,Bob,Jones,12/13/2024\r\n',
    );
    const result = await run(app, file);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([[3, 'EOI Date']]);
    expect(household(app.ctx.store.db, 'T1')).toBeDefined();
  });

  it('in a workbook of real date cells is a row error, not a refusal of the workbook', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'typo.xlsx'), {
      Enquiries: [
        ['Reference', 'Enquiry Date', 'First Name', 'Surname', 'EOI Date'],
        ['T1', xlDate('2024-03-01'), 'Ann', 'Smith', xlDate('2024-03-04')],
        ['T2', xlDate('2024-03-02'), 'Bob', 'Jones', '12/13/2024'],
      ],
    });
    const result = await run(app, file);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([[3, 'EOI Date']]);
  });
});

describe('a CSV row with more cells than its header row', () => {
  it('is refused, naming the row, where a separator in a cell not in quotes moved its cells on', async () => {
    const app = await testApp();
    const file = join(app.dir, 'shifted.csv');
    writeFileSync(
      file,
      [
        'Reference,Enquiry Date,First Name,Surname,Email',
        // "Mary, Ann" not in quotes: read as first name Mary, surname Ann, email "Jones".
        'R300,02/11/2026,Mary, Ann,Jones,mj@example.com',
        // The same with the last cell empty (an optional column): no less shifted (helper-249).
        'R303,02/11/2026,Kay, Lee,Jones,',
        '"R301",03/11/2026,"Tom, Jr",Brown,tb@example.com',
        'R302,03/11/2026,Al,Green,ag@example.com',
        '',
      ].join('\r\n'),
    );
    const result = await run(app, file);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, null],
      [3, null],
    ]);
    expect(result.errors[0]!.message).toMatch(/6 cells where the file's rows have 5 .*column F/);
    expect(result.errors[1]!.message).toMatch(
      /^this row has 6 cells where the file's rows have 5: a separator/,
    );
    expect(household(app.ctx.store.db, 'R300')).toBeUndefined();
    expect(household(app.ctx.store.db, 'R303')).toBeUndefined();
    expect(household(app.ctx.store.db, 'R301')).toMatchObject({ first_name: 'Tom, Jr', surname: 'Brown' });
    expect(household(app.ctx.store.db, 'R302')).toMatchObject({ email: 'ag@example.com' });
  });

  it('is read as before where the file ends every row with a separator', async () => {
    const app = await testApp();
    const file = join(app.dir, 'trailing.csv');
    writeFileSync(
      file,
      [
        'Reference,Enquiry Date,First Name,Surname,Email',
        'T1,02/11/2026,Ann,Lee,al@example.com,',
        'T2,03/11/2026,Bob,Lee,,',
        'T3,03/11/2026,Cat,Lee,cl@example.com,',
        '',
      ].join('\r\n'),
    );
    const result = await run(app, file);
    expect(result.errors).toEqual([]);
    expect(result.new).toBe(3);
  });

  it('counts the rows, not blank lines, and the headings, not a header row ending with a separator', async () => {
    const app = await testApp();
    // Double-spaced, every row ending with a separator: each blank line read as one empty cell.
    const spaced = join(app.dir, 'spaced.csv');
    writeFileSync(
      spaced,
      [
        'Reference,Enquiry Date,First Name,Surname',
        '',
        'S1,02/11/2026,Ann,Lee,',
        '',
        'S2,03/11/2026,Bob,Lee,',
        '',
        'S3,03/11/2026,Cat,Lee,',
        '',
      ].join('\r\n'),
    );
    expect((await run(app, spaced)).errors).toEqual([]);
    // The header ends with a separator, its rows do not: one split, its last cell empty, is refused.
    const header = join(app.dir, 'header.csv');
    writeFileSync(
      header,
      [
        'Reference,Enquiry Date,First Name,Surname,Email,',
        'H1,02/11/2026,Ann,Lee,al@example.com',
        'H2,02/11/2026,Kay, Lee,Jones,',
        'H3,03/11/2026,Bob,Lee,bl@example.com',
        '',
      ].join('\r\n'),
    );
    const result = await run(app, header);
    expect(result.errors.map((e) => e.row)).toEqual([3]);
    expect(household(app.ctx.store.db, 'H2')).toBeUndefined();
  });

  it('is read as before in a spreadsheet, whose cells sit in their columns', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'note.xlsx'), {
      Enquiries: [
        ['Reference', 'Enquiry Date', 'First Name', 'Surname'],
        ['S1', xlDate('2024-03-05'), 'Ann', 'Smith', 'a note typed beside the table'],
      ],
    });
    const result = await run(app, file);
    expect(result.errors).toEqual([]);
    expect(household(app.ctx.store.db, 'S1')).toBeDefined();
  });
});
