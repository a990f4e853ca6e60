import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addSmallFixture } from '../integration/reports/fixture.ts';
import { describeE2E, useE2E } from './harness.ts';

/** The focused element's accessible name as a screen reader hears it ('lost' when on the page's body). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'lost';
    return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });

// A report author working by keyboard, or with a screen reader, on the Reports screen.
describeE2E('Reports screen by keyboard', () => {
  const e2e = useE2E((app) => addSmallFixture(app.ctx.store.db));

  it("gives focus back to the number pressed when its households' list is closed", async () => {
    const page = await e2e.open('#/reports');
    const number = page.locator('#report-main .cell-button').first();
    await number.focus();
    const name = await focused(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^Households behind: /);
    await page.locator('.drill-panel p[role=status]').filter({ hasText: 'household' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Close list');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.drill-panel').count()).toBe(0);
    // Focus had fallen to the page's body: the next Tab started again at "Skip to main content".
    expect(await focused(page)).toBe(name);
    await page.close();
  });
});
