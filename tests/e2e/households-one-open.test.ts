import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// The count above the list, worded for one: a service's first enquiry, its answer overdue.
describeE2E('the households list with one open household', () => {
  const e2e = useE2E(async (app) => {
    // Not answered, not visited: two alerts overdue, one household.
    await app.call('households.createHousehold', { enquiryDate: '2026-11-02', surname: 'Hughes' });
  });

  it('says "1 household with an overdue alert, among 1 open household"', async () => {
    const page = await e2e.open('#/households');
    const dashboard = page.getByRole('complementary', { name: 'Alerts' });
    await expect
      .poll(() => dashboard.textContent())
      .toContain('1 household with an overdue alert, among 1 open household (all pathways).');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
