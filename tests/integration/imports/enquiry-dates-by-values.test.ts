import { describe, expect, it } from 'vitest';
import { previewOf, testApp } from '../../support/temp.ts';

// An export whose enquiry dates stand under "Enquiry", "Initial Enquiry" or "First Contact" (no
// word "date") imported every household with no enquiry date, so in no report's year, and said
// only that the column was not imported. Such a column, not otherwise mapped, whose every cell in
// the first rows is blank or a date, is now the enquiry date, the preview saying why; a column of
// words under the same header, a header with another word, or a file that has its enquiry date
// already, is left to the user.

describe('a column of enquiry dates headed without the word date', () => {
  it('is the enquiry date, and the households enquired on its dates', async () => {
    const app = await testApp();
    for (const header of ['Enquiry', 'Initial Enquiry', 'First Contact', 'Enquiries']) {
      const csv = app.file(
        `${header}.csv`,
        `Reference,${header},Surname\r\nE1,05/01/2025,Ash\r\nE2,,Birch\r\n`,
      );
      const p = await previewOf(app, csv);
      expect(p.mapping.find((m) => m.header === header)).toMatchObject({
        field: 'enquiry_date',
        confidence: null,
        byValues: 'dates of the enquiry',
      });
    }
    const csv = app.file('export.csv', 'Reference,Enquiry,Surname\r\nE1,05/01/2025,Ash\r\nE2,,Birch\r\n');
    expect(await app.call('imports.importFile', { path: csv })).toMatchObject({ new: 2, rejected: 0 });
    expect(
      app.ctx.store.db.prepare('SELECT reference, enquiry_date FROM households ORDER BY reference').all(),
    ).toEqual([
      { reference: 'E1', enquiry_date: '2025-01-05' },
      { reference: 'E2', enquiry_date: null },
    ]);
  });

  it('is left alone for words, for another step’s date, and beside an enquiry date', async () => {
    const app = await testApp();
    const fieldOf = async (name: string, text: string, header: string) =>
      (await previewOf(app, app.file(name, text))).mapping.find((m) => m.header === header)?.field ?? null;
    expect(
      await fieldOf('words.csv', 'Reference,Enquiry,Surname\r\nE1,Website,Ash\r\n', 'Enquiry'),
    ).toBeNull();
    // Enquiry numbers, which a date reader would take for day counts (40517 is 05/12/2010).
    expect(
      await fieldOf(
        'numbers.csv',
        'Reference,Enquiry,Surname\r\nQ1,40517,Ash\r\nQ2,40518,Bell\r\n',
        'Enquiry',
      ),
    ).toBeNull();
    // A carers register stays one: its first contact is not made its enquiry date.
    const register = await previewOf(
      app,
      app.file(
        'register.csv',
        'Foster Carer No.,Carer 1 Name,Date of Approval,First Contact\r\nFC1,Joan Ashby,01/05/2015,04/02/2014\r\n',
      ),
    );
    expect(register.kind).toBe('carers');
    expect(register.mapping.find((m) => m.header === 'First Contact')?.field ?? null).toBeNull();
    expect(
      await fieldOf('contact.csv', 'Reference,Contact,Surname\r\nE1,05/01/2025,Ash\r\n', 'Contact'),
    ).toBeNull();
    expect(
      await fieldOf(
        'outcome.csv',
        'Reference,Enquiry Outcome,Surname\r\nE1,05/01/2025,Ash\r\n',
        'Enquiry Outcome',
      ),
    ).toBeNull();
    expect(
      await fieldOf(
        'both.csv',
        'Reference,Enquiry Date,First Contact,Surname\r\nE1,05/01/2025,06/01/2025,Ash\r\n',
        'First Contact',
      ),
    ).toBeNull();
  });
});
