import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ENDINGS_TODAY, endingsWithInterviews } from '../integration/planning/endings-fixture.ts';
import { describeE2E, useE2E } from './harness.ts';

/** The open list's heading. */
const heading = (page: Page) =>
  page.getByRole('region', { name: /^Households behind/ }).getByRole('heading', { level: 2 });

/**
 * A list behind a figure on Reports was headed by the row and column alone: "Households behind:
 * Total, Total" in the leaving table, "Total, 2025/26 Q2: Total" in the drop-out table by quarter,
 * with no table and no period, where Home's say "Drop-outs in 2026/27: Lost contact / no response".
 * Each now says the table, the period and the row (and a column that is not the period).
 */
describeE2E("Reports' list headings in Chromium", () => {
  const e2e = useE2E(endingsWithInterviews, { today: ENDINGS_TODAY });

  it('heads the leaving table’s grand total with the table and the whole range, not "Total, Total"', async () => {
    const page = await e2e.open('#/reports?table=leaving&from=2024/25&to=2025/26');
    await page
      .locator('#report-main')
      .getByRole('button', { name: /^2: Total, Total\./ })
      .click();
    await expect
      .poll(() => heading(page).textContent())
      .toBe(
        'Households behind: Approved households that ceased to foster, by reason for leaving, from 2024/25 to 2025/26',
      );
    await page.close();
  });

  it('heads the drop-out table’s figures with the table, the quarter, the reason and the stage', async () => {
    const page = await e2e.open('#/reports?table=dropout&from=2025/26&to=2025/26&quarterly=1');
    const table = 'Households behind: Applicants who dropped out, by reason and stage reached';
    const main = page.locator('#report-main');
    await main.getByRole('button', { name: /^1: Total, 2025\/26 Q2: Total\./ }).click();
    await expect.poll(() => heading(page).textContent()).toBe(`${table}, in 2025/26 Q2`);
    await main.getByRole('button', { name: /^1: Counselled out, 2025\/26 Q2: Stage 1\./ }).click();
    await expect
      .poll(() => heading(page).textContent())
      .toBe(`${table}, in 2025/26 Q2: Counselled out, Stage 1`);
    await page.close();
  });
});
