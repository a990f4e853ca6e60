import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listHouseholds, listSql } from '../../../src-main/db/queries/households-list.ts';
import {
  countSearch,
  SEARCH_COLUMNS,
  searchCountSql,
} from '../../../src-main/db/queries/households-search.ts';
import { refreshSummaries } from '../../../src-main/db/queries/summary.ts';
import { sampleRows } from '../../../src-main/db/queries/sample-rows.ts';
import { subjectAccessData } from '../../../src-main/db/subject-access.ts';
import { foldForSearch } from '../../../src-main/domain/fold.ts';
import { searchPartsOf } from '../../../src-main/domain/search-parts.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { setClock } from '../../../src-main/clock.ts';
import { checkpoint, leftovers } from '../../support/leftovers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

const TODAY = '2026-11-26';
const HEADER = 'Reference,Enquiry date,First name,Surname,Date closed,Closure reason,Closed by';

function csv(app: TestApp, name: string, rows: string[]): string {
  const path = join(app.dir, name);
  writeFileSync(path, [HEADER, ...rows].join('\r\n') + '\r\n');
  return path;
}

const found = async (app: TestApp, search: string) => {
  const r = await app.call('households.listHouseholds', { search, offset: 0, limit: 50 });
  expect(r.total, search).toBe(r.rows.length);
  return r.rows.map((x) => x.name).sort();
};
const partsOf = (app: TestApp, id: number) =>
  app.ctx.store.db
    .prepare('SELECT part FROM household_name_parts WHERE household_id = ? ORDER BY part')
    .pluck()
    .all(id);

/**
 * A caller says "Mrs Jones": the officer must find Mrs Smith-Jones. The later parts of a
 * multi-part surname (after a space or a hyphen; db/name-parts.ts) are found by their start,
 * kept in step by every writer of a name, and go with the name.
 */
describe('the households search by a later part of a surname', () => {
  it('finds Smith-Jones by "jones", Van den Berg by "berg", Khan Ali by "ali"; O\'Neil stays one name', async () => {
    const app = await testApp({ today: TODAY });
    const make = (firstName: string, surname: string) =>
      app.call('households.createHousehold', { enquiryDate: '2025-01-06', firstName, surname });
    await make('Mary', 'Smith-Jones');
    await make('Pieter', 'Van den Berg');
    await make('Imran', 'Khan Ali');
    await make('Siobhan', "O'Neil");
    await make('Tom', 'Neil');
    await make('Gwen', 'Jones');
    expect(await found(app, 'jones')).toEqual(['Gwen Jones', 'Mary Smith-Jones']);
    expect(await found(app, 'Jon')).toEqual(['Gwen Jones', 'Mary Smith-Jones']);
    expect(await found(app, 'berg')).toEqual(['Pieter Van den Berg']);
    expect(await found(app, 'den berg')).toEqual(['Pieter Van den Berg']);
    expect(await found(app, 'van')).toEqual(['Pieter Van den Berg']);
    expect(await found(app, 'ali')).toEqual(['Imran Khan Ali']);
    expect(await found(app, 'mary jones')).toEqual(['Mary Smith-Jones']);
    // As before: the whole name, hyphen or none, and its start.
    expect(await found(app, 'smith-jones')).toEqual(['Mary Smith-Jones']);
    expect(await found(app, 'smithjones')).toEqual(['Mary Smith-Jones']);
    expect(await found(app, 'smith')).toEqual(['Mary Smith-Jones']);
    // An apostrophe does not part a name: O'Neil is found by "oneil", not by "neil".
    expect(await found(app, 'oneil')).toEqual(["Siobhan O'Neil"]);
    expect(await found(app, "o'neil")).toEqual(["Siobhan O'Neil"]);
    expect(await found(app, 'neil')).toEqual(['Tom Neil']);
  });

  it('finds Brown Jones-Smith by the later run typed whole, "jones-smith" or "jones smith", and Mary-Jane by "jane"', async () => {
    const app = await testApp({ today: TODAY });
    const make = (firstName: string, surname: string) =>
      app.call('households.createHousehold', { enquiryDate: '2025-01-06', firstName, surname });
    const ann = await make('Ann', 'Brown Jones-Smith');
    const mary = await make('Mary-Jane', 'Van den Berg');
    await make('Siobhan', "Smith-O'Neil");
    await make('Jane', 'Jones');
    await make('Tom', 'Smith');
    expect(partsOf(app, ann.id)).toEqual(['brownjonessmith', 'jonessmith', 'smith']);
    expect(partsOf(app, mary.id)).toEqual(['berg', 'denberg', 'jane', 'vandenberg']);
    for (const typed of [
      'jones-smith',
      'jones smith',
      'jonessmith',
      'Jones-Sm',
      'jones–smith',
      'brown jones-smith',
    ])
      expect(await found(app, typed), typed).toEqual(['Ann Brown Jones-Smith']);
    expect(await found(app, 'jones')).toEqual(['Ann Brown Jones-Smith', 'Jane Jones']);
    expect(await found(app, 'smith')).toEqual(['Ann Brown Jones-Smith', "Siobhan Smith-O'Neil", 'Tom Smith']);
    expect(await found(app, 'smith-jones')).toEqual([]);
    // Van den Berg: each part by its start, and the run from "den" typed whole.
    for (const typed of ['den', 'berg', 'den berg', 'den-berg', 'denberg'])
      expect(await found(app, typed), typed).toEqual(['Mary-Jane Van den Berg']);
    // A first name's later part, as a surname's; the whole first name as before.
    expect(await found(app, 'jane')).toEqual(['Jane Jones', 'Mary-Jane Van den Berg']);
    expect(await found(app, 'jane berg')).toEqual(['Mary-Jane Van den Berg']);
    for (const typed of ['mary-jane', 'maryjane', 'mary'])
      expect(await found(app, typed), typed).toEqual(['Mary-Jane Van den Berg']);
    // An apostrophe still does not part a name.
    expect(await found(app, 'oneil')).toEqual(["Siobhan Smith-O'Neil"]);
    expect(await found(app, "o'neil")).toEqual(["Siobhan Smith-O'Neil"]);
    expect(await found(app, 'neil')).toEqual([]);
    // A hand edit of the first name keeps its parts.
    await app.call('households.updateDetails', { id: mary.id, firstName: 'Mary' });
    expect(partsOf(app, mary.id)).toEqual(['berg', 'denberg', 'vandenberg']);
    expect(await found(app, 'jane')).toEqual(['Jane Jones']);
  });

  it('follows the surname through a hand edit, a merge, an import, its update and their undo', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    const mary = await app.call('households.createHousehold', {
      enquiryDate: '2025-01-06',
      firstName: 'Mary',
      surname: 'Smith-Jones',
    });
    expect(partsOf(app, mary.id)).toEqual(['jones']);
    await app.call('households.updateDetails', { id: mary.id, surname: 'Smith-Evans' });
    expect(partsOf(app, mary.id)).toEqual(['evans']);
    expect(await found(app, 'jones')).toEqual([]);
    expect(await found(app, 'evans')).toEqual(['Mary Smith-Evans']);
    await app.call('households.updateDetails', { id: mary.id, surname: 'Smith' });
    expect(partsOf(app, mary.id)).toEqual([]);

    // A merge: the duplicate's parts go with it; a blank surname filled from it brings its parts.
    const blank = await app.call('households.createHousehold', {
      enquiryDate: '2025-02-01',
      firstName: 'Ola',
    });
    const dup = await app.call('households.createHousehold', {
      enquiryDate: '2025-02-02',
      firstName: 'Ola',
      surname: 'Nowak-Kowalska',
      confirmDuplicates: true,
    });
    expect(partsOf(app, dup.id)).toEqual(['kowalska']);
    await app.call('households.mergeHouseholds', {
      id: blank.id,
      mergeReference: dup.reference,
      reason: 'same',
    });
    expect(partsOf(app, dup.id)).toEqual([]);
    expect(partsOf(app, blank.id)).toEqual(['kowalska']);
    expect(await found(app, 'kowalska')).toEqual(['Ola Nowak-Kowalska']);

    // An import's new household, an import's update of it, and each undone.
    const first = await app.call('imports.importFile', {
      path: csv(app, 'a.csv', ['K1,01/03/2025,Ayesha,Khan Ali,,,']),
    });
    const k1 = db.prepare("SELECT id FROM households WHERE reference = 'K1'").pluck().get() as number;
    expect(partsOf(app, k1)).toEqual(['ali', 'khanali']);
    const second = await app.call('imports.importFile', {
      path: csv(app, 'b.csv', ['K1,01/03/2025,Ayesha,Khan Van Dijk,,,']),
    });
    expect(second.updated).toBe(1);
    expect(partsOf(app, k1)).toEqual(['dijk', 'khanvandijk', 'vandijk']);
    expect(await found(app, 'dijk')).toEqual(['Ayesha Khan Van Dijk']);
    await app.call('imports.undoImport', { batchId: second.batch! });
    expect(partsOf(app, k1)).toEqual(['ali', 'khanali']);
    expect(await found(app, 'dijk')).toEqual([]);
    await app.call('imports.undoImport', { batchId: first.batch! });
    expect(
      db.prepare('SELECT COUNT(*) FROM household_name_parts WHERE household_id = ?').pluck().get(k1),
    ).toBe(0);
    expect(await found(app, 'ali')).toEqual([]);
  });

  it("a large import writes its new households' parts after them (the rows several to a statement)", async () => {
    const app = await testApp({ today: TODAY });
    const rows = Array.from({ length: 6000 }, (_, i) =>
      [`B${i}`, '01/03/2025', 'Sam', i % 100 === 0 ? `Lee-Morgan${i}` : `Lee${i}`, '', '', ''].join(','),
    );
    const r = await app.call('imports.importFile', { path: csv(app, 'big.csv', rows) });
    expect(r.new).toBe(6000);
    const db = app.ctx.store.db;
    expect(db.prepare('SELECT COUNT(*) FROM household_name_parts').pluck().get()).toBe(60);
    expect(await found(app, 'morgan5900')).toEqual(['Sam Lee-Morgan5900']);
  });

  it("the sample generator's writer keeps the parts of the surnames it writes", async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    const id = db.transaction(() =>
      sampleRows(db).addHousehold(
        'FF999001',
        'mainstream',
        'Rosa',
        'García Lopez',
        null,
        null,
        null,
        null,
        null,
        null,
        'open',
        'enquiry',
        '2025-01-06',
        '2025-01-06',
        '2025-01-06T09:00:00.000Z',
        '2025-01-06T09:00:00.000Z',
      ),
    )();
    expect(partsOf(app, id)).toEqual(['garcialopez', 'lopez']);
    expect(await found(app, 'lopez')).toEqual(['Rosa García Lopez']);
  });

  it('counts and pages a search by either plan as the plain list does, a household matching twice once', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 8, today: TODAY });
    const ids = db.prepare('SELECT id FROM households WHERE id % 5 = 0').pluck().all() as number[];
    // Later parts that are also the start of other columns: "Jones-Jones" matches "jones" twice.
    db.prepare(
      `UPDATE households SET surname = CASE id % 3 WHEN 0 THEN surname || '-Jones' WHEN 1 THEN 'Van den ' || surname
         ELSE 'Jones-Jones' END WHERE id % 5 = 0`,
    ).run();
    db.transaction(() => refreshSummaries(db, ids, TODAY))();
    const rows = db
      .prepare(
        'SELECT id, reference, first_name_fold, surname_fold, email, postcode, first_name, surname FROM households',
      )
      .all() as Array<Record<string, string | null>>;
    // The carers' own names are searched too (domain/search-parts.ts).
    const people = db.prepare<[unknown], { first_name: string | null; surname: string | null }>(
      'SELECT first_name, surname FROM household_people WHERE household_id = ?',
    );
    const partsOfRow = new Map(rows.map((r) => [r, searchPartsOf(r, people.all(r.id))]));
    for (const word of ['jones', 'jo', 'den', 'pa', 'van d', 'a', 'zzz', 'den-pa', 'jones-jo']) {
      const ws = word.split(' ');
      const matches = (r: Record<string, string | null>, w: string) =>
        SEARCH_COLUMNS.some((c) =>
          r[c]?.toLowerCase().startsWith(c.endsWith('_fold') ? foldForSearch(w) : w),
        ) || partsOfRow.get(r)!.some((p) => p.startsWith(foldForSearch(w)));
      const expected = rows.filter((r) => ws.every((w) => matches(r, w))).length;
      if (ws.length === 1) expect(countSearch(db, word), word).toBe(expected);
      const u = searchCountSql(ws);
      expect(
        db
          .prepare(u.sql)
          .pluck()
          .get(...u.params),
        `${word} by UNION`,
      ).toBe(expected);
      const all = listHouseholds(db, { search: word }, { offset: 0, limit: 5000 }, TODAY);
      expect(all.total, word).toBe(expected);
      for (const mode of ['filter', 'sort'] as const) {
        const q = listSql({ search: word, sort: 'enquiryDate', dir: 'desc' }, mode);
        const page = db.prepare(q.page).all(...q.params, 5000, 0) as Array<{ id: number }>;
        expect(
          page.map((p) => p.id),
          `${word} (${mode})`,
        ).toEqual(all.rows.map((x) => x.id));
      }
    }
  });

  it('a purge deletes the parts with the name, in the file, its WAL and every backup; subject access lists them', async () => {
    const app = await testApp({ today: TODAY });
    await app.call('imports.importFile', {
      path: csv(app, 'p.csv', [
        'P1,01/03/2020,Zebedee,Smith-Quillfeather,01/05/2020,Lost contact,Lost contact',
      ]),
    });
    await app.call('imports.importFile', {
      path: csv(app, 'n.csv', ['N1,01/06/2024,Nadia,Okafor-Brown,,,']),
    });
    await app.call('data.backupNow', {});
    const db = app.ctx.store.db;
    const p1 = db.prepare("SELECT id FROM households WHERE reference = 'P1'").pluck().get() as number;
    // A stored part of a name is the person's data: the household's subject access export holds it.
    expect(subjectAccessData(db, p1).household_name_parts).toEqual([
      { part: 'quillfeather', household_id: p1 },
    ]);
    checkpoint(app);
    expect(leftovers(app, ['quillfeather']).length).toBeGreaterThan(0);
    setClock('2026-11-26');
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    expect(partsOf(app, p1)).toEqual([]);
    expect(subjectAccessData(db, p1).household_name_parts).toEqual([]);
    checkpoint(app);
    expect(leftovers(app, ['Quillfeather', 'quillfeather'])).toEqual([]);
    // Nadia's are untouched.
    const n1 = db.prepare("SELECT id FROM households WHERE reference = 'N1'").pluck().get() as number;
    expect(partsOf(app, n1)).toEqual(['brown']);
  });
});
