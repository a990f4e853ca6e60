import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/**
 * A report author at 1400×1000 (helper-270): the Ofsted return of the year in progress, headed
 * "Mainstream (to date)", "Family and friends (to date)" and "All (to date)", was squeezed beside its
 * chart into 700 px: its All column lay past the edge of its box, and its row labels ran to 5–8
 * lines. A table now takes the width its figures and labels need, its chart below where both do
 * not fit side by side.
 */
const main = (page: Page) =>
  page.evaluate(() => {
    const table = document.querySelector('#report-main')!;
    const box = table.closest('.report-table-wrap')!.getBoundingClientRect();
    const all = [...table.querySelectorAll('thead th')].at(-1)!;
    const cell = all.getBoundingClientRect();
    // A label's lines: its text's height over the line height.
    const lines = [...table.querySelectorAll('tbody th')].map((th) => {
      const text = document.createRange();
      text.selectNodeContents(th);
      return Math.round(text.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight));
    });
    return {
      heading: all.textContent,
      inBox: cell.left >= box.left && cell.right <= box.right + 0.5 && cell.right <= window.innerWidth,
      mostLines: Math.max(...lines),
    };
  });

describeE2E('the Ofsted return at 1400×1000', () => {
  const e2e = useE2E(
    async (app) => {
      await app.call('system.generateSample', { households: 400, seed: 1 });
    },
    { today: '2026-11-28' },
  );

  it('shows its All column whole, and its row labels in at most three lines', async () => {
    const page = await e2e.open('#/reports?table=ofsted');
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.locator('#report-main caption').waitFor();
    expect(await main(page)).toMatchObject({ heading: 'All', inBox: true });

    const options = page.getByRole('form', { name: 'Report options' });
    await options.getByLabel('Financial year').selectOption('2026/27');
    await expect.poll(async () => (await main(page)).heading).toBe('All (to date)');
    expect(await main(page)).toMatchObject({ inBox: true });
    expect((await main(page)).mostLines).toBeLessThanOrEqual(3);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
