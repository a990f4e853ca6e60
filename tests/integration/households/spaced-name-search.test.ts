import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSql } from '../../../src-main/db/queries/households-list.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

const TODAY = '2026-11-26';

const found = async (app: TestApp, search: string) => {
  const r = await app.call('households.listHouseholds', { search, offset: 0, limit: 50 });
  expect(r.total, search).toBe(r.rows.length);
  return r.rows.map((x) => x.name).sort();
};

/**
 * A name is typed as the caller says it, often without its spaces: "vandenberg" must find Van den
 * Berg as "smithjones" finds Smith-Jones and "obrien" O'Brien, in a surname or a first name, with
 * accents or without (db/name-parts.ts, domain/search-parts.ts).
 */
describe('the households search by a name typed without its spaces', () => {
  it('finds every form of a name: apostrophes, hyphens, spaces and accents, surname and first name', async () => {
    const app = await testApp({ today: TODAY });
    const make = (firstName: string, surname: string) =>
      app.call('households.createHousehold', { enquiryDate: '2025-01-06', firstName, surname });
    await make('Pieter', 'Van den Berg');
    await make('Siobhan', "O'Brien");
    await make('Ann', 'Brown Jones-Smith');
    await make('Mary Ann', 'Lee');
    await make('Zoë', 'Brontë');
    await make('Róisín', 'Ó Briain');
    await make('Tom', 'Vance');
    const cases: Array<[string, string[]]> = [
      // Spaces (new): the whole name, and any run of it from its start, typed without them.
      ['vandenberg', ['Pieter Van den Berg']],
      ['VanDenBerg', ['Pieter Van den Berg']],
      ['vanden', ['Pieter Van den Berg']],
      ['van-den-berg', ['Pieter Van den Berg']],
      ['brownjonessmith', ['Ann Brown Jones-Smith']],
      ['brownjones', ['Ann Brown Jones-Smith']],
      ['maryann', ['Mary Ann Lee']],
      ['maryann lee', ['Mary Ann Lee']],
      ['obriain', ['Róisín Ó Briain']],
      ['óbriain', ['Róisín Ó Briain']],
      // As before: each part, with spaces, hyphens, apostrophes and accents either way.
      ['van den berg', ['Pieter Van den Berg']],
      ['den-berg', ['Pieter Van den Berg']],
      ['berg', ['Pieter Van den Berg']],
      ['van', ['Pieter Van den Berg', 'Tom Vance']],
      ['obrien', ["Siobhan O'Brien"]],
      ["o'brien", ["Siobhan O'Brien"]],
      ['o’brien', ["Siobhan O'Brien"]],
      ['jones-smith', ['Ann Brown Jones-Smith']],
      ['jonessmith', ['Ann Brown Jones-Smith']],
      ['mary ann', ['Mary Ann Lee']],
      ['ann', ['Ann Brown Jones-Smith', 'Mary Ann Lee']],
      ['bronte', ['Zoë Brontë']],
      ['zoe', ['Zoë Brontë']],
      ['ó briain', ['Róisín Ó Briain']],
      ['roisin', ['Róisín Ó Briain']],
      // Not the start of any name held.
      ['denbergvan', []],
      ['vanberg', []],
    ];
    for (const [typed, names] of cases) expect(await found(app, typed), typed).toEqual(names);
  });

  it('finds a name stored without spaces or apostrophes by the words typed with them, run together', async () => {
    const app = await testApp({ today: TODAY });
    const make = (firstName: string, surname: string) =>
      app.call('households.createHousehold', { enquiryDate: '2025-01-06', firstName, surname });
    await make('Pieter', 'Vandenberg');
    await make('Dara', 'OBrien');
    await make('Siobhan', "O'Brien");
    await make('Maryann', 'McDonald');
    await make('Ben', 'Van Berg');
    const h = await make('Uma', 'Patel');
    await app.call('carers.savePerson', {
      householdId: h.id,
      position: 2,
      person: { firstName: 'Rory', surname: 'De Souza' },
    });
    const cases: Array<[string, string[]]> = [
      ['van den berg', ['Pieter Vandenberg']],
      ['Van Den Berg', ['Pieter Vandenberg']],
      ['vanden berg', ['Pieter Vandenberg']],
      ['van denberg', ['Pieter Vandenberg']],
      ['pieter van den berg', ['Pieter Vandenberg']],
      ['van den', ['Pieter Vandenberg']],
      ['o brien', ['Dara OBrien', "Siobhan O'Brien"]],
      ['o’brien', ['Dara OBrien', "Siobhan O'Brien"]],
      ['dara o brien', ['Dara OBrien']],
      ['siobhan o brien', ["Siobhan O'Brien"]],
      ['o bri', ['Dara OBrien', "Siobhan O'Brien"]],
      ['mary ann mc donald', ['Maryann McDonald']],
      ['mc donald', ['Maryann McDonald']],
      ['maryann mc don', ['Maryann McDonald']],
      // A carer's name (the parts) by its words run together too; the words as typed still count.
      ['de souza', ['Uma Patel']],
      ['van berg', ['Ben Van Berg']],
      ['van', ['Ben Van Berg', 'Pieter Vandenberg']],
      // Not the start of any name, run together or not.
      ['den berg', []],
      ['o brian', []],
      ['mc donald smith', []],
    ];
    for (const [typed, names] of cases) expect(await found(app, typed), typed).toEqual(names);
    // A page read by walking the sort order (a search matching many at 1,000,000) tests each way on the row.
    for (const [typed, names] of cases) {
      const q = listSql({ search: typed, sort: 'enquiryDate', dir: 'desc' }, 'sort');
      const rows = app.ctx.store.db.prepare(q.page).all(...q.params, 50, 0) as Array<{ id: number }>;
      expect(rows.length, `${typed} (sort)`).toBe(names.length);
    }
  });

  it('follows a hand edit and an import of a name with spaces', async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2025-01-06',
      firstName: 'Pieter',
      surname: 'Van den Berg',
    });
    await app.call('households.updateDetails', { id: h.id, surname: 'De la Cruz' });
    expect(await found(app, 'delacruz')).toEqual(['Pieter De la Cruz']);
    expect(await found(app, 'vandenberg')).toEqual([]);
    const path = join(app.dir, 'a.csv');
    writeFileSync(
      path,
      ['Reference,Enquiry date,First name,Surname', 'K1,01/03/2025,Anne Marie,Van der Merwe'].join('\r\n') +
        '\r\n',
    );
    expect(await app.call('imports.importFile', { path })).toMatchObject({ new: 1 });
    expect(await found(app, 'vandermerwe')).toEqual(['Anne Marie Van der Merwe']);
    expect(await found(app, 'annemarie')).toEqual(['Anne Marie Van der Merwe']);
  });
});
