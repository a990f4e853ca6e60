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
      return job.preview!.nearMatches.map((m) => [m.row, m.matchReference, m.why]);
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
});
