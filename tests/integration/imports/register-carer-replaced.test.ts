import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

// A later register naming someone else in a carer's place (another name and another date of
// birth) wrote them over the carer recorded, who never left: carer 2 Mark Smith became Sam Jones,
// with no word (found by a review of register imports). A corrected spelling or year still updates.
const importFile = (app: TestApp, name: string, lines: string[]) =>
  app.call('imports.importFile', { path: app.file(name, lines.join('\r\n')), kind: 'carers' });
const people = (app: TestApp) =>
  app.ctx.store.db
    .prepare('SELECT position, first_name, surname, date_of_birth FROM household_people ORDER BY position')
    .all();
const HEADER = 'Foster Carer No.,Carer 1 Name,Carer 1 DOB,Carer 2 Name,Carer 2 DOB,Date of Approval';

describe('a register naming another person in a carer’s place', () => {
  it('does not write them over the carer recorded, and says so; a correction of one of the two still updates', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'a.csv', [HEADER, 'FC1,John Smith,01/02/1960,Mark Smith,03/04/1962,01/05/2019']);
    const first = people(app);
    const r = await importFile(app, 'b.csv', [
      HEADER,
      'FC1,John Smith,01/02/1960,Sam Jones,07/08/1990,01/05/2019',
    ]);
    expect(r).toMatchObject({ updated: 0, rejected: 0 });
    expect(r.warnings.map((w) => `${w.row} ${w.column}: ${w.message}`)).toEqual([
      '2 Carer 2 Name: FC1: carer 2 is recorded as Mark Smith, born 03/04/1962, and the row names Sam Jones, born 07/08/1990, so it does not record them over Mark Smith: if one left and the other joined, record that on the household.',
    ]);
    expect(people(app)).toEqual(first);
    // Mark's year mistyped in the first file, corrected in the next: recorded.
    const fixed = await importFile(app, 'c.csv', [
      HEADER,
      'FC1,John Smith,01/02/1960,Mark Smith,03/04/1963,01/05/2019',
    ]);
    expect(fixed).toMatchObject({ updated: 1, rejected: 0 });
    expect(people(app)).toMatchObject([
      { date_of_birth: '1960-02-01' },
      { first_name: 'Mark', date_of_birth: '1963-04-03' },
    ]);
  });
});
