import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * An import's creation entry stores no values (db/creation-entry.ts): the timeline reads what the
 * household was created with from the household and every later change, and a merge writes it
 * into the duplicate's entry before that entry joins the kept household's history.
 */
async function importCsv(app: TestApp, name: string, lines: string[]) {
  const path = join(app.dir, name);
  writeFileSync(path, ['Reference,Enquiry date,First name,Surname,Email,Source', ...lines].join('\r\n'));
  return app.call('imports.importFile', { path });
}
const creation = async (app: TestApp, id: number) =>
  (await app.call('households.getTimeline', { id })).find(
    (t) => t.entity === 'household' && t.field === null && t.action === 'import',
  )!;
const idOf = (app: TestApp, reference: string) =>
  app.ctx.store.db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(reference) as number;

describe('an imported household’s creation entry', () => {
  it('shows the values it was created with, whatever changed since', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'a.csv', ['R1,01/05/2024,Ann,Lee,ann@example.org,Website']);
    const id = idOf(app, 'R1');
    const stored = app.ctx.store.db
      .prepare("SELECT new_value FROM audit_log WHERE household_id = ? AND action = 'import'")
      .pluck()
      .all(id);
    expect(stored).toEqual([null]);
    await app.call('households.updateDetails', { id, email: 'ann.lee@example.org', postcode: 'LS1 1AA' });
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2025-01-10' });
    const entry = await creation(app, id);
    expect(entry.summary).toBe('Household added (import) – import batch 1; created');
    expect(entry.newValue).toEqual({
      reference: 'R1',
      first_name: 'Ann',
      surname: 'Lee',
      email: 'ann@example.org',
      source: 'website',
      pathway: 'mainstream',
    });
  });

  it('keeps a merged duplicate’s values in its entry, now in the kept household’s history', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'a.csv', ['R1,01/05/2024,Ann,Lee,,']);
    await importCsv(app, 'b.csv', ['R9,28/04/2024,Ann,Lee,other@example.org,Event']);
    const keep = idOf(app, 'R1');
    await app.call('households.updateDetails', { id: keep, email: 'ann@example.org' });
    await app.call('households.mergeHouseholds', { id: keep, mergeReference: 'R9', reason: 'Same family' });
    const entries = (await app.call('households.getTimeline', { id: keep })).filter(
      (t) => t.entity === 'household' && t.field === null && t.action === 'import',
    );
    expect(entries.map((e) => e.newValue)).toEqual([
      {
        reference: 'R9',
        first_name: 'Ann',
        surname: 'Lee',
        email: 'other@example.org',
        source: 'event',
        pathway: 'mainstream',
      },
      { reference: 'R1', first_name: 'Ann', surname: 'Lee', pathway: 'mainstream' },
    ]);
  });
});
