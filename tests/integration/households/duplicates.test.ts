import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

// A household typed by hand with the same name and enquiry date as one held, but no email or
// postcode, was saved without a word: the hand checked only email and name with postcode, while
// an import lists the same name with a close enquiry as a near match. Both now follow one rule
// (domain/duplicates.ts).
async function nearMatchesOfImport(app: TestApp, lines: string[]) {
  const path = join(app.dir, `form-${lines.length}-${Date.now()}.csv`);
  writeFileSync(path, ['Date of enquiry,First Name,Surname', ...lines].join('\n'));
  const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
  for (;;) {
    const job = await app.call('imports.getJob', { jobId: started.jobId });
    if (job.state !== 'running') {
      await app.call('imports.cancelImport', { jobId: started.jobId });
      // Matches with households held, as the hand check reads them: rows of one file that look
      // like each other (these do) are listed too, with no household yet (matchId null).
      return job
        .preview!.nearMatches.filter((m) => m.matchId !== null)
        .map((m) => [m.row, m.matchReference, m.why]);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a likely duplicate typed by hand', () => {
  it('is flagged by the same name and a close enquiry date, with no email or postcode, as an import flags it', async () => {
    const app = await testApp();
    await app.call('households.createHousehold', {
      reference: 'GO1',
      enquiryDate: '2026-01-05',
      firstName: 'Grace',
      surname: 'Okafor',
    });
    const typed = (enquiryDate: string, firstName = 'Grace') =>
      app.call('households.createHousehold', { enquiryDate, firstName, surname: 'OKAFOR' });
    const refused = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(ApiError);
      return [(e as ApiError).code, (e as ApiError).field, (e as ApiError).message];
    };

    // The same day, and 31 days on: flagged, naming the household and why.
    expect(await refused(typed('2026-01-05'))).toEqual([
      'conflict',
      'surname',
      'This looks like a household already held (same name and close enquiry dates): GO1 Grace Okafor. Check it, or save anyway if it is a different household.',
    ]);
    expect((await refused(typed('2026-02-05')))[0]).toBe('conflict');
    expect(
      await app.call('households.findDuplicates', {
        firstName: 'grace',
        surname: 'Okafor',
        enquiryDate: '2025-12-20',
      }),
    ).toMatchObject([{ reference: 'GO1', why: 'name_enquiry', enquiryDate: '2026-01-05' }]);

    // The import, asked about the same rows, lists the same ones (and only those).
    expect(
      await nearMatchesOfImport(app, [
        '05/01/2026,Grace,OKAFOR',
        '05/02/2026,Grace,Okafor',
        '06/02/2026,Grace,Okafor',
        '05/01/2026,Gracie,Okafor',
      ]),
    ).toEqual([
      [2, 'GO1', 'same name and close enquiry dates'],
      [3, 'GO1', 'same name and close enquiry dates'],
    ]);

    // 32 days apart, or another first name: not flagged by hand either, and saved.
    expect((await typed('2026-02-06')).reference).toMatch(/^FF/);
    expect((await typed('2026-01-05', 'Gracie')).reference).toMatch(/^FF/);
    // Saved anyway, once the person has seen the warning.
    const anyway = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      firstName: 'Grace',
      surname: 'Okafor',
      confirmDuplicates: true,
    });
    expect(anyway.reference).toMatch(/^FF/);
  });

  it('is flagged by the same telephone number, however it is written, as an import flags it', async () => {
    const app = await testApp();
    await app.call('households.createHousehold', {
      reference: 'TP1',
      enquiryDate: '2026-01-05',
      surname: 'Price',
      telephone: '07700 900123',
    });
    // The family phoned in: another name on the call, the number given with +44 and no spaces.
    await expect(
      app.call('households.createHousehold', {
        enquiryDate: '2026-03-01',
        surname: 'Jones',
        telephone: '+447700900123',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      field: 'telephone',
      message:
        'This looks like a household already held (same telephone number): TP1 Price. Check it, or save anyway if it is a different household.',
    });
    expect(
      await app.call('households.findDuplicates', { surname: 'Jones', telephone: '(07700) 900-123' }),
    ).toMatchObject([{ reference: 'TP1', why: 'telephone' }]);
    // Another number ending in the same four digits is not the same.
    expect(await app.call('households.findDuplicates', { telephone: '07700 911123' })).toEqual([]);
  });

  // "Brontë" typed beside a "Bronte" held was saved without a word: the check compared names
  // with their accents (and by hand, with their apostrophes, hyphens and spaces too), while the
  // households search folds them. Both doors now compare names folded by one rule.
  it('is flagged by the same name with other accents, apostrophes, hyphens or spaces, by hand and by an import alike', async () => {
    const app = await testApp();
    const held: Array<[string, string, string]> = [
      ['NB1', 'Anne', 'Bronte'],
      ['NO1', 'Sean', "O'Neil"],
      ['NS1', 'Zoë', 'Smith-Jones'],
      ['NV1', 'Piet', 'Van der Berg'],
      ['NK1', 'Ann', 'Smithson'],
    ];
    for (const [reference, firstName, surname] of held)
      await app.call('households.createHousehold', {
        reference,
        enquiryDate: '2026-01-05',
        firstName,
        surname,
      });
    await app.call('households.createHousehold', {
      reference: 'ND1',
      enquiryDate: '2026-01-05',
      surname: "D'Arcy",
    });
    const typed: Array<[string, string]> = [
      ['Anne', 'Brontë'],
      ['Seán', 'ONeil'],
      ['Zoe', 'Smith Jones'],
      ['Piet', 'Vanderberg'],
      ['Ann', 'Smith-Son'],
      ['Ann', 'Smith'],
    ];
    const byHand = [];
    for (const [firstName, surname] of typed)
      byHand.push(
        (await app.call('households.findDuplicates', { firstName, surname, enquiryDate: '2026-01-10' })).map(
          (d) => d.reference,
        ),
      );
    expect(byHand).toEqual([['NB1'], ['NO1'], ['NS1'], ['NV1'], ['NK1'], []]);
    expect(await app.call('households.findDuplicates', { surname: 'Darcy' })).toMatchObject([
      { reference: 'ND1' },
    ]);
    await expect(
      app.call('households.createHousehold', {
        enquiryDate: '2026-01-10',
        firstName: 'Anne',
        surname: 'Brontë',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message:
        'This looks like a household already held (same name and close enquiry dates): NB1 Anne Bronte. Check it, or save anyway if it is a different household.',
    });
    expect(
      await nearMatchesOfImport(
        app,
        typed.map(([first, surname]) => `10/01/2026,${first},${surname}`),
      ),
    ).toEqual([
      [2, 'NB1', 'same name and close enquiry dates'],
      [3, 'NO1', 'same name and close enquiry dates'],
      [4, 'NS1', 'same name and close enquiry dates'],
      [5, 'NV1', 'same name and close enquiry dates'],
      [6, 'NK1', 'same name and close enquiry dates'],
    ]);
  });

  it('says a household with no enquiry date has none to compare, by hand and by import', async () => {
    // A carers register's household has an approval and no enquiry: "close enquiry dates" said
    // what was not so (helper-245, helper-249).
    const app = await testApp({ today: '2026-12-07' });
    const register = join(app.dir, 'register.csv');
    writeFileSync(register, 'Carer No,First Name,Surname,Approval Date\r\nFC104,Ann,Ash,05/01/2024\r\n');
    await app.call('imports.importFile', { path: register });
    expect(
      await app.call('households.findDuplicates', {
        firstName: 'Ann',
        surname: 'Ash',
        enquiryDate: '2026-11-02',
      }),
    ).toMatchObject([{ reference: 'FC104', why: 'name_undated' }]);
    await expect(
      app.call('households.createHousehold', { enquiryDate: '2026-11-02', firstName: 'Ann', surname: 'Ash' }),
    ).rejects.toThrow(
      'This looks like a household already held (same name, no enquiry date to compare): FC104',
    );
    expect(await nearMatchesOfImport(app, ['02/11/2026,Ann,Ash'])).toEqual([
      [2, 'FC104', 'same name, no enquiry date to compare'],
    ]);
  });
});
