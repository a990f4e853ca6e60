import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { testApp } from '../../support/temp.ts';

/**
 * An officer looks a family up by the postcode on the letter in front of them, typed as it is
 * written ("SW1A 1AA") or without its space. Each search word had to be the start of a column, so
 * the inward code ("1AA") matched nobody and a full postcode found no household at all.
 */
describe('searching the households list by postcode', () => {
  it('finds a household by its whole postcode, with or without the space, in any case, and by its start', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const file = join(app.dir, 'enquiries.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,First Name,Surname,Postcode\r\n' +
        'P1,03/04/2024,Ann,Ash,sw1a1aa\r\n' +
        'P2,04/04/2024,Bob,Birch,B33 8TH\r\n' +
        'P3,05/04/2024,Cat,Cole,SW1A 2AA\r\n',
    );
    const imported = await app.call('imports.importFile', { path: file });
    expect(imported.new).toBe(3);
    const found = async (search: string) =>
      (await app.call('households.listHouseholds', { search, offset: 0, limit: 50 })).rows
        .map((r) => r.reference)
        .sort();
    expect(await found('SW1A 1AA')).toEqual(['P1']);
    expect(await found('sw1a 1aa')).toEqual(['P1']);
    expect(await found('SW1A1AA')).toEqual(['P1']);
    expect(await found('b33 8th')).toEqual(['P2']);
    expect(await found('B33 8')).toEqual(['P2']);
    expect(await found('SW1A')).toEqual(['P1', 'P3']);
    expect(await found('SW1A 2')).toEqual(['P3']);
    // With a name as well: both must match.
    expect(await found('Ann SW1A 1AA')).toEqual(['P1']);
    expect(await found('Bob SW1A 1AA')).toEqual([]);
    const counted = await app.call('households.listHouseholds', { search: 'SW1A 1AA', offset: 0, limit: 50 });
    expect(counted.total).toBe(1);
    // The CLI's list says so in words: "1 household", not "1 households".
    const listed = await cli('households', '--search', 'sw1a 1aa', '--db', app.dbPath);
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')[0]).toBe('1 household');
  });
});
