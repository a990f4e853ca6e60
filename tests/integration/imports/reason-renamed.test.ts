import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * A manager renames a drop-out reason; next month's CRM export still says the old words. The
 * re-import read them as "not in the list", recorded the closure as Other and so moved a
 * published year's drop-out (and its Ofsted code, AW3 to AW0) to Other reason / unknown.
 */
describe('an import after a reason is renamed', () => {
  const file =
    'Reference,Enquiry date,First name,Surname,EOI date,Date closed,Closure reason,Closed by\r\n' +
    'R1,01/11/2022,Ann,Lee,01/12/2022,10/01/2023,No spare bedroom / housing,Applicant\r\n';

  it('still knows the reason by its former label: the closure and the published table stay', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const path = join(app.dir, 'a.csv');
    writeFileSync(path, file);
    expect((await app.call('imports.importFile', { path })).new).toBe(1);
    await app.call('reasons.updateReason', { list: 'dropout', key: 'housing', label: 'Housing' });
    await app.call('reasons.updateReason', { list: 'dropout', key: 'housing', label: 'No bedroom' });
    const again = await app.call('imports.importFile', { path });
    expect(again).toMatchObject({ unchanged: 1, updated: 0, warnings: [] });
    const closures = () => app.ctx.store.db.prepare('SELECT reason_key, reason_text FROM closures').all();
    expect(closures()).toEqual([{ reason_key: 'housing', reason_text: null }]);
    const table = await app.call('reports.getTable', {
      table: 'dropout',
      options: { from: '2022/23', to: '2022/23' },
    });
    expect(table.rows.find((r) => r.key === 'housing')).toMatchObject({
      label: 'No bedroom',
      values: { total: 1 },
    });
    // A new household's row in the old words and in the middle name both find it.
    const b = join(app.dir, 'b.csv');
    writeFileSync(
      b,
      file.replace('R1,01/11/2022,Ann', 'R2,02/11/2022,Bea') +
        'R3,03/11/2022,Cy,Poe,01/12/2022,10/01/2023,housing,Applicant\r\n',
    );
    const more = await app.call('imports.importFile', { path: b });
    expect(more).toMatchObject({ new: 2, warnings: [] });
    expect(app.ctx.store.db.prepare('SELECT DISTINCT reason_key FROM closures').pluck().all()).toEqual([
      'housing',
    ]);
  });

  it('gives the words to the reason whose label they are now, over a former label of another', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('reasons.updateReason', { list: 'dropout', key: 'housing', label: 'Housing' });
    await app.call('reasons.updateReason', {
      list: 'dropout',
      key: 'other',
      label: 'No spare bedroom / housing',
    });
    const path = join(app.dir, 'a.csv');
    writeFileSync(path, file);
    expect((await app.call('imports.importFile', { path })).warnings).toEqual([]);
    expect(app.ctx.store.db.prepare('SELECT reason_key FROM closures').pluck().all()).toEqual(['other']);
  });
});
