import { expect, it } from 'vitest';
import { addSmallFixture } from '../integration/reports/fixture.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// A manager going through a quarter's drop-outs household by household: a figure opens its
// households, one opens its record, and Back must find the table as it was left, not the
// recruitment table of the last five years (the screen kept its options nowhere but in memory).
describeE2E('Reports screen: the table and its options kept in the address', () => {
  const e2e = useE2E((app) => addSmallFixture(app.ctx.store.db));

  it('finds the table as it was left after Back from a household a figure opened, and after a reload', async () => {
    const page = await e2e.open('#/reports?table=dropout');
    await page.locator('#report-main').waitFor();
    const options = page.getByRole('form', { name: 'Report options' });
    await options.getByLabel('From').selectOption('2022/23');
    await options.getByLabel('To', { exact: true }).selectOption('2022/23');
    await options.getByLabel('Quarters').check();
    await options.getByLabel('Pathway').selectOption('all');
    const meta = page.locator('.report-meta');
    await expect
      .poll(() => meta.textContent())
      .toBe('2022/23 (1 April 2022 to 31 March 2023), by quarter · All pathways');

    // H2 lost contact at enquiry on 01/07/2022; its figure opens it, by keyboard.
    await page.getByRole('button', { name: /^1: Lost contact \/ no response, 2022\/23 Q2: Enquiry/ }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: /Households behind/ });
    const link = panel.getByRole('link', { name: 'H2' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^H2/ }).waitFor();

    await page.goBack();
    await expect
      .poll(() => meta.textContent())
      .toBe('2022/23 (1 April 2022 to 31 March 2023), by quarter · All pathways');
    expect(await options.getByLabel('Quarters').isChecked()).toBe(true);
    expect(await options.getByLabel('Pathway').inputValue()).toBe('all');
    expect(await page.locator('#report-main th').nth(1).textContent()).toBe('2022/23 Q1: Enquiry');
    expect(await axeViolations(page)).toEqual([]);

    // A reload too; and the Reports link starts the screen afresh, as the address then says.
    await page.reload();
    await expect
      .poll(() => meta.textContent())
      .toBe('2022/23 (1 April 2022 to 31 March 2023), by quarter · All pathways');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await expect.poll(() => page.locator('#report-title').textContent()).toBe('Recruitment of foster carers');
    expect(await options.getByLabel('Quarters').isChecked()).toBe(false);
    await page.close();
  });
});
