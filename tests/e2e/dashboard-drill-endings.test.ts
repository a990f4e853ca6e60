import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ENDINGS_TODAY, endingsWithInterviews } from '../integration/planning/endings-fixture.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** The open list's rows, each as its cells' text (a cell's lines joined by " / "). */
const rows = (page: Page) =>
  page
    .getByRole('region', { name: /^Households behind/ })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) =>
          td.children.length > 1 ? [...td.children].map((c) => c.textContent).join(' / ') : td.textContent,
        ),
      ),
    );

/**
 * The households behind Home's net change and drop-outs said who, not what they were counted for:
 * a manager saw 4 households behind a net change of +1 and had to open each record to learn which
 * had left, when and why, and what a drop-out said at the exit interview held (as the Reports
 * screen's list of drop-outs says).
 */
describeE2E("Home's lists of endings in Chromium", () => {
  const e2e = useE2E(endingsWithInterviews, { today: ENDINGS_TODAY });

  it('says what each household behind the net change was counted for, when, why, and what a leaver said at the exit interview held', async () => {
    const page = await e2e.open('#/');
    await page.getByRole('button', { name: /^Net change.*, 2025\/26 to date: 1\./i }).click();
    const panel = page.getByRole('region', { name: /^Households behind/ });
    // What the net change adds up: 4 households, as A1, A2 and C2 approved less C1 and C2 ceased.
    await expect
      .poll(() => panel.getByRole('status').textContent())
      .toBe(
        '4 households. 3 approved and 2 ceased to foster: net change +1. 1 household was both, listed once.',
      );
    expect(await panel.locator('thead th').allTextContents()).toEqual([
      'Reference',
      'Name',
      'Stage now',
      'Status',
      'Counted as',
      'Date',
      'Reason',
      'Said at exit interview',
      'Might return later',
    ]);
    // C1's interview was held; C2's declined, so it says nothing; an approval has none.
    expect((await rows(page)).map((r) => r.slice(4))).toEqual([
      ['Approved', '10/06/2025', '', '', ''],
      ['Approved', '01/07/2025', '', '', ''],
      [
        'Ceased to foster',
        '03/09/2025',
        'Transfer to an independent fostering agency',
        'Dissatisfied with quality of service',
        'No',
      ],
      [
        'Approved / Ceased to foster',
        '02/05/2025 / 20/10/2025',
        ' / Personal circumstances e.g. separation, bereavement, retirement',
        ' / ',
        ' / ',
      ],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("gives a drop-out's date, stage, reason in the service's words and what its held interview said", async () => {
    const page = await e2e.open('#/');
    await page.getByRole('button', { name: /^Drop-outs, Counselled out: 1\./i }).click();
    await expect
      .poll(async () => (await rows(page)).map((r) => [r[0], ...r.slice(4)]))
      .toEqual([
        [
          'D1',
          'Dropped out at Stage 1',
          '01/08/2025',
          'Counselled out',
          'Assessment process was not as the applicant expected; Unable to continue for financial reasons',
          'Yes',
        ],
      ]);
    const panel = page.getByRole('region', { name: /^Households behind/ });
    expect(await panel.locator('thead th').allTextContents()).toEqual([
      'Reference',
      'Name',
      'Stage now',
      'Status',
      'Counted as',
      'Date',
      'Reason',
      'Said at exit interview',
      'Might return later',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
