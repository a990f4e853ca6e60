import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobSettled, testApp, type TestApp } from '../../support/temp.ts';

// domain/duplicates.ts lists four signs that two households are one: the same email, the same name
// and postcode, the same name and close enquiry dates, the same telephone. An import's near matches
// weighed only the last two, against households held and earlier rows of the file alike: a row of
// another reference with a held household's email, or its name and postcode enquiring a year
// later, was imported as a new household with nothing said (a reviewer). Both now weigh every sign
// through the domain's duplicateWhy, which names the first one shared.

async function preview(app: TestApp, lines: string[]) {
  const path = join(app.dir, `signs-${Date.now()}.csv`);
  writeFileSync(
    path,
    ['Reference,Enquiry Date,First Name,Surname,Email,Postcode,Telephone', ...lines].join('\r\n'),
  );
  const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
  const p = (await jobSettled(app, started.jobId)).preview!;
  await app.call('imports.cancelImport', { jobId: started.jobId });
  return p.nearMatches.map((m) => [m.reference, m.matchReference, m.why]);
}

describe('possible duplicates by every sign the domain lists', () => {
  it('against households held: the same email (any case, spaces), or the same name and postcode whatever the dates', async () => {
    const app = await testApp({ today: '2026-12-05' });
    await app.call('households.createHousehold', {
      reference: 'H1',
      enquiryDate: '2025-03-01',
      firstName: 'Sam',
      surname: 'Lee',
      email: 'Sam.Lee@Example.org',
    });
    await app.call('households.createHousehold', {
      reference: 'H2',
      enquiryDate: '2024-06-10',
      firstName: 'Ann',
      surname: 'Ash',
      postcode: 'LS6 2AB',
    });
    expect(
      await preview(app, [
        // Another name and reference, the held email: the same family (a partner's name on the form).
        'N1,03/11/2026,Priya,Lee, sam.lee@EXAMPLE.org ,,',
        // The held name and postcode (written apart), two years on.
        'N2,04/11/2026,Ann,Ash,,ls62ab,',
        // The same name elsewhere, months from each: not a sign.
        'N3,05/01/2025,Ann,Ash,,WF1 3JT,',
      ]),
    ).toEqual([
      ['N1', 'H1', 'same email'],
      ['N2', 'H2', 'same name and postcode'],
    ]);
  });

  it('within one file: the same email, or the same name and postcode whatever the dates', async () => {
    const app = await testApp({ today: '2026-12-05' });
    expect(
      await preview(app, [
        'F1,03/01/2024,Sam,Lee,sam.lee@example.org,,',
        'F2,04/01/2024,Ann,Ash,,LS6 2AB,',
        'F3,05/01/2024,Cara,Doyle,,WF1 3JT,',
        'F4,03/11/2026,Priya,Lee,SAM.LEE@example.org,,',
        'F5,04/11/2026,Ann,Ash,,ls6  2ab,',
        'F6,05/11/2026,Cara,Doyle,,LS1 1AA,',
      ]),
    ).toEqual([
      ['F4', 'F1', 'same email'],
      ['F5', 'F2', 'same name and postcode'],
    ]);
  });

  it('names the same sign by hand and by import: the first the domain lists', async () => {
    const app = await testApp({ today: '2026-12-05' });
    await app.call('households.createHousehold', {
      reference: 'H1',
      enquiryDate: '2026-11-01',
      firstName: 'Ann',
      surname: 'Ash',
      postcode: 'LS6 2AB',
      telephone: '07700 900123',
    });
    // Name, postcode, close dates and telephone all shared: the hand said "same telephone number",
    // an import "same name and close enquiry dates"; both now say the name and postcode.
    expect(
      await app.call('households.findDuplicates', {
        firstName: 'Ann',
        surname: 'Ash',
        postcode: 'LS6 2AB',
        telephone: '07700900123',
        enquiryDate: '2026-11-03',
      }),
    ).toMatchObject([{ reference: 'H1', why: 'name_postcode' }]);
    expect(await preview(app, ['N1,03/11/2026,Ann,Ash,,LS6 2AB,07700900123'])).toEqual([
      ['N1', 'H1', 'same name and postcode'],
    ]);
  });
});
