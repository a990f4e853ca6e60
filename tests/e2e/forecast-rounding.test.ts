import { expect, it } from 'vitest';
import { twoAtFourInTen } from '../integration/reports/forecast-pipeline.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// Each quarter's expected approvals is rounded on its own (0 and 0), as is the year's (1): Home
// says why its quarters and the approvals so far do not add up to the year's figure.
describeE2E("Home's quarters against the year's forecast, in Chromium", () => {
  const e2e = useE2E((app) => twoAtFourInTen(app.ctx.store.db), { today: '2026-11-26' });

  it('says where the rounded quarters do not add up to the year', async () => {
    const page = await e2e.open('#/');
    const panel = page.getByRole('region', { name: 'Approvals forecast (mainstream)' });
    await panel.getByRole('table', { name: 'Expected approvals by quarter' }).waitFor();
    expect((await panel.locator('.dash-headline strong').textContent())?.trim()).toBe('1');
    await panel
      .getByText(
        'Each figure is rounded on its own, so the approvals so far and 2026/27’s quarters add up to 0, not 1.',
      )
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
