import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

const TODAY = '2026-11-26';

/** Each household found, by reference, with who the list says it was found by (none: its own names). */
const foundBy = async (app: TestApp, search: string) => {
  const r = await app.call('households.listHouseholds', { search, offset: 0, limit: 50 });
  expect(r.total, search).toBe(r.rows.length);
  return Object.fromEntries(
    r.rows
      .sort((a, b) => a.reference.localeCompare(b.reference))
      .map((x) => [x.reference, x.foundBy ?? null]),
  );
};

/**
 * A search for "smith" lists the household Jones when its carer 2 is Ann Smith: the row says who
 * (HouseholdListRow.foundBy), or the officer wonders why it is there. Nothing new is stored: it is
 * read from the carers of the page's households.
 */
describe('the households list says which carer a search found a household by', () => {
  it('names the carer, their position, and whether they left, only when the household’s own do not match', async () => {
    const app = await testApp({ today: TODAY });
    const make = (reference: string, firstName: string, surname: string, postcode?: string) =>
      app.call('households.createHousehold', {
        reference,
        enquiryDate: '2025-01-06',
        firstName,
        surname,
        postcode,
      });
    const jones = await make('H1', 'Pat', 'Jones');
    await make('H2', 'Ann', 'Smith');
    const khan = await make('H3', 'Amira', 'Khan', 'SM1 1AA');
    const save = (householdId: number, position: 1 | 2, firstName: string, surname: string) =>
      app.call('carers.savePerson', { householdId, position, person: { firstName, surname } });
    await save(jones.id, 1, 'Pat', 'Jones');
    await save(jones.id, 2, 'Ann', 'Smith');
    const k = await save(khan.id, 2, 'Tom', "O'Smithers");

    expect(await foundBy(app, 'smith')).toEqual({
      H1: [{ name: 'Ann Smith', position: 2, left: false }],
      H2: null,
    });
    // Khan's carer 2, O'Smithers, by the whole of that name; "sm" starts Khan's postcode as well: nothing said.
    expect(await foundBy(app, "o'smith")).toEqual({
      H3: [{ name: "Tom O'Smithers", position: 2, left: false }],
    });
    expect(await foundBy(app, 'sm')).toEqual({
      H1: [{ name: 'Ann Smith', position: 2, left: false }],
      H2: null,
      H3: null,
    });
    // The household's own name with a carer's: both words held, the carer said.
    expect(await foundBy(app, 'pat smith')).toEqual({
      H1: [{ name: 'Ann Smith', position: 2, left: false }],
    });
    // Its own name, or the carer 1 who is the household: nothing said.
    expect(await foundBy(app, 'jones')).toEqual({ H1: null });
    expect(await foundBy(app, 'ann')).toEqual({
      H1: [{ name: 'Ann Smith', position: 2, left: false }],
      H2: null,
    });
    expect(await foundBy(app, 'sm1')).toEqual({ H3: null });
    // Typed with a space (run together: o smithers) or by a later part.
    expect(await foundBy(app, 'o smithers')).toEqual({
      H3: [{ name: "Tom O'Smithers", position: 2, left: false }],
    });

    // A carer who left still finds the household, and is said to have left.
    const tom = k.people.find((p) => p.position === 2)!;
    await app.call('carers.recordPersonLeft', { householdId: khan.id, id: tom.id, date: '2026-01-05' });
    expect(await foundBy(app, 'tom')).toEqual({ H3: [{ name: "Tom O'Smithers", position: 2, left: true }] });
  });

  it('says nothing in an export', async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', {
      reference: 'H1',
      enquiryDate: '2025-01-06',
      firstName: 'Pat',
      surname: 'Jones',
    });
    await app.call('carers.savePerson', {
      householdId: h.id,
      position: 2,
      person: { firstName: 'Ann', surname: 'Smith' },
    });
    const file = await app.call('households.exportList', { search: 'smith', format: 'csv' });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(file.rows).toBe(1);
    expect(text).not.toContain('Ann Smith');
  });
});
