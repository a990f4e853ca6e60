import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp } from '../../support/temp.ts';

// Save pressed twice on an empty Add household form stored FF000001 and FF000002, each "(no name)":
// nothing a person or next month's export could find it by. A household is identified by its
// reference, a name or an email (domain/household-details.ts), the rule an import's rows already
// follow; one typed with none of them is refused, naming its first name, and nothing is stored.
describe('a household typed with nothing to identify it', () => {
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => {
        expect(e).toBeInstanceOf(ApiError);
        return { field: (e as ApiError).field, message: (e as ApiError).message };
      },
    );

  it('is refused, naming the first name, and nothing is stored', async () => {
    const app = await testApp();
    const count = () => app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get();
    const empty = {
      reference: null,
      enquiryDate: '2026-01-05',
      firstName: null,
      surname: null,
      email: null,
      telephone: null,
      postcode: null,
      source: null,
      householdType: null,
      notes: null,
    };
    const expected = {
      field: 'firstName',
      message:
        'firstName: Type a name, an email or a reference: a household with none of them cannot be identified.',
    };
    expect(await refusal(app.call('households.createHousehold', empty))).toEqual(expected);
    expect(
      await refusal(app.call('households.createHousehold', { ...empty, confirmDuplicates: true })),
    ).toEqual(expected);
    // Spaces are no name; a telephone number or a postcode alone identifies no one either.
    expect(
      await refusal(
        app.call('households.createHousehold', {
          ...empty,
          firstName: '  ',
          surname: ' ',
          reference: ' ',
          telephone: '07700 900123',
          postcode: 'LS1 1AA',
        }),
      ),
    ).toEqual(expected);
    expect(count()).toBe(0);

    // Any one of them is enough.
    for (const one of [
      { surname: 'Khan' },
      { firstName: 'Amira' },
      { email: 'a@example.org' },
      { reference: 'CRM9' },
    ])
      await app.call('households.createHousehold', { ...empty, ...one, confirmDuplicates: true });
    expect(count()).toBe(4);
  });

  it('leaves an import as it was: a row with a reference and no name is imported, one with neither refused', async () => {
    const app = await testApp();
    const path = app.file(
      'enquiries.csv',
      'Reference,Enquiry Date,First Name,Surname,Email,Telephone\n' +
        'R1,03/03/2026,,,,07700 900111\n' +
        ',04/03/2026,,,,07700 900222\n' +
        ',05/03/2026,Bo,,,\n',
    );
    const r = await app.call('imports.importFile', { path });
    expect(r.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'Reference',
        message: 'No reference, name or email: the household cannot be identified.',
      }),
    ]);
    expect(
      app.ctx.store.db.prepare('SELECT reference FROM households ORDER BY id').pluck().all(),
    ).toHaveLength(2);
  });
});
