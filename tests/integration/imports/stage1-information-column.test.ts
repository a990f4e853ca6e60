import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * A file's "Stage 1 Information Complete" column records all Stage 1 information obtained, as the
 * panel minutes' column does its step, under the same rule as by hand (on or after the Stage 1
 * start), and starts the Stage 1 decision alert.
 */
describe('a Stage 1 information column in an import', () => {
  it('records the step, which starts the Stage 1 decision alert; one before the Stage 1 start is refused', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    const path = join(app.dir, 'a.csv');
    writeFileSync(
      path,
      'Reference,Enquiry date,First name,Surname,EOI date,Stage 1 date,Stage 1 Information Complete\r\n' +
        'R1,03/08/2026,Ann,Lee,20/08/2026,01/09/2026,06/11/2026\r\n' +
        'R2,03/08/2026,Bo,Ray,20/08/2026,01/09/2026,31/08/2026\r\n',
    );
    const result = await app.call('imports.importFile', { path });
    expect(result).toMatchObject({ new: 1, rejected: 1 });
    expect(result.errors).toEqual([
      {
        row: 3,
        column: 'Stage 1 Information Complete',
        message: expect.stringContaining(
          'Stage 1 information complete date 31/08/2026 is before the Stage 1 start date 01/09/2026',
        ),
      },
    ]);
    const id = db.prepare("SELECT id FROM households WHERE reference = 'R1'").pluck().get() as number;
    expect(db.prepare('SELECT kind, date, source FROM journey_dates WHERE household_id = ?').all(id)).toEqual(
      [{ kind: 'stage1_information', date: '2026-11-06', source: 'import' }],
    );
    expect(db.prepare('SELECT stage1_information FROM episodes WHERE household_id = ?').pluck().get(id)).toBe(
      '2026-11-06',
    );
    // Friday 06/11/2026 and 10 working days: Friday 20/11/2026, overdue by the 26th.
    const record = await app.call('households.getHousehold', { id });
    expect(record.alerts.map((a) => [a.kind, a.due, a.overdue])).toContainEqual([
      'stage1_decision',
      '2026-11-20',
      true,
    ]);
  });
});
