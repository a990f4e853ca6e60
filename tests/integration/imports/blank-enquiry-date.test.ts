import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { importCsv, warningLines } from './reason-rows.ts';

// A CRM export lays a couple over two rows with the first row's cells merged down, so the second
// row reads as a name alone (no reference, no enquiry date). It was imported as a household of its
// own with a made-up reference and no enquiry date, in no year's enquiries and never due for
// purge while open, with no word (found by a review helper). A new household of an enquiry export
// whose enquiry date is blank now says so, naming its row, and the made-up reference; a kinship
// household (whose journey may start at its viability request), a household already held and a
// carers register are not warned of.

describe('a new household with no enquiry date', () => {
  it('is imported, saying it is in no year’s enquiries, and naming a made-up reference', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'couples.csv',
      'Reference,Enquiry Date,First Name,Surname,Email\r\n' +
        'G1,05/01/2025,Ann,Ash,ann@example.org\r\n' +
        ',,Tom,Ash,tom@example.org\r\n' +
        'G2,,Rui,Lee,\r\n',
    );
    expect(result).toMatchObject({ new: 3, rejected: 0 });
    const made = app.ctx.store.db
      .prepare("SELECT reference FROM households WHERE first_name = 'Tom'")
      .pluck()
      .get() as string;
    expect(made).toMatch(/^X-/);
    // The warning leaves the rows' marks: a re-import finds them held, says nothing, and skips them.
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM import_row_marks').pluck().get()).toBe(3);
    expect(warningLines(result)).toEqual([
      `3 Enquiry Date: Enquiry date is blank: a new household, counted in no year's enquiries until its date is entered (its reference ${made} made from the row's details, as it has none).`,
      "4 Enquiry Date: Enquiry date is blank: a new household, counted in no year's enquiries until its date is entered.",
    ]);
  });

  it('is not warned of on the kinship pathway, when already held, or in a register', async () => {
    const app = await testApp();
    await importCsv(app, 'first.csv', 'Reference,Enquiry Date,Surname\r\nH1,05/01/2025,Ash\r\n');
    const again = await importCsv(
      app,
      'again.csv',
      'Reference,Enquiry Date,Surname,Pathway\r\nH1,,Ash-Lee,\r\nK1,,Kay,Kinship\r\n',
    );
    expect(again).toMatchObject({ new: 1, updated: 1, rejected: 0 });
    expect(again.warnings).toEqual([]);
    const register = await importCsv(
      app,
      'register.csv',
      'Foster Carer No.,Carer 1 Name,Date of Approval\r\nFC1,Joan Ashby,01/05/2015\r\n',
    );
    expect(register).toMatchObject({ new: 1 });
    expect(register.warnings).toEqual([]);
  });

  it('is said once for a file with no enquiry date column', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'visits.csv',
      'Reference,Surname,Date of Initial Visit\r\nV1,Ash,05/01/2025\r\nV2,Bell,06/01/2025\r\n',
    );
    expect(result).toMatchObject({ new: 2 });
    expect(warningLines(result)).toEqual([
      "null null: No column is the enquiry date: the 2 new households count in no year's enquiries until their dates are entered.",
    ]);
  });
});
