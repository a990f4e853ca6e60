import { expect, it } from 'vitest';
import { addSmallFixture } from '../integration/reports/fixture.ts';
import { describeE2E, useE2E } from './harness.ts';

/**
 * The households behind a number say where each is now in the words the household list uses
 * (domain/stages.ts CURRENT_STAGE_LABELS, STATUS_LABELS), not the stored keys: a ceased carer's
 * stage and status both read "Ceased", an approved one's "Approved"; then what it was counted for
 * and its date (1b60148 added those columns after them).
 */
describeE2E('drill-down labels in Chromium', () => {
  const e2e = useE2E((app) => addSmallFixture(app.ctx.store.db));

  it('names a ceased household’s stage and status as the household list does', async () => {
    const page = await e2e.open('#/reports?table=retention');
    await page.locator('#report-main').waitFor();
    await page.getByLabel('From', { exact: true }).selectOption('2022/23');
    await page.getByLabel('To', { exact: true }).selectOption('2024/25');
    // H5 ceased on 1 April 2023 (2023/24).
    await page
      .getByRole('button', { name: /^1: Households that ceased during the period, 2023\/24/ })
      .click();
    const panel = page.getByRole('region', { name: /Households behind/ });
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('1 household');
    const row = panel.locator('tbody tr');
    await expect
      .poll(async () => (await row.locator('td').allTextContents()).slice(2, 6))
      .toEqual(['Ceased', 'Ceased', 'Ceased to foster', '01/04/2023']);
    await page.close();
  });
});
