import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSql } from '../../../src-main/db/queries/households-list.ts';
import { cli } from '../../support/cli.ts';
import { testApp } from '../../support/temp.ts';

/**
 * A council's households have names from many languages, and an officer types them without
 * accents. The search compared names as typed (ASCII case aside), so "bronte" did not find
 * "Brontë", nor "zoe" Zoë, "sian" Siân, "francois" François, or "oshea" O'Shea.
 */
describe('searching the households list regardless of accents, apostrophes and hyphens', () => {
  it('finds imported, hand-entered and renamed households by a name typed either way, on the screen and the CLI', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const file = join(app.dir, 'enquiries.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,First Name,Surname\r\n' +
        'A1,03/04/2024,Anne,Brontë\r\n' +
        'A2,04/04/2024,Zoë,Smith-Jones\r\n' +
        'A3,05/04/2024,Siân,O’Shea\r\n' +
        'A4,06/04/2024,Ben,Bronte\r\n',
      'utf8',
    );
    expect((await app.call('imports.importFile', { path: file })).new).toBe(4);
    const { id } = await app.call('households.createHousehold', {
      reference: 'H1',
      enquiryDate: '2024-04-07',
      firstName: 'François',
      surname: "O'Shea",
      confirmDuplicates: true,
    });
    const found = async (search: string) =>
      (await app.call('households.listHouseholds', { search, offset: 0, limit: 50 })).rows
        .map((r) => r.reference)
        .sort();
    expect(await found('bronte')).toEqual(['A1', 'A4']);
    // Both ways: the accent typed finds the name without one.
    expect(await found('Brontë')).toEqual(['A1', 'A4']);
    expect(await found('BRONTË anne')).toEqual(['A1']);
    expect(await found('zoe')).toEqual(['A2']);
    expect(await found('sian')).toEqual(['A3']);
    expect(await found('francois')).toEqual(['H1']);
    expect(await found('oshea')).toEqual(['A3', 'H1']);
    expect(await found("o'shea")).toEqual(['A3', 'H1']);
    expect(await found('O’SHEA')).toEqual(['A3', 'H1']);
    expect(await found('smithjones')).toEqual(['A2']);
    expect(await found('smith-jones')).toEqual(['A2']);
    // A word of punctuation alone is not the start of every name.
    expect(await found("'")).toEqual([]);
    expect(
      (await app.call('households.listHouseholds', { search: 'oshea', offset: 0, limit: 50 })).total,
    ).toBe(2);

    // Renamed by hand: found by the new name, no longer by the old.
    await app.call('households.updateDetails', { id, firstName: 'Søren', surname: 'Łukasik' });
    expect(await found('soren lukasik')).toEqual(['H1']);
    expect(await found('francois')).toEqual([]);

    // The plan that tests each walked row (chosen for a search matching many) folds the same way.
    const q = listSql({ search: 'bronte', sort: 'enquiryDate', dir: 'asc' }, 'sort');
    const walked = app.ctx.store.db.prepare(q.page).all(...q.params, 50, 0) as Array<{ reference: string }>;
    expect(walked.map((r) => r.reference)).toEqual(['A1', 'A4']);

    const listed = await cli('households', '--search', 'bronte', '--db', app.dbPath);
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')[0]).toBe('2 households');
    expect(listed.out).toContain('Brontë');
  });
});
