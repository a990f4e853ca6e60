import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

// What the screens say, read as a person reads it: plain British English, no field keys, no "1 days".
describeE2E('messages on the screens', () => {
  const e2e = useE2E(async (app) => {
    const today = app.ctx.today();
    const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    await app.call('households.createHousehold', {
      enquiryDate: yesterday,
      firstName: 'Ola',
      surname: 'Ade',
    });
    await app.call('households.createHousehold', {
      enquiryDate: yesterday,
      firstName: 'Kim',
      surname: 'Lo',
      pathway: 'kinship',
    });
  });

  it('Reports: a From year after the To year is refused in words, without the field key, axe-clean', async () => {
    const page = await e2e.open('#/reports');
    await page.locator('#report-main caption').waitFor();
    await tabTo(page, 'From');
    await page.keyboard.press('Home'); // the latest year
    await tabTo(page, 'To');
    await page.keyboard.press('End'); // the earliest year
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toMatch(
      /^The From year \(\d{4}\/\d{2}\) is after the To year \(\d{4}\/\d{2}\): choose a From year no later than \d{4}\/\d{2}, or a To year no earlier than \d{4}\/\d{2}\.$/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('Households: one household is "1 household", and one day in a stage is "1 day"', async () => {
    const page = await e2e.open('#/households?pathway=mainstream');
    await expect.poll(() => page.locator('.hh-count').textContent()).toBe('1 household');
    await page.getByRole('link', { name: 'Pipeline' }).click();
    await expect
      .poll(() => page.getByRole('listitem').filter({ hasText: 'FF000001' }).textContent())
      .toMatch(/ 1 day \(since \d\d\/\d\d\/\d{4}\)/);
    await page.close();
  });

  it('Home says which pathway its pipeline, forecast and drop-outs count, as the Households pipeline does', async () => {
    const page = await e2e.open('#/');
    const pipeline = page.getByRole('region', { name: 'Open pipeline by stage (mainstream)' });
    await expect.poll(() => pipeline.getByRole('listitem').first().textContent()).toBe('Enquiry1');
    expect(
      await page.getByRole('region', { name: 'Approvals forecast (mainstream)', exact: true }).count(),
    ).toBe(1);
    expect(
      await page.getByRole('region', { name: /^Top drop-out reasons, \d{4}\/\d{2} \(mainstream\)$/ }).count(),
    ).toBe(1);
    // The Households pipeline counts every pathway unless told: 2 at Enquiry, 1 of them mainstream.
    await page.goto(page.url().replace(/#.*$/, '') + '#/households?view=pipeline');
    await expect.poll(() => page.locator('#pipe-enquiry').textContent()).toBe('Enquiry 2');
    await page.getByLabel('Pathway').selectOption('mainstream');
    await expect.poll(() => page.locator('#pipe-enquiry').textContent()).toBe('Enquiry 1');
    await page.close();
  });

  it('Purge states a retention period of one year as "1 year", not "1 year(s)"', async () => {
    const page = await e2e.open('#/purge');
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('enquirers who never applied 1 year after closure;');
    await page.close();
  });

  it('a household’s timeline gives its times on the UK clock, dd/mm/yyyy hh:mm, as the backups do', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001/ }).waitFor();
    await expect
      .poll(() => page.locator('.hh-timeline .hh-when').first().textContent())
      .toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await page.close();
  });
});
