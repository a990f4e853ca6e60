import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/** R1, enquired 01/03/2020 and closed 01/09/2020 (due for purge), with the EOI date given. */
function csv(app: TestApp, name: string, eoi: string): string {
  const path = join(app.dir, name);
  writeFileSync(
    path,
    `Reference,Enquiry date,First name,Surname,EOI date,Date closed,Closure reason,Closed by\r\nR1,01/03/2020,Ann,Lee,${eoi},01/09/2020,Lost contact,Lost contact\r\n`,
  );
  return path;
}

describe('undoing an import after a purge', () => {
  it('is refused, because the purge erased what the import replaced; the milestones stay', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('imports.importFile', { path: csv(app, 'a.csv', '01/05/2020') });
    const second = await app.call('imports.importFile', { path: csv(app, 'b.csv', '10/05/2020') });
    expect(second.updated).toBe(1);
    const purged = await app.call('data.purgeHouseholds', {});
    expect(purged.purged).toBe(1);
    await expect(app.call('imports.undoImport', { batchId: second.batch! })).rejects.toThrow(
      /has since been purged/,
    );
    const milestones = app.ctx.store.db.prepare('SELECT kind, date FROM milestones ORDER BY date').all();
    expect(milestones).toEqual([
      { kind: 'enquiry', date: '2020-03-01' },
      { kind: 'eoi', date: '2020-05-10' },
    ]);
  });

  it('is allowed for an import made after the purge: it lost nothing to it', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('imports.importFile', { path: csv(app, 'a.csv', '01/05/2020') });
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    // The import's worker process stamps its batch by the app's clock, so the purge comes first.
    const later = await app.call('imports.importFile', { path: csv(app, 'b.csv', '10/05/2020') });
    expect(later.updated).toBe(1);
    await expect(app.call('imports.undoImport', { batchId: later.batch! })).resolves.toBeDefined();
    const milestones = app.ctx.store.db.prepare('SELECT kind, date FROM milestones ORDER BY date').all();
    expect(milestones).toEqual([
      { kind: 'enquiry', date: '2020-03-01' },
      { kind: 'eoi', date: '2020-05-01' },
    ]);
  });
});
