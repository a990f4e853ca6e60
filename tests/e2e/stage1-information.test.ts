import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

// Keyboard only, at the suite's day (26/11/2026). Dates are typed as eight digits (06112026).
describeE2E('all Stage 1 information obtained, on the household record, by keyboard', () => {
  const e2e = useE2E(async (app) => {
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-09-01',
      firstName: 'Ruth',
      surname: 'Okafor',
    });
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2026-09-15' });
    await app.call('households.recordMilestone', { id, kind: 'stage1', date: '2026-10-01' });
    // Before its Stage 1 start: nothing of the step to offer.
    await app.call('households.createHousehold', { enquiryDate: '2026-11-20', surname: 'Early' });
  });

  it('records the date, and the Stage 1 decision alert shows, overdue after 10 working days', async () => {
    const early = await e2e.open('#/household?id=2');
    await early.getByRole('heading', { level: 1, name: /FF000002/ }).waitFor();
    expect(await early.getByRole('region', { name: 'Journey dates' }).count()).toBe(0);
    await early.close();

    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Ruth Okafor/ }).waitFor();
    const section = page.getByRole('region', { name: 'Journey dates' });
    await expect.poll(() => section.textContent()).toContain('No journey dates recorded yet.');
    // At Stage 1, before any panel: the step offered first, and the only one.
    expect(await page.getByLabel('Step', { exact: true }).locator('option').allTextContents()).toEqual([
      'Stage 1 information complete',
    ]);
    await tabTo(page, 'Step date');
    await page.keyboard.type('06112026');
    await tabTo(page, 'Record journey date');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        e2e.app.ctx.store.db
          .prepare('SELECT kind, date, source FROM journey_dates WHERE household_id = 1')
          .all(),
      )
      .toEqual([{ kind: 'stage1_information', date: '2026-11-06', source: 'hand' }]);
    // Friday 06/11/2026 and 10 working days: Friday 20/11/2026, passed by the 26th.
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await expect.poll(() => alerts.textContent()).toContain('Overdue Stage 1 decision due: due 20/11/2026');
    await expect
      .poll(() => section.getByRole('table').textContent())
      .toContain('Stage 1 information complete');
    expect(await section.getByRole('table').textContent()).toContain('06/11/2026');
    expect(await axeViolations(page)).toEqual([]);

    // The households list's overdue filter finds it, with the alert named.
    await page.goto(page.url().replace(/#.*$/, '#/households?overdue=1'));
    await expect.poll(() => page.getByRole('table').first().textContent()).toContain('Stage 1 decision due');
    await page.close();
  });
});
