import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The reference is the join key across exports, so a row under a known reference updates that
 * household. A carers register whose system numbered another household with an enquiry's
 * reference renamed the enquirer without a word; a row naming someone else (first name and
 * surname both other than the record's) is still taken, and now warned of.
 */
const importCsv = (app: TestApp, name: string, lines: string[], kind: 'enquiries' | 'carers') =>
  app.call('imports.importFile', { path: app.file(name, lines.join('\r\n')), kind });
const namesOf = (app: TestApp, reference: string) =>
  app.ctx.store.db.prepare('SELECT first_name, surname FROM households WHERE reference = ?').get(reference);

describe('a row naming someone else under a known reference', () => {
  it('is recorded as the file says, with a warning naming both', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importCsv(
      app,
      'enq.csv',
      [
        'Reference,Enquiry date,First name,Surname',
        '501,01/03/2024,Ann,Ash',
        '502,01/03/2024,Cy,Cole',
        '503,01/03/2024,Flo,Fox',
      ],
      'enquiries',
    );
    const r = await importCsv(
      app,
      'reg.csv',
      [
        'Carer ID,First name,Surname,Approval date',
        '501,Bob,Birch,01/02/2025',
        // A correction of case and accents, and a new surname alone: no warning.
        '502,CY,Côle,01/02/2025',
        '503,Flo,Ford,01/02/2025',
      ],
      'carers',
    );
    expect(r).toMatchObject({ updated: 3, rejected: 0 });
    expect(namesOf(app, '501')).toEqual({ first_name: 'Bob', surname: 'Birch' });
    expect(r.warnings.map((w) => `${w.row} ${w.column}: ${w.message}`)).toEqual([
      '2 Surname: 501: the row names "Bob Birch" where the record has "Ann Ash"; recorded as the file says. If they are two households, the two systems give them one reference: undo this import and correct it in one of them.',
    ]);
  });

  it('is not warned of where the record’s name is the row’s other carer (a couple)', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importCsv(
      app,
      'enq.csv',
      ['Reference,Enquiry date,First name,Surname', '601,01/03/2024,Ann,Ash'],
      'enquiries',
    );
    const r = await importCsv(
      app,
      'reg.csv',
      ['Foster Carer No.,Carer 1 Name,Carer 2 Name,Date of Approval', '601,Bob Birch,Ann Ash,01/02/2025'],
      'carers',
    );
    expect(r).toMatchObject({ updated: 1, rejected: 0 });
    expect(r.warnings).toEqual([]);
  });

  it('is not warned of on an earlier episode’s row, which changes nothing', async () => {
    const app = await testApp({ today: '2026-11-28' });
    const lines = (row: string) => [
      'Reference,Enquiry date,First name,Surname,Date closed,Closure reason',
      row,
    ];
    await importCsv(app, 'old.csv', lines('701,01/03/2023,Ann,Ash,01/06/2023,Lost contact'), 'enquiries');
    await importCsv(app, 'new.csv', lines('701,01/03/2024,Bob,Birch,,'), 'enquiries');
    const again = await importCsv(
      app,
      'old2.csv',
      lines('701,01/03/2023,Ann,Ash,01/06/2023,Lost contact'),
      'enquiries',
    );
    expect(again).toMatchObject({ updated: 0, rejected: 0 });
    expect(again.warnings.map((w) => w.message).join(' ')).not.toContain('the row names');
    expect(namesOf(app, '701')).toEqual({ first_name: 'Bob', surname: 'Birch' });
  });
});
