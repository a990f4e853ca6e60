import { expect, it } from 'vitest';
import { fourAtPanel } from '../integration/reports/forecast-pipeline.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// Home read "3.9 expected (80% range 4 to 4)" (the range now "likely range (8 in 10 chance)"): the mean outside its own range. The expected
// approvals are whole now, on Home and in the forecast table, as the range counts them. A range
// whose ends are the same read "4 to 4", as though a figure had been typed twice: it says "exactly 4".
describeE2E('the forecast’s headline in Chromium', () => {
  const e2e = useE2E((app) => fourAtPanel(app.ctx.store.db), { today: '2026-11-26' });

  it('shows the expected approvals inside their range, on Home and in the report', async () => {
    const page = await e2e.open('#/');
    const panel = page.getByRole('region', { name: 'Approvals forecast (mainstream)' });
    await panel.getByText('expected in 2026/27, likely range').waitFor();
    expect((await panel.locator('.dash-headline').textContent())?.trim()).toMatch(
      /^4 expected in 2026\/27, likely range \(8 in 10 chance\) exactly 4/,
    );
    expect(await panel.getByRole('row', { name: /2026\/27 Q3/ }).textContent()).toBe(
      '2026/27 Q3 (from 27/11/2026)4exactly 4',
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(page.url().replace(/#.*$/, '#/reports?table=forecast'));
    const expected = page.getByRole('row', { name: /^Expected approvals/ }).first();
    await expected.waitFor();
    expect(await expected.textContent()).toMatch(/^Expected approvals4/);
    expect(await page.getByText('rounded to whole approvals as the range counts them').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
