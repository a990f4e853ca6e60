import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// The count above the households list counted every pathway beside a list filtered to one, and
// said nothing of it: "4 households with an overdue alert, among 17 open households" over a
// mainstream list of 3 overdue and 9 open (helper-264). It follows the list's pathway now.
describeE2E("the households list's overdue count and the pathway filter, in Chromium", () => {
  const e2e = useE2E(
    async (app) => {
      const add = (surname: string, pathway: 'mainstream' | 'kinship', enquiryDate: string) =>
        app.call('households.createHousehold', { surname, pathway, enquiryDate });
      await add('Ahmed', 'mainstream', '2026-11-02');
      await add('Brown', 'mainstream', '2026-11-03');
      // Friday's enquiry, to be answered by Monday: open, not overdue.
      await add('Clarke', 'mainstream', '2026-11-27');
      await add('Davies', 'kinship', '2026-11-02');
      await add('Evans', 'kinship', '2026-11-27');
    },
    { today: '2026-11-28' },
  );

  it("counts the list's pathway and says which, or says it is every pathway; Show overdue keeps the pathway", async () => {
    const page = await e2e.open('#/households');
    const banner = page.getByRole('complementary', { name: 'Alerts' });
    const said = () => banner.locator('p').first().textContent();
    await expect
      .poll(said)
      .toBe('3 households with an overdue alert, among 5 open households (all pathways). Show overdue');
    await page.getByLabel('Pathway').selectOption('mainstream');
    await expect
      .poll(said)
      .toBe('2 households with an overdue alert, among 3 open households (mainstream pathway). Show overdue');
    expect(await banner.getByRole('listitem').allTextContents()).toEqual(['Respond to the enquiry: 2']);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Pathway').selectOption('kinship');
    await expect
      .poll(said)
      .toBe('1 household with an overdue alert, among 2 open households (kinship pathway). Show overdue');
    await banner.getByRole('button', { name: 'Show overdue' }).click();
    // The list it opens is the one counted: kinship's overdue households, the pathway still chosen.
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 household');
    expect(await page.getByLabel('Pathway').inputValue()).toBe('kinship');
    expect(await page.getByLabel('Overdue alert only').isChecked()).toBe(true);
    expect(await page.getByRole('row').nth(1).textContent()).toContain('Davies');
    await expect.poll(said).toContain('(kinship pathway)');

    await page.getByLabel('Pathway').selectOption('');
    await expect
      .poll(said)
      .toContain('3 households with an overdue alert, among 5 open households (all pathways).');
    await page.close();
  });
});
