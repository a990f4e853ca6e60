import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** The main table's header row and each row's cells, as the screen shows them. */
const tableText = (page: Page, id = '#report-main') =>
  page
    .locator(id)
    .evaluate((t) =>
      [...t.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
    );

// A manager reporting this year by quarter on 26/11/2026 (the suite's clock): Q3 in progress, Q4 to come.
describeE2E('Reports screen: quarters not yet started', () => {
  const e2e = useE2E(async (app) => {
    await app.call('system.generateSample', { households: 400, seed: 1 });
  });

  it('shows a quarter to come blank and marked, the quarter in progress "to date", and says so under the table', async () => {
    const page = await e2e.open('#/reports?table=funnel&from=2026/27&to=2026/27&quarterly=1');
    await expect.poll(async () => (await tableText(page))[0]).toContain('2026/27 Q4 (not yet started)');
    const [heads, ...rows] = await tableText(page);
    expect(heads!.slice(1)).toEqual([
      '2026/27 Q1',
      '2026/27 Q2',
      '2026/27 Q3 (to date)',
      '2026/27 Q4 (not yet started)',
    ]);
    // Every row's Q4 cell is empty (no 0, no rate, no "–"), and no figure there opens households.
    for (const row of rows) expect(row[4], row[0]).toBe('');
    expect(await page.getByRole('button', { name: /2026\/27 Q4/ }).count()).toBe(0);
    const notes = await page.locator('#report-main-notes li').allTextContents();
    expect(notes).toEqual([
      'To date: the period in progress on 26/11/2026; its figures run to that day, not to the period’s end.',
      'Not yet started: a period that starts after 26/11/2026, the day this table was produced; its cells are left blank, as nothing can be counted in it yet (not 0, and no rate).',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    // The chart draws nothing for Q4: no bar, no place on its axis (its table view says the same).
    await page.getByRole('button', { name: 'Table view' }).click();
    await expect.poll(() => page.locator('.chart-table caption').textContent()).toContain('chart data');
    const periods = await page.locator('.chart-table tbody th').allTextContents();
    expect(periods.map((p) => p.trim())).toEqual(['2026/27 Q1', '2026/27 Q2', '2026/27 Q3 (to date)']);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('names under the backtest’s accuracy figures the years they leave out, and why', async () => {
    const page = await e2e.open('#/reports?table=forecast-backtest&from=2021/22&to=2026/27');
    const notes = page.locator('#report-accuracy-notes li');
    const note = notes.first();
    await expect.poll(() => notes.count()).toBeGreaterThan(0);
    expect(await note.textContent()).toMatch(
      /^Left out of these figures: 2021\/22 to 20\d\d\/\d\d, as the records begin on \d\d\/\d\d\/2021: .*; 2026\/27, as it has not ended\.$/,
    );
    // After it, only the line saying how few years are compared (on the clock's date, one or none).
    for (const more of (await notes.allTextContents()).slice(1))
      expect(more).toMatch(/^These figures rest on \d+ years? compared only: too few/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
