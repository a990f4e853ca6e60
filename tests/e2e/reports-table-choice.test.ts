import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addSmallFixture } from '../integration/reports/fixture.ts';
import { describeE2E, useE2E } from './harness.ts';

/** Records what the Reports screen's live line says from now on. */
const listen = (page: Page) =>
  page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const live = document.querySelector('.report-live')!;
    new MutationObserver(() => said.push(live.textContent ?? '')).observe(live, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
const heard = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { said: string[] }).said.filter((s) => s.startsWith('Table ready')),
  );

// helper-276's keyboard walk: closed, a select takes each arrow key as a choice (Chromium on
// Windows and Linux), so arrowing from the first table to the fourth worked out and announced the
// three between ("Working out the table…", "Table ready: …" each time).
describeE2E('Reports screen: the Table choice by arrow keys', () => {
  const e2e = useE2E((app) => addSmallFixture(app.ctx.store.db));

  it('works out only the table the arrows rest on, or the one Enter or Tab leaves', async () => {
    const asked: string[] = [];
    const page = await e2e.open('#/reports?table=funnel', {
      before: (p) =>
        p.on('request', (r) => r.url().includes('/api/reports.getTable') && asked.push(r.postData()!)),
    });
    await expect.poll(() => page.locator('#report-title').textContent()).toBe('Recruitment of foster carers');
    await listen(page);
    asked.length = 0;
    const choice = page.getByLabel('Table', { exact: true });
    await choice.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    // The box says each table passed; the screen waits for the arrows to rest.
    expect(await choice.inputValue()).toBe('leaving');
    await expect.poll(() => page.locator('#report-title').textContent()).toMatch(/ceased to foster/);
    expect(asked.map((a) => JSON.parse(a).table)).toEqual(['leaving']);
    expect(await heard(page)).toEqual([
      expect.stringMatching(/^Table ready: Approved households that ceased/),
    ]);
    // Enter takes the choice at once (and opens the list, which Escape closes), as does leaving the box.
    const address = () => page.evaluate(() => location.hash);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(address, { timeout: 300 }).toContain('table=dropout');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await expect.poll(address, { timeout: 300 }).toContain('table=cohort');
    await expect.poll(() => page.locator('#report-title').textContent()).toMatch(/^Cohort conversion/);
    await page.close();
  });
});
