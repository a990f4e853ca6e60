import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addEndings, ENDINGS_TODAY } from '../integration/planning/endings-fixture.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

const panelOf = (page: Page) => page.getByRole('region', { name: /^Households behind/ });

/** The open list's rows, each as its cells' text. */
const rows = (page: Page) =>
  panelOf(page)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));

/**
 * The households behind the Reports screen's drop-outs and cessations said who, not when or why:
 * a manager had to open each record to learn the date, the reason and who ended a closure.
 */
describeE2E("Reports' lists of endings in Chromium", () => {
  const e2e = useE2E((app) => addEndings(app.ctx.store.db), { today: ENDINGS_TODAY });

  it("gives a drop-out's date, stage, reason in the service's words and who ended it", async () => {
    const page = await e2e.open('#/reports?table=dropout&from=2025/26&to=2025/26');
    await page.getByRole('button', { name: /^1: Counselled out, Stage 1/ }).click();
    const panel = panelOf(page);
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('1 household.');
    expect(await panel.locator('thead th').allTextContents()).toEqual([
      'Reference',
      'Name',
      'Stage now',
      'Status',
      'Counted as',
      'Date',
      'Reason',
      'Ended by',
    ]);
    expect((await rows(page)).map((r) => [r[0], ...r.slice(4)])).toEqual([
      ['D1', 'Dropped out at Stage 1', '01/08/2025', 'Counselled out', 'Service ended it'],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('gives each cessation behind the leaving table its date and reason', async () => {
    const page = await e2e.open('#/reports?table=leaving&from=2025/26&to=2025/26');
    await page
      .getByRole('button', { name: /^1: Transfer to an independent fostering agency, 2025\/26/ })
      .click();
    await expect
      .poll(async () => (await rows(page)).map((r) => [r[0], ...r.slice(4)]))
      .toEqual([['C1', 'Ceased to foster', '03/09/2025', 'Transfer to an independent fostering agency']]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
