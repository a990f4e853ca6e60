import { expect, it } from 'vitest';
import { addHousehold } from '../integration/reports/fixture.ts';
import { oneLeftOutOneAtPanel } from '../integration/reports/forecast-pipeline.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// helper-230: with no history behind the open pipeline, Home and the forecast table printed
// 0 expected approvals, as if the records said none would come. Now Home says *No forecast* (with no on-track status) and
// the reason, and the table's rows are "–" with the same line under it.
describeE2E('a forecast with no history behind it, in Chromium', () => {
  const e2e = useE2E(
    (app) => {
      addHousehold(app.ctx.store.db, {
        reference: 'E1',
        episodes: [{ milestones: { enquiry: '2026-10-01' } }],
      });
    },
    { today: '2026-11-26' },
  );

  it('says there is no forecast, and why, on Home and under the report table', async () => {
    const page = await e2e.open('#/');
    const panel = page.getByRole('region', { name: 'Approvals forecast (mainstream)' });
    await panel.locator('.dash-headline').waitFor();
    expect((await panel.locator('.dash-headline').textContent())?.trim()).toBe('No forecast for 2026/27');
    await panel.getByText('Households now at Enquiry are not in this forecast').waitFor();
    expect((await panel.getByText('Approved so far:').textContent())?.replace(/\s+/g, ' ')).toBe(
      'Approved so far: 0; no forecast can be made from the 1 open household.',
    );
    expect(await panel.getByRole('table').count()).toBe(0);
    expect(await panel.locator('.track').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(page.url().replace(/#.*$/, '#/reports?table=forecast'));
    const expected = page.getByRole('row', { name: /^Expected approvals/ }).first();
    await expected.waitFor();
    expect(await expected.textContent()).toMatch(/^Expected approvals–/);
    await page
      .locator('#report-main-notes')
      .getByText('There is no forecast until the records hold')
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describeE2E('a forecast that leaves some open households out, in Chromium', () => {
  const e2e = useE2E((app) => oneLeftOutOneAtPanel(app.ctx.store.db), { today: '2026-11-26' });

  it('counts the households it is made from against all the open ones', async () => {
    const page = await e2e.open('#/');
    const panel = page.getByRole('region', { name: 'Approvals forecast (mainstream)' });
    await panel.locator('.dash-headline strong').waitFor();
    expect((await panel.getByText('Approved so far:').textContent())?.replace(/\s+/g, ' ')).toBe(
      'Approved so far: 0; forecast from 1 of the 2 open households.',
    );
    await panel.getByText('plus the forecast for the other open households only.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
