import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { subjectAccessData } from '../../../src-main/db/subject-access.ts';
import { setClock } from '../../../src-main/clock.ts';
import { checkpoint, leftovers } from '../../support/leftovers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from '../imports/fixtures.ts';

const TODAY = '2026-11-26';

const found = async (app: TestApp, search: string) => {
  const r = await app.call('households.listHouseholds', { search, offset: 0, limit: 50 });
  expect(r.total, search).toBe(r.rows.length);
  return r.rows.map((x) => x.reference).sort();
};
const partsOf = (app: TestApp, id: number) =>
  app.ctx.store.db
    .prepare('SELECT part FROM household_name_parts WHERE household_id = ? ORDER BY part')
    .pluck()
    .all(id);
const person = (firstName: string, surname: string) => ({ firstName, surname });
const idOf = (app: TestApp, reference: string) =>
  app.ctx.store.db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(reference) as number;

/**
 * A carers register or a hand entry records carer 1 and carer 2, whose own names can differ from
 * the household's (a second carer with another surname, or only another first name): the search
 * finds the household by them, folded as every name is, kept through every writer of a carer.
 */
describe("the households search by the carers' own names", () => {
  it("finds a household by its second carer's own first name and surname, typed any way a name is", async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', {
      reference: 'H1',
      enquiryDate: '2025-01-06',
      firstName: 'Uma',
      surname: 'Patel',
    });
    await app.call('households.createHousehold', {
      reference: 'H2',
      enquiryDate: '2025-01-07',
      firstName: 'Jo',
      surname: 'Jones',
    });
    await app.call('carers.savePerson', { householdId: h.id, position: 1, person: person('Uma', 'Patel') });
    // Carer 1 is the household's own name: nothing more is kept for them.
    expect(partsOf(app, h.id)).toEqual([]);
    const r = await app.call('carers.savePerson', {
      householdId: h.id,
      position: 2,
      person: person('Zoë', "O'Brien-Mensah"),
    });
    expect(partsOf(app, h.id)).toEqual(['mensah', 'obrienmensah', 'zoe']);
    for (const typed of [
      'zoë',
      'zoe',
      'obrien',
      "O'Brien",
      'o’brien-mensah',
      'obrienmensah',
      'mensah',
      'zoe mensah',
    ])
      expect(await found(app, typed), typed).toEqual(['H1']);
    // With the household's own name, as words of one search.
    expect(await found(app, 'uma mensah')).toEqual(['H1']);
    expect(await found(app, 'patel zoe')).toEqual(['H1']);
    // Single words of the household's own names find what they did.
    expect(await found(app, 'patel')).toEqual(['H1']);
    expect(await found(app, 'jo')).toEqual(['H2']);

    // A hand correction of carer 2's name follows; removing carer 2 takes their name away.
    await app.call('carers.savePerson', {
      householdId: h.id,
      id: r.people.find((p) => p.position === 2)!.id,
      position: 2,
      person: person('Zoë', 'Van der Merwe'),
    });
    expect(await found(app, 'mensah')).toEqual([]);
    for (const typed of ['vandermerwe', 'merwe', 'der merwe', 'zoe'])
      expect(await found(app, typed), typed).toEqual(['H1']);
    const carer2 = (await app.call('carers.getCarers', { householdId: h.id })).people.find(
      (p) => p.position === 2,
    )!;
    await app.call('carers.deletePerson', { householdId: h.id, id: carer2.id });
    expect(partsOf(app, h.id)).toEqual([]);
    expect(await found(app, 'merwe')).toEqual([]);

    // The household's own name changes: carer 1's, the same as it no longer, is now kept.
    await app.call('households.updateDetails', { id: h.id, surname: 'Shah' });
    expect(partsOf(app, h.id)).toEqual(['patel']);
    expect(await found(app, 'patel')).toEqual(['H1']);
    expect(await found(app, 'shah')).toEqual(['H1']);
  });

  it('follows a carers register, its update, its undo and a merge', async () => {
    const app = await testApp({ today: TODAY });
    const head = ['Foster Carer No.', 'Carer 1 Name', 'Carer 2 Name', 'Date of Approval'];
    const run = (path: string) =>
      app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });
    const first = await run(
      writeWorkbook(join(app.dir, 'register-1.xlsx'), {
        Register: [
          head,
          ['FC1', 'Joan Ashby', 'Kwame Mensah', xlDate('2019-05-01')],
          ['FC2', 'Ravi Shah', null, xlDate('2020-05-01')],
        ],
      }),
    );
    expect(first).toMatchObject({ new: 2, errors: [] });
    expect(await found(app, 'mensah')).toEqual(['FC1']);
    expect(await found(app, 'kwame')).toEqual(['FC1']);
    const second = await run(
      writeWorkbook(join(app.dir, 'register-2.xlsx'), {
        Register: [
          head,
          ['FC1', 'Joan Ashby', 'Kwame Mensah', xlDate('2019-05-01')],
          ['FC2', 'Ravi Shah', 'Ana Lopes-Silva', xlDate('2020-05-01')],
        ],
      }),
    );
    expect(second).toMatchObject({ updated: 1, errors: [] });
    for (const typed of ['lopes', 'lopes-silva', 'silva', 'lopessilva', 'ana', 'ana silva'])
      expect(await found(app, typed), typed).toEqual(['FC2']);
    await app.call('imports.undoImport', { batchId: second.batch! });
    expect(await found(app, 'silva')).toEqual([]);
    expect(partsOf(app, idOf(app, 'FC2'))).toEqual([]);

    // A merge moves the duplicate's carers to the household kept: found by their names there.
    const dup = await app.call('households.createHousehold', {
      reference: 'D1',
      enquiryDate: '2019-01-02',
      firstName: 'Ravi',
      surname: 'Shah',
      confirmDuplicates: true,
    });
    await app.call('carers.savePerson', {
      householdId: dup.id,
      position: 2,
      person: person('Ines', 'Quaresma'),
    });
    expect(await found(app, 'quaresma')).toEqual(['D1']);
    await app.call('households.mergeHouseholds', {
      id: idOf(app, 'FC2'),
      mergeReference: 'D1',
      reason: 'same',
    });
    expect(await found(app, 'quaresma')).toEqual(['FC2']);
    expect(await found(app, 'ines')).toEqual(['FC2']);
  });

  it('a purge deletes what was kept of a carer’s name, in the file, its WAL and every backup', async () => {
    const app = await testApp({ today: TODAY });
    const path = join(app.dir, 'p.csv');
    writeFileSync(
      path,
      [
        'Reference,Enquiry date,First name,Surname,Date closed,Closure reason,Closed by',
        'P1,01/03/2020,Ann,Lee,01/05/2020,Lost contact,Lost contact',
      ].join('\r\n') + '\r\n',
    );
    await app.call('imports.importFile', { path });
    const p1 = idOf(app, 'P1');
    await app.call('carers.savePerson', {
      householdId: p1,
      position: 2,
      person: person('Ysolde', 'Quillfeather'),
    });
    expect(await found(app, 'quillfeather')).toEqual(['P1']);
    expect(subjectAccessData(app.ctx.store.db, p1).household_name_parts).toEqual([
      { part: 'quillfeather', household_id: p1 },
      { part: 'ysolde', household_id: p1 },
    ]);
    await app.call('data.backupNow', {});
    setClock(TODAY);
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    expect(partsOf(app, p1)).toEqual([]);
    expect(await found(app, 'ysolde')).toEqual([]);
    checkpoint(app);
    expect(leftovers(app, ['Quillfeather', 'quillfeather', 'Ysolde', 'ysolde'])).toEqual([]);
  });
});
