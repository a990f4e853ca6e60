import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook } from '../imports/fixtures.ts';

/**
 * What a merge leaves for the record's history, its alerts and the next import (found by a review
 * of merges, imports and undo together).
 */
async function importCsv(app: TestApp, name: string, lines: string[]) {
  const path = join(app.dir, name);
  writeFileSync(path, ['Reference,Enquiry date,First name,Surname,Email', ...lines].join('\r\n'));
  return app.call('imports.importFile', { path });
}
const idOf = (app: TestApp, reference: string) =>
  app.ctx.store.db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(reference) as number;
const enquiries = async (app: TestApp) =>
  (
    await app.call('reports.getTable', { table: 'funnel', options: { from: '2024/25', to: '2025/26' } })
  ).rows.find((r) => r.key === 'enquiries')?.values;

describe('after a merge', () => {
  // The kept household's creation entry read the duplicate's hand edits, moved into its history,
  // as its own later changes: it said R1 was imported as "Annie Leeward-Smith".
  it('the kept household’s creation entry shows what its own import created it with', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'jan.csv', ['R1,01/05/2024,Annabel,Leeward,']);
    await importCsv(app, 'feb.csv', ['R3,28/04/2024,Annie,Leeward-Smith,annie.old@example.org']);
    const dup = idOf(app, 'R3');
    await app.call('households.updateDetails', {
      id: dup,
      firstName: 'Annabel',
      surname: 'Leeward',
      email: 'annie.new@example.org',
    });
    const keep = idOf(app, 'R1');
    await app.call('households.mergeHouseholds', { id: keep, mergeReference: 'R3', reason: 'Same family' });
    const created = (await app.call('households.getTimeline', { id: keep })).filter(
      (t) => t.entity === 'household' && t.field === null && t.action === 'import',
    );
    expect(created.map((e) => e.newValue)).toEqual([
      {
        reference: 'R3',
        first_name: 'Annie',
        surname: 'Leeward-Smith',
        email: 'annie.old@example.org',
        pathway: 'mainstream',
      },
      { reference: 'R1', first_name: 'Annabel', surname: 'Leeward', pathway: 'mainstream' },
    ]);
  });

  // A duplicate whose import switch was undone brought those pathway entries into the kept
  // household's history, and its creation entry took the duplicate's first pathway as its own.
  it('the kept household’s creation entry keeps its own pathway after a duplicate with pathway history joins', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const file = (name: string, line: string) => {
      const path = join(app.dir, name);
      writeFileSync(path, ['Reference,Enquiry date,Surname,Pathway', line].join('\r\n'));
      return app.call('imports.importFile', { path });
    };
    await file('k.csv', 'K1,01/05/2024,Lee,Kinship');
    await file('d1.csv', 'D1,28/04/2024,Lee,Mainstream');
    const switched = await file('d2.csv', 'D1,28/04/2024,Lee,Kinship');
    await app.call('imports.undoImport', { batchId: switched.batch! });
    const keep = idOf(app, 'K1');
    await app.call('households.mergeHouseholds', { id: keep, mergeReference: 'D1', reason: 'Same' });
    const created = (await app.call('households.getTimeline', { id: keep })).filter(
      (t) => t.entity === 'household' && t.field === null && t.action === 'import',
    );
    expect(
      created.map((e) => [
        (e.newValue as { reference: string }).reference,
        (e.newValue as { pathway: string }).pathway,
      ]),
    ).toEqual([
      ['D1', 'mainstream'],
      ['K1', 'kinship'],
    ]);
  });

  // The duplicate's "Enquiry answered" date was deleted with it: the merged household, taking its
  // earlier enquiry, was shown as overdue to respond to a family already answered.
  it('the family answered on either record stays answered', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const { id: keep } = await app.call('households.createHousehold', {
      reference: 'K',
      enquiryDate: '2026-11-02',
      surname: 'Okafor',
      confirmDuplicates: true,
    });
    const { id: dup } = await app.call('households.createHousehold', {
      reference: 'D',
      enquiryDate: '2026-10-28',
      surname: 'Okafor',
      confirmDuplicates: true,
    });
    await app.call('households.recordResponse', { id: dup, date: '2026-10-29' });
    const merged = await app.call('households.mergeHouseholds', {
      id: keep,
      mergeReference: 'D',
      reason: 'Same',
    });
    expect(merged).toMatchObject({ respondedDate: '2026-10-29', enquiryDate: '2026-10-28' });
    const row = app.ctx.store.db
      .prepare('SELECT responded_date, next_alert, overdue FROM households WHERE id = ?')
      .get(keep) as { responded_date: string; next_alert: string | null; overdue: number };
    expect(row.responded_date).toBe('2026-10-29');
    expect(row.next_alert).not.toBe('respond');
  });

  // The kept household's own row in next month's export put its later enquiry back, moving the
  // enquiry out of 2024/25 into 2025/26, a year already reported, with no word.
  it('the next import keeps the earlier enquiry the merge chose, with a warning', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'k.csv', ['K1,02/04/2025,Ann,Lee,ann@example.org']);
    await importCsv(app, 'd.csv', ['D1,28/03/2025,Ann,Lee,']);
    await app.call('households.mergeHouseholds', {
      id: idOf(app, 'K1'),
      mergeReference: 'D1',
      reason: 'Same',
    });
    const merged = await enquiries(app);
    expect(merged).toMatchObject({ '2024/25': 1, '2025/26': 0 });
    const next = await importCsv(app, 'next.csv', ['K1,02/04/2025,Ann,Lee,ann@example.org']);
    expect(next.warnings.map((w) => w.message)).toContainEqual(
      'Kept the Enquiry date entered by hand (choose "overwrite" to replace it).',
    );
    expect(await enquiries(app)).toEqual(merged);

    // The duplicate's own row made it again, a household of its own: the family counted twice.
    const both = await importCsv(app, 'both.csv', [
      'K1,02/04/2025,Ann,Lee,ann@example.org',
      'D1,28/03/2025,Ann,Lee,',
    ]);
    expect(both).toMatchObject({ new: 0, duplicates: 1, rejected: 0 });
    expect(both.warnings.map((w) => `${w.row} ${w.column}: ${w.message}`)).toContainEqual(
      '3 Reference: D1 was merged into K1, so this row is not imported (the family would count twice): enter any change it brings on K1, and merge the two records in the system the file comes from.',
    );
    expect(app.ctx.store.db.prepare('SELECT reference FROM households').pluck().all()).toEqual(['K1']);
    expect(await enquiries(app)).toEqual(merged);
  });

  // A merged-away "00777", saved by a spreadsheet as the number 777, was read as a new reference
  // and made the duplicate again (a held "00777" is matched this way; a merged-away one was not).
  it('a merged-away reference saved without its leading zeros is still known as merged', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(app, 'k.csv', ['K1,02/04/2025,Ann,Lee,ann@example.org', '00777,28/03/2025,Ann,Lee,']);
    await app.call('households.mergeHouseholds', {
      id: idOf(app, 'K1'),
      mergeReference: '00777',
      reason: 'Same',
    });
    const saved = writeWorkbook(join(app.dir, 'saved.xlsx'), {
      Enquiries: [
        ['Reference', 'Enquiry date', 'First name', 'Surname'],
        [777, '28/03/2025', 'Ann', 'Lee'],
      ],
    });
    const again = await app.call('imports.importFile', { path: saved });
    expect(again).toMatchObject({ new: 0, duplicates: 1, rejected: 0 });
    expect(again.warnings.map((w) => w.message)).toContainEqual(
      '00777 was merged into K1, so this row is not imported (the family would count twice): enter any change it brings on K1, and merge the two records in the system the file comes from.',
    );
    expect(app.ctx.store.db.prepare('SELECT reference FROM households').pluck().all()).toEqual(['K1']);

    // A held "0777" is the household 777 is, before a merged-away "00777" (the two read as one
    // number, and neither was matched).
    await importCsv(app, 'held.csv', ['0777,01/04/2025,Bo,Lee,']);
    const held = await app.call('imports.importFile', { path: saved });
    expect(held).toMatchObject({ new: 0, duplicates: 0, rejected: 0 });
    expect(app.ctx.store.db.prepare('SELECT reference FROM households ORDER BY id').pluck().all()).toEqual([
      'K1',
      '0777',
    ]);
  });
});

describe('a reference merged away', () => {
  // The next household typed by hand took the number of the one merged away, which the reference
  // history and imports read as the household it was merged into (helper-248).
  it('is never given again to a new household', async () => {
    const app = await testApp({ today: '2026-12-07' });
    const add = (surname: string) =>
      app.call('households.createHousehold', { enquiryDate: '2026-11-02', surname, confirmDuplicates: true });
    const first = await add('Brien');
    const second = await add('OBrien');
    expect([first.reference, second.reference]).toEqual(['FF000001', 'FF000002']);
    await app.call('households.mergeHouseholds', {
      id: first.id,
      mergeReference: 'FF000002',
      reason: 'Typed twice',
    });
    expect((await add('Muller')).reference).toBe('FF000003');
    // Nor taken when typed (helper-249).
    await expect(
      app.call('households.createHousehold', {
        enquiryDate: '2026-11-02',
        surname: 'Typed',
        reference: 'FF000002',
        confirmDuplicates: true,
      }),
    ).rejects.toThrow('Reference FF000002 belonged to a household merged into FF000001 on 07/12/2026');
  });
});

describe('the timeline after a merge', () => {
  // The duplicate's "Household added" moved across with its history and read as the kept
  // household's own: two "Household added" lines, as if it had been created twice.
  it('says the duplicate’s creation is the duplicate’s, with the merge that brought it, and keeps the entry', async () => {
    const app = await testApp({ today: '2026-12-07' });
    const add = (surname: string) =>
      app.call('households.createHousehold', { enquiryDate: '2026-11-02', surname, confirmDuplicates: true });
    const keep = await add('Brien');
    const dup = await add('OBrien');
    const third = await add('O Brien');
    // A chain: the third into the duplicate, then the duplicate into the kept household.
    await app.call('households.mergeHouseholds', {
      id: dup.id,
      mergeReference: third.reference,
      reason: 'Twice',
    });
    await app.call('households.mergeHouseholds', {
      id: keep.id,
      mergeReference: dup.reference,
      reason: 'Again',
    });
    const added = (await app.call('households.getTimeline', { id: keep.id }))
      .filter((t) => t.entity === 'household' && t.field === null && t.oldValue == null)
      .map((t) => t.summary);
    expect(added).toEqual([
      // Newest first: the third was typed after the duplicate.
      'Household FF000003 added (merged into FF000002 on 07/12/2026)',
      'Household FF000002 added (merged into FF000001 on 07/12/2026)',
      'Household added',
    ]);
  });
});
