import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// An officer types a name without its accents or apostrophe: "bronte" finds the Brontës and
// "oshea" the O'Sheas, as the names are written on their records.
describeE2E('the households search, typed without accents', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-06',
      firstName: 'Anne',
      surname: 'Brontë',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-07',
      firstName: 'Zoë',
      surname: "O'Shea",
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-08',
      firstName: 'Dee',
      surname: 'Moss',
    });
  });

  it('finds "Brontë" by "bronte" and "O\'Shea" by "oshea"', async () => {
    const page = await e2e.open('#/households');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('3 households');
    await page.getByLabel('Search').fill('bronte');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 household');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Anne Brontë' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Search').fill('zoe oshea');
    await expect.poll(() => page.getByRole('row').filter({ hasText: "Zoë O'Shea" }).count()).toBe(1);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Anne Brontë' }).count()).toBe(0);
    expect(await page.getByRole('status').first().textContent()).toContain('1 household');
    await page.close();
  });
});
