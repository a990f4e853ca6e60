import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { checkTypedTelephone, tidyTelephone } from '../../../src-main/domain/telephone.ts';
import { ukPostcode } from '../../../src-main/domain/postcode.ts';
import { testApp } from '../../support/temp.ts';
import { writeWorkbook } from '../imports/fixtures.ts';
import { join } from 'node:path';

// Email and telephone typed by hand were stored exactly as typed: "amira.example.org" as an email,
// "+44 7700 900123" beside an imported "07700 900123" (so the two never matched). They are now
// checked where every hand edit comes in (the contract's input, whichever door), and a UK
// number is stored in the one form an import gives it.
async function refusal(p: Promise<unknown>): Promise<{ field?: string | undefined; message: string }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return { field: (e as ApiError).field, message: (e as ApiError).message };
}

describe('email and telephone typed by hand', () => {
  it('refuses an email that is not one and a telephone number that is not one, naming the field', async () => {
    const app = await testApp();
    const add = (over: Record<string, unknown>) =>
      app.call('households.createHousehold', { enquiryDate: '2026-01-05', surname: 'Khan', ...over });
    expect(await refusal(add({ email: 'amira.example.org' }))).toEqual({
      field: 'email',
      message:
        'email: "amira.example.org" is not an email address: type it as name@example.org, with no spaces.',
    });
    expect(await refusal(add({ email: 'amira @example.org' }))).toMatchObject({ field: 'email' });
    expect(await refusal(add({ telephone: 'ring after 5' }))).toEqual({
      field: 'telephone',
      message:
        'telephone: "ring after 5" is not a telephone number: type its digits, e.g. 07700 900123, or + and the country code for a number abroad.',
    });
    // A UK number a digit short.
    expect(await refusal(add({ telephone: '07700 90012' }))).toEqual({
      field: 'telephone',
      message:
        'telephone: "07700 90012" is not a UK telephone number: one has 11 digits starting with 0 (10 for a few), e.g. 07700 900123, or + and the country code for a number abroad.',
    });
    expect(await refusal(add({ telephone: '+44 7700 9001234' }))).toMatchObject({ field: 'telephone' });
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
  });

  it('stores a UK number as an import does, another country’s as typed, and an extension', async () => {
    const app = await testApp();
    const cases: Array<[string, string]> = [
      ['+44 (0)7700 900123', '07700 900123'],
      ['0113-496-0000', '0113 496 0000'],
      ['7700900123', '07700 900123'],
      ['020 7946 0000 ext 214', '020 7946 0000 ext 214'],
      ['+33 1 23 45 67 89', '+33 1 23 45 67 89'],
      ['0033  1 23 45 67 89', '0033 1 23 45 67 89'],
    ];
    for (const [i, [typed, stored]] of cases.entries()) {
      const { id } = await app.call('households.createHousehold', {
        enquiryDate: '2026-01-05',
        surname: `Case ${i}`,
        telephone: typed,
        email: `case${i}@example.org`,
        // Cases 0 and 2 are one number: saved anyway, past the duplicate check by telephone.
        confirmDuplicates: true,
      });
      expect((await app.call('households.getHousehold', { id })).telephone).toBe(stored);
    }
    // The import's own rule: a UK number typed by hand and read from a file end the same.
    for (const [typed, stored] of cases.slice(0, 3)) expect(tidyTelephone(typed)).toBe(stored);
  });

  it('checks an edit of the details too, and leaves fields not sent alone', async () => {
    const app = await testApp();
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      surname: 'Lee',
    });
    expect(await refusal(app.call('households.updateDetails', { id, email: 'lee@example' }))).toMatchObject({
      field: 'email',
    });
    expect(await refusal(app.call('households.updateDetails', { id, telephone: '123' }))).toMatchObject({
      field: 'telephone',
    });
    const r = await app.call('households.updateDetails', {
      id,
      email: 'lee@example.org',
      telephone: '+447700900123',
    });
    expect([r.email, r.telephone]).toEqual(['lee@example.org', '07700 900123']);
    // Emptied: nothing to check.
    const cleared = await app.call('households.updateDetails', { id, email: null, telephone: '' });
    expect([cleared.email, cleared.telephone]).toEqual([null, null]);
  });

  // "ZZ1 !!" was stored as typed (helper-237), where an import tidies a postcode.
  it('refuses a postcode that is not one, naming the field, and stores one as an import does', async () => {
    const app = await testApp();
    const add = (surname: string, postcode: string) =>
      app.call('households.createHousehold', { enquiryDate: '2026-01-05', surname, postcode });
    expect(await refusal(add('Khan', 'ZZ1 !!'))).toEqual({
      field: 'postcode',
      message: 'postcode: "ZZ1 !!" is not a UK postcode: type it as BD1 1AA (or its first half alone, BD1).',
    });
    expect(await refusal(add('Khan', '12345'))).toMatchObject({ field: 'postcode' });
    expect(await refusal(add('Khan', 'BD1 1A'))).toMatchObject({ field: 'postcode' });
    // A postcode sector is not a district: "M1 7" is not M17 (helper-240).
    expect(await refusal(add('Khan', 'M1 7'))).toMatchObject({ field: 'postcode' });
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
    const cases: Array<[string, string]> = [
      ['bd11aa', 'BD1 1AA'],
      [' sw1a  2aa ', 'SW1A 2AA'],
      ['m1 1ae', 'M1 1AE'],
      ['ec1a1bb', 'EC1A 1BB'],
      ['ls6', 'LS6'],
    ];
    for (const [i, [typed, stored]] of cases.entries()) {
      const { id } = await add(`Case ${i}`, typed);
      expect((await app.call('households.getHousehold', { id })).postcode).toBe(stored);
      // The import's own rule: a postcode typed by hand and read from a file end the same.
      expect(ukPostcode(typed.trim())).toBe(stored);
    }
    const { id } = await add('Lee', 'LS1 1AA');
    expect(await refusal(app.call('households.updateDetails', { id, postcode: 'LS1 1A!' }))).toMatchObject({
      field: 'postcode',
    });
    expect((await app.call('households.updateDetails', { id, postcode: null })).postcode).toBeNull();
  });

  it('leaves what an import accepts as it was: a cell is warned about or kept, never refused', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'odd.xlsx'), {
      Sheet1: [
        ['Reference', 'Enquiry Date', 'Surname', 'Email', 'Telephone', 'Postcode'],
        ['OD1', '05/01/2026', 'Odd', 'odd.example.org', 'ring after 5', 'zz1 !!'],
        ['OD2', '05/01/2026', 'Even', 'even@example.org', '07700 900123', 'bd11aa'],
        ['OD3', '05/01/2026', 'Sector', 'sector@example.org', '07700 900124', 'm1 7'],
        // One digit short (helper-245: it replaced a good number without a word); abroad is a number.
        ['OD4', '05/01/2026', 'Short', 'short@example.org', '0770090012', 'BD1 1AA'],
        ['OD5', '05/01/2026', 'Abroad', 'abroad@example.org', '+33 1 42 68 53 00', 'BD1 1AA'],
      ],
    });
    const result = await app.call('imports.importFile', { path: file });
    expect([result.new, result.rejected]).toEqual([5, 0]);
    expect(result.warnings).toEqual([
      { row: 2, column: 'Email', message: '"odd.example.org" does not look like an email address.' },
      {
        row: 2,
        column: 'Postcode',
        message: '"zz1 !!" does not look like a UK postcode; kept as written, in capitals.',
      },
      {
        row: 2,
        column: 'Telephone',
        message:
          '"ring after 5" is not a telephone number: type its digits, e.g. 07700 900123, or + and the country code for a number abroad. Kept as written.',
      },
      {
        row: 4,
        column: 'Postcode',
        message: '"m1 7" does not look like a UK postcode; kept as written, in capitals.',
      },
      {
        row: 5,
        column: 'Telephone',
        message:
          '"0770090012" is not a UK telephone number: one has 11 digits starting with 0 (10 for a few), e.g. 07700 900123, or + and the country code for a number abroad. Kept as written.',
      },
    ]);
    expect(
      app.ctx.store.db
        .prepare("SELECT telephone FROM households WHERE reference IN ('OD4', 'OD5') ORDER BY reference")
        .pluck()
        .all(),
    ).toEqual(['0770090012', '+33 1 42 68 53 00']);
    expect(
      app.ctx.store.db
        .prepare("SELECT email, telephone, postcode FROM households WHERE reference = 'OD1'")
        .get(),
    ).toEqual({ email: 'odd.example.org', telephone: 'ring after 5', postcode: 'ZZ1 !!' });
    expect(
      app.ctx.store.db.prepare("SELECT postcode FROM households WHERE reference = 'OD2'").pluck().get(),
    ).toBe('BD1 1AA');
    expect(
      app.ctx.store.db.prepare("SELECT postcode FROM households WHERE reference = 'OD3'").pluck().get(),
    ).toBe('M1 7');
    expect(checkTypedTelephone('ring after 5').ok).toBe(false);
    expect(tidyTelephone('ring after 5')).toBe('ring after 5');
  });

  it('keeps a good number held where a re-import brings one that is not a number, and says so', async () => {
    // helper-245: "0770090012", a digit short, replaced a good stored number, which was then lost.
    const app = await testApp();
    const sheet = (phones: [string, string, string]) =>
      writeWorkbook(join(app.dir, `phones-${phones.join('-').replace(/\W/g, '')}.xlsx`), {
        Sheet1: [
          ['Reference', 'Enquiry Date', 'Surname', 'Telephone'],
          ['TP1', '05/01/2026', 'Good', phones[0]],
          ['TP2', '05/01/2026', 'Bad', phones[1]],
          ['TP3', '05/01/2026', 'Moved', phones[2]],
        ],
      });
    await app.call('imports.importFile', { path: sheet(['07700 900123', 'ring after 5', '07700 900125']) });
    const again = await app.call('imports.importFile', {
      path: sheet(['0770090012', 'ring after 6', '0113 496 0000']),
    });
    const phones = () =>
      app.ctx.store.db.prepare('SELECT telephone FROM households ORDER BY reference').pluck().all();
    // The good number stays; a number that was not one already is replaced as written; a good one by a good one.
    expect(phones()).toEqual(['07700 900123', 'ring after 6', '0113 496 0000']);
    expect(again.warnings.map((w) => [w.row, w.column, w.message.replace(/^.*\. (Kept)/, '$1')])).toEqual([
      [2, 'Telephone', 'Kept the number held, 07700 900123.'],
      [3, 'Telephone', 'Kept as written.'],
    ]);
    expect(again.warnings[0]!.message).toMatch(/^"0770090012" is not a UK telephone number: /);
    expect([again.updated, again.unchanged]).toEqual([2, 1]);
  });
});
