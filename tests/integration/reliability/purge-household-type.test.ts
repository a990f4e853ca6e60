import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpoint, leftovers as leftoversIn } from '../../support/leftovers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The household type is a file's own wording, kept as the cell held it (a CRM's "Household
 * composition": "Couple, Mr Quill uses a wheelchair"), on the household and on each episode.
 * No report counts it, and the people's relationship status beside it is erased: a purge
 * erases it as the free text it is.
 */
const TYPE = 'Couple, Mr Quill uses a wheelchair';

function csv(app: TestApp, name: string): string {
  const path = join(app.dir, name);
  writeFileSync(
    path,
    'Reference,Enquiry date,First name,Surname,Household composition,Date closed,Closure reason,Closed by\r\n' +
      `P1,01/03/2020,Zebedee,Quill,"${TYPE}",01/05/2020,Lost contact,Lost contact\r\n` +
      'N1,01/06/2026,Nadia,Okafor,Single,,,\r\n',
  );
  return path;
}

function leftovers(app: TestApp, text: string): string[] {
  checkpoint(app);
  return leftoversIn(app, [text]);
}

const types = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare(
      `SELECT h.household_type AS household, e.household_type AS episode
       FROM households h JOIN episodes e ON e.household_id = h.id WHERE h.reference = ?`,
    )
    .all(reference);

describe("a purge and the household type a file's cell held", () => {
  it('erases it from the household, its episodes and every backup; a re-import does not bring it back', async () => {
    const app = await testApp({ today: '2026-11-26' });
    expect((await app.call('imports.importFile', { path: csv(app, 'p.csv') })).new).toBe(2);
    await app.call('data.backupNow', {});
    expect(types(app, 'P1')).toEqual([{ household: TYPE, episode: TYPE }]);
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    expect(types(app, 'P1')).toEqual([{ household: null, episode: null }]);
    expect(leftovers(app, 'uses a wheelchair')).toEqual([]);
    // Nadia is not due: hers stays.
    expect(types(app, 'N1')).toEqual([{ household: 'Single', episode: 'Single' }]);

    const again = await app.call('imports.importFile', { path: csv(app, 'p-again.csv') });
    expect(again.errors).toEqual([]);
    expect(again.warnings.some((w) => w.row === 2 && /erased/.test(w.message))).toBe(true);
    expect(types(app, 'P1')).toEqual([{ household: null, episode: null }]);
    expect(leftovers(app, 'uses a wheelchair')).toEqual([]);
  });

  it('lists again a household an earlier version purged with its household type kept, and erases it', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('imports.importFile', { path: csv(app, 'p.csv') });
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    // As an earlier version's purge left it.
    const db = app.ctx.store.db;
    db.prepare("UPDATE households SET household_type = ? WHERE reference = 'P1'").run(TYPE);
    db.prepare(
      "UPDATE episodes SET household_type = ? WHERE household_id = (SELECT id FROM households WHERE reference = 'P1')",
    ).run(TYPE);
    const due = await app.call('data.listPurgeDue', {});
    expect(due.households.map((h) => h.reference)).toEqual(['P1']);
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    expect(types(app, 'P1')).toEqual([{ household: null, episode: null }]);
    expect((await app.call('data.listPurgeDue', {})).households).toEqual([]);
  });
});
