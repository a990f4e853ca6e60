import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewOf, testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from './fixtures.ts';

// A carers register whose approvals stand under "ADM Decision" (the agency decision maker's
// decision, with no word "date") was refused row by row ("no approval date") unless the user
// mapped the column. In a register, a column headed with "decision", not otherwise mapped, whose
// every cell in the first rows is blank or a date, is now the approval date, the preview saying
// why. In an enquiry export, where the decision may be not to approve, and for a column of words,
// the mapping is left to the user.

const approvals = (app: TestApp) =>
  app.ctx.store.db
    .prepare(
      `SELECT h.reference, m.date FROM milestones m JOIN households h ON h.id = m.household_id
       WHERE m.kind = 'approval' ORDER BY h.reference`,
    )
    .all();

describe('a register’s column of decision dates', () => {
  it('is the approval date, in a csv and in a workbook of date cells', async () => {
    const app = await testApp();
    const csv = app.file(
      'register.csv',
      'Foster Carer No.,Carer 1 Name,ADM Decision,Date Deregistered,Reason for Deregistration\r\n' +
        'FC1,Joan Ashby,01/05/2015,31/03/2025,Retirement\r\n' +
        'FC2,Amir Khan,14/09/2019,,\r\n' +
        'FC3,Ruth Bell,,,\r\n',
    );
    const p = await previewOf(app, csv);
    expect(p.kind).toBe('carers');
    expect(p.missing).toEqual([]);
    expect(p.mapping.find((m) => m.header === 'ADM Decision')).toMatchObject({
      field: 'approval_date',
      confidence: null,
      byValues: 'dates of a decision',
    });
    const result = await app.call('imports.importFile', { path: csv });
    expect(result).toMatchObject({ new: 2, rejected: 1 });
    expect(approvals(app)).toEqual([
      { reference: 'FC1', date: '2015-05-01' },
      { reference: 'FC2', date: '2019-09-14' },
    ]);

    const book = writeWorkbook(join(app.dir, 'register.xlsx'), {
      Carers: [
        ['Carer Ref', 'Main Carer', 'Agency Decision'],
        ['FC4', 'Sam Ode', xlDate('2021-06-30')],
      ],
    });
    expect((await previewOf(app, book)).mapping.find((m) => m.header === 'Agency Decision')?.field).toBe(
      'approval_date',
    );
    await app.call('imports.importFile', { path: book });
    expect(approvals(app)).toContainEqual({ reference: 'FC4', date: '2021-06-30' });
  });

  it('is left alone in an enquiry export, for words, beside an approval date, or two of them', async () => {
    const app = await testApp();
    const fieldOf = async (name: string, text: string, header: string) =>
      (await previewOf(app, app.file(name, text))).mapping.find((m) => m.header === header)?.field ?? null;
    // An enquiry export: the decision may be not to approve.
    expect(
      await fieldOf(
        'enquiries.csv',
        'Reference,Enquiry Date,Surname,ADM Decision\r\nE1,01/04/2024,Lee,01/03/2025\r\n',
        'ADM Decision',
      ),
    ).toBeNull();
    // Words, not dates.
    expect(
      await fieldOf(
        'words.csv',
        'Foster Carer No.,Carer 1 Name,Date Deregistered,ADM Decision\r\nFC1,Joan Ashby,31/03/2025,Approved\r\n',
        'ADM Decision',
      ),
    ).toBeNull();
    // The register has its approval date.
    expect(
      await fieldOf(
        'both.csv',
        'Foster Carer No.,Date of Approval,ADM Decision\r\nFC1,01/05/2015,02/05/2015\r\n',
        'ADM Decision',
      ),
    ).toBeNull();
    // Two columns of decision dates: which is the approval is the user's to say.
    const two = await previewOf(
      app,
      app.file(
        'two.csv',
        'Foster Carer No.,Date Deregistered,ADM Decision,Decision Review\r\nFC1,31/03/2025,01/05/2015,01/05/2016\r\n',
      ),
    );
    expect(two.mapping.filter((m) => m.field === 'approval_date')).toEqual([]);
  });
});
