import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName } from './keyboard.ts';

/** Tab presses from the Table choice to the chart's Table view button, taking every "Skip" offered. */
async function pressesToChart(page: Page): Promise<number> {
  await page.getByLabel('Table', { exact: true }).focus();
  for (let presses = 1; presses <= 1500; presses++) {
    const name = await focusedName(page);
    if (name === 'Table view') return presses;
    await page.keyboard.press(name?.startsWith('Skip past') ? 'Enter' : 'Tab');
  }
  throw new Error('The Table view button was not reached in 1,500 key presses.');
}

// A report author working by keyboard through a large table (the diversity table: five years of
// three cohorts, every figure a button) to the chart and the definitions below it.
describeE2E('Reports screen: past a large table by keyboard', () => {
  const e2e = useE2E(async (app) => {
    await app.call('system.generateSample', { households: 600, seed: 7 });
  });

  it('offers before each large table a way past its figures, so the chart is a few keys away', async () => {
    const page = await e2e.open('#/reports?table=diversity');
    await expect.poll(() => page.locator('#report-title').textContent()).toContain('Diversity');
    await page.locator('.report-chart svg').first().waitFor();
    const figures = await page.locator('.cell-button').count();
    expect(figures).toBeGreaterThan(500);
    // Each table's own way past it, named by its figures; every figure still a Tab stop for those who want them.
    const skips = page.getByRole('link', { name: /^Skip past / });
    expect(await skips.count()).toBe(await page.locator('.report-table').count());
    expect(await pressesToChart(page)).toBeLessThan(40);
    // Taken, it leaves focus just after its table: the next Tab is the next table's way past.
    await skips.first().focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toMatch(
      /^Skip past the [\d,]+ figures of Ethnicity \(ONS 2021 categories\)$/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
