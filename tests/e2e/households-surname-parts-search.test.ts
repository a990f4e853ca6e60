import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// A caller says "Mrs Jones": the officer types "jones" and finds Mrs Smith-Jones too, and "berg"
// finds the Van den Bergs, each as the name is written on the record.
describeE2E('the households search, by a later part of a surname', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-06',
      firstName: 'Mary',
      surname: 'Smith-Jones',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-07',
      firstName: 'Pieter',
      surname: 'Van den Berg',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-08',
      firstName: 'Dee',
      surname: 'Moss',
    });
  });

  it('finds "Smith-Jones" by "jones" and "Van den Berg" by "berg"', async () => {
    const page = await e2e.open('#/households');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('3 households');
    await page.getByLabel('Search').fill('jones');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 household');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Mary Smith-Jones' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Search').fill('berg');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Pieter Van den Berg' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Mary Smith-Jones' }).count()).toBe(0);
    expect(await page.getByRole('status').first().textContent()).toContain('1 household');
    await page.close();
  });
});
