import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchPartsOf } from '../../../src-main/domain/search-parts.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from '../imports/fixtures.ts';

const TODAY = '2026-11-26';
const HEAD = [
  'Foster Carer No.',
  'Carer 1 First Name',
  'Carer 1 Surname',
  'Carer 2 First Name',
  'Carer 2 Surname',
  'Date of Approval',
];

const idOf = (app: TestApp, reference: string) =>
  app.ctx.store.db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(reference) as number;
const partsOf = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare('SELECT part FROM household_name_parts WHERE household_id = ? ORDER BY part')
    .pluck()
    .all(idOf(app, reference));

/** Every household's parts are what its names and its carers' (those who left too) give, no more. */
function expectEveryHouseholdsParts(app: TestApp) {
  const db = app.ctx.store.db;
  const households = db
    .prepare('SELECT id, reference, first_name, surname FROM households ORDER BY id')
    .all() as Array<{
    id: number;
    reference: string;
    first_name: string | null;
    surname: string | null;
  }>;
  const people = db.prepare('SELECT first_name, surname FROM household_people WHERE household_id = ?');
  const held = db
    .prepare('SELECT part FROM household_name_parts WHERE household_id = ? ORDER BY part')
    .pluck();
  for (const h of households)
    expect(held.all(h.id), h.reference).toEqual(
      searchPartsOf(
        h,
        people.all(h.id) as Array<{ first_name: string | null; surname: string | null }>,
      ).sort(),
    );
  const stray = db
    .prepare(
      'SELECT COUNT(*) FROM household_name_parts WHERE household_id NOT IN (SELECT id FROM households)',
    )
    .pluck()
    .get();
  expect(stray).toBe(0);
}

/**
 * A carers register writes a household's carers, and the commit keeps the search's name parts
 * with them: a new household the commit writes whole (synced as its carers are written), and a
 * household it had or writes the long way (synced once, by the refresh after its rows).
 */
describe("a carers register keeps the search's name parts of its carers", () => {
  it('adds, renames, leaves a carer who left and one deleted by hand, each household synced once', async () => {
    const app = await testApp({ today: TODAY });
    const run = async (name: string, rows: unknown[][]) => {
      const r = await app.call('imports.importFile', {
        path: writeWorkbook(join(app.dir, name), { Register: [HEAD, ...rows] as never }),
        kind: 'carers',
        dryRun: false,
        overwriteHand: false,
      });
      expect(r.errors).toEqual([]);
      return r;
    };
    // A household entered by hand before the register names its carers.
    await app.call('households.createHousehold', {
      reference: 'E1',
      enquiryDate: '2018-01-06',
      firstName: 'Uma',
      surname: 'Patel',
    });

    // New households (written whole by the commit) and one the register adds carers to.
    const first = await run('register-1.xlsx', [
      ['FC1', 'Joan', 'Ashby', 'Kwame', 'Mensah', xlDate('2019-05-01')],
      ['FC2', 'Ravi', 'Shah', null, null, xlDate('2020-05-01')],
      ['E1', 'Uma', 'Patel', 'Wiktor', 'Patel', null],
    ]);
    expect(first).toMatchObject({ new: 2, updated: 1 });
    expect(partsOf(app, 'FC1')).toEqual(['kwame', 'mensah']);
    expect(partsOf(app, 'FC2')).toEqual([]);
    expect(partsOf(app, 'E1')).toEqual(['wiktor']);
    expectEveryHouseholdsParts(app);

    // A carer's name changed by a later register, and a carer it adds.
    const second = await run('register-2.xlsx', [
      ['FC1', 'Joan', 'Ashby', 'Kwame', 'Mensah-Boateng', xlDate('2019-05-01')],
      ['FC2', 'Ravi', 'Shah', 'Ines', 'Quaresma', xlDate('2020-05-01')],
      ['E1', 'Uma', 'Patel', 'Wiktor', 'Patel', null],
    ]);
    expect(second).toMatchObject({ updated: 2, unchanged: 1 });
    expect(partsOf(app, 'FC1')).toEqual(['boateng', 'kwame', 'mensahboateng']);
    expect(partsOf(app, 'FC2')).toEqual(['ines', 'quaresma']);
    expectEveryHouseholdsParts(app);

    // By hand: FC1's carer 2 leaves (their name still finds the household), E1's carer 2 is
    // deleted as entered by mistake (theirs no longer does).
    const carer2 = async (reference: string) =>
      (await app.call('carers.getCarers', { householdId: idOf(app, reference) })).people.find(
        (p) => p.position === 2,
      )!;
    await app.call('carers.recordPersonLeft', {
      householdId: idOf(app, 'FC1'),
      id: (await carer2('FC1')).id,
      date: '2026-01-10',
    });
    await app.call('carers.deletePerson', { householdId: idOf(app, 'E1'), id: (await carer2('E1')).id });
    expect(partsOf(app, 'FC1')).toEqual(['boateng', 'kwame', 'mensahboateng']);
    expect(partsOf(app, 'E1')).toEqual([]);

    // An older register lists both again: neither is recorded again, so nothing changes; a change
    // of another carer 1's surname (the household's name with it) is recorded.
    const third = await run('register-3.xlsx', [
      ['FC1', 'Joan', 'Ashby', 'Kwame', 'Mensah-Boateng', xlDate('2019-05-01')],
      ['FC2', 'Ravi', 'Shah-Khan', 'Ines', 'Quaresma', xlDate('2020-05-01')],
      ['E1', 'Uma', 'Patel', 'Wiktor', 'Patel', null],
    ]);
    expect(third.warnings.map((w) => w.message).join('\n')).toMatch(/left the household/);
    expect(third.warnings.map((w) => w.message).join('\n')).toMatch(/deleted by hand/);
    expect(partsOf(app, 'FC1')).toEqual(['boateng', 'kwame', 'mensahboateng']);
    expect(partsOf(app, 'FC2')).toEqual(['ines', 'khan', 'quaresma']);
    expect(partsOf(app, 'E1')).toEqual([]);
    expectEveryHouseholdsParts(app);

    // Its undo puts the names back, and the parts with them.
    await app.call('imports.undoImport', { batchId: third.batch! });
    expect(partsOf(app, 'FC2')).toEqual(['ines', 'quaresma']);
    expectEveryHouseholdsParts(app);
  });
});
