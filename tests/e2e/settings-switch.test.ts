import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

/** The "Used" figure Settings shows beside the drop-out reason "Lost contact / no response". */
const lostContactUsed = (page: Page) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('textbox', { name: 'Label for Lost contact / no response' }) })
    .locator('td.num') // the Used column
    .textContent();

// Switching database from Settings, by keyboard: the rest of the screen must then show the new file.
describeE2E('switching to sample data and back in Settings', () => {
  const e2e = useE2E(async (app) => {
    // The real file's own timescale, which the sample file does not share.
    const { thresholds } = await app.call('alerts.getThresholds', {});
    await app.call('alerts.setThresholds', { ...thresholds, initialVisitWorkingDays: 3 });
  });

  it('shows the sample file’s reasons and settings, says what happened, and keeps focus', async () => {
    const page = await e2e.open('#/settings');
    await page.getByRole('heading', { name: 'Alert timescales' }).waitFor();
    await expect.poll(() => page.getByLabel('Initial visit within (working days)').inputValue()).toBe('3');
    expect(await lostContactUsed(page)).toBe('0');

    await tabTo(page, 'Try with sample data');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('main').getByRole('status').first().textContent(), { timeout: 20_000 })
      .toMatch(/^Now showing sample data/);
    // Focus stays where the person was, not on the page's body.
    await expect.poll(() => page.evaluate(() => document.activeElement !== document.body)).toBe(true);
    // The reasons' use and the timescales are the sample file's, as a fresh Settings screen shows them.
    await expect.poll(() => lostContactUsed(page)).not.toBe('0');
    await expect
      .poll(() => page.getByLabel('Initial visit within (working days)').inputValue())
      .not.toBe('3');
    const shown = await lostContactUsed(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Alert timescales' }).waitFor();
    await expect.poll(() => lostContactUsed(page)).toBe(shown);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'Return to my data');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('main').getByRole('status').first().textContent())
      .toMatch(/^Back to your data/);
    await expect.poll(() => page.evaluate(() => document.activeElement !== document.body)).toBe(true);
    await expect.poll(() => page.getByLabel('Initial visit within (working days)').inputValue()).toBe('3');
    await expect.poll(() => lostContactUsed(page)).toBe('0');
    await page.close();
  });
});
