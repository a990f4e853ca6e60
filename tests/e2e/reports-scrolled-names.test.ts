import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** Where a table's caption text and its first row heading stand against its scroll box, in px. */
const places = (wrap: Locator) =>
  wrap.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const caption = el.querySelector('caption .caption-text')!.getBoundingClientRect();
    const heading = el.querySelector('tbody th')!.getBoundingClientRect();
    return {
      captionIn: caption.left >= box.left - 1 && caption.right <= box.right + 1,
      headingAtLeft: Math.abs(heading.left - box.left) <= 1,
    };
  });

/** Shift+Tab from a row's last figure to its first: the figures the row's heading covered as focus reached them. */
async function coveredGoingBack(page: Page, row: Locator): Promise<string[]> {
  const figures = row.locator('button.cell-button');
  const count = await figures.count();
  expect(count).toBeGreaterThan(2);
  await figures.last().focus();
  const covered: string[] = [];
  for (let i = 0; i < count; i++) {
    const under = await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      const heading = focused.closest('tr')!.querySelector('th')!.getBoundingClientRect();
      return focused.getBoundingClientRect().left < heading.right - 1
        ? focused.getAttribute('aria-label')
        : null;
    });
    if (under) covered.push(under);
    await page.keyboard.press('Shift+Tab');
  }
  return covered;
}

// helper-276's keyboard walk at 200 % zoom (640 px): a table a little wider than the screen
// scrolls in its own box, and tabbing far right scrolled its name and its rows' names out of
// view, so the figures reached were figures of nothing said. Only a table of many columns held them.
describeE2E('Reports screen: a table scrolled sideways keeps its names in view', () => {
  const e2e = useE2E(async (app) => {
    await app.call('system.generateSample', { households: 300, seed: 7 });
  });

  it('holds the caption and the row headings at the box’s left, any table, axe-clean', async () => {
    const page = await e2e.open('#/reports?table=funnel');
    await page.setViewportSize({ width: 640, height: 800 });
    await page.locator('#report-main').waitFor();
    const wrap = page.getByRole('region', { name: /^Recruitment of foster carers,/ });
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await places(wrap)).toEqual({ captionIn: true, headingAtLeft: true });
    // Its last figure reached by Tab: the box scrolls to it, the names stay.
    await wrap.locator('tbody tr').first().locator('button.cell-button').last().focus();
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(20);
    expect(await places(wrap)).toEqual({ captionIn: true, headingAtLeft: true });
    // Its accessible name is still its caption's.
    expect(await page.getByRole('table', { name: /^Recruitment of foster carers,/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('brings a figure reached by Shift+Tab out from under the row headings', async () => {
    // The diversity table's 15 columns, whose row headings were held before: a figure reached going
    // back was scrolled to the box's left edge, under them (WCAG 2.4.11).
    const page = await e2e.open('#/reports?table=diversity');
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.locator('#report-main .cell-button').first().waitFor();
    const rows = page.locator('#report-main tbody tr');
    const most = await rows.evaluateAll((trs) => {
      const counts = trs.map((tr) => tr.querySelectorAll('button.cell-button').length);
      return counts.indexOf(Math.max(...counts));
    });
    expect(await coveredGoingBack(page, rows.nth(most))).toEqual([]);
    await page.close();
  });
});
