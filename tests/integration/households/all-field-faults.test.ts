import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import type { ApiError } from '../../../src-main/contract/errors.ts';

// Add household said one wrong field a Save: the email, then, once mended, the telephone number
// (found by a review in Chromium). The core's refusal now names every field at fault, each with its
// own words, the first as before (`field` and the message the CLI prints).
describe('a refusal of several fields', () => {
  it('names each with its fault; one field alone is refused as before', async () => {
    const app = await testApp();
    const both = app.call('households.createHousehold', {
      enquiryDate: '2026-11-20',
      surname: 'Okafor',
      email: 'not-an-email',
      telephone: '12',
    });
    await expect(both).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'email',
      message: expect.stringMatching(/^email: "not-an-email" is not an email address/),
      issues: [
        { field: 'email', message: expect.stringMatching(/^"not-an-email" is not an email address/) },
        { field: 'telephone', message: expect.stringMatching(/^"12" is not a UK telephone number/) },
      ],
    });
    const one = await app
      .call('households.createHousehold', { enquiryDate: '2026-11-20', surname: 'Okafor', telephone: '12' })
      .then(
        () => null,
        (e: unknown) => e as ApiError,
      );
    // One field: the body is as it was, with no list.
    expect(one?.toJSON()).toEqual({
      code: 'invalid_input',
      field: 'telephone',
      message: expect.stringMatching(/^telephone: "12" is not a UK telephone number/),
    });
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
  });
});
