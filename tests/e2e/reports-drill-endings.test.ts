import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ENDINGS_TODAY, endingsWithInterviews } from '../integration/planning/endings-fixture.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

const panelOf = (page: Page) => page.getByRole('region', { name: /^Households behind/ });

/** The open list's rows, each as its cells' text. */
const rows = (page: Page) =>
  panelOf(page)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));

/**
 * The households behind the Reports screen's drop-outs and cessations said who, not when or why:
 * a manager had to open each record to learn the date, the reason and who ended a closure, and
 * what the household said at the exit interview held (the reasons given and whether they might
 * return), which the table's "what they said" rows count.
 */
describeE2E("Reports' lists of endings in Chromium", () => {
  const e2e = useE2E(endingsWithInterviews, { today: ENDINGS_TODAY });

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
      'Said at exit interview',
      'Might return later',
    ]);
    const d1 = [
      'D1',
      'Dropped out at Stage 1',
      '01/08/2025',
      'Counselled out',
      'Service ended it',
      'Assessment process was not as the applicant expected; Unable to continue for financial reasons',
      'Yes',
    ];
    expect((await rows(page)).map((r) => [r[0], ...r.slice(4)])).toEqual([d1]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('lists behind a "what applicants said" figure each household with what it said', async () => {
    const page = await e2e.open('#/reports?table=dropout&from=2025/26&to=2025/26');
    await page
      .getByRole('button', { name: /^1: Reason given: Unable to continue for financial reasons, Stage 1/ })
      .click();
    // After the closure's own reason and who ended it.
    await expect
      .poll(async () => (await rows(page)).map((r) => [r[0], ...r.slice(6)]))
      .toEqual([
        [
          'D1',
          'Counselled out',
          'Service ended it',
          'Assessment process was not as the applicant expected; Unable to continue for financial reasons',
          'Yes',
        ],
      ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('gives each cessation behind the leaving table its date, reason and what a held interview said', async () => {
    const page = await e2e.open('#/reports?table=leaving&from=2025/26&to=2025/26');
    await page
      .getByRole('button', { name: /^1: Transfer to an independent fostering agency, 2025\/26/ })
      .click();
    await expect
      .poll(async () => (await rows(page)).map((r) => [r[0], ...r.slice(4)]))
      .toEqual([
        [
          'C1',
          'Ceased to foster',
          '03/09/2025',
          'Transfer to an independent fostering agency',
          'Dissatisfied with quality of service',
          'No',
        ],
      ]);
    await page.getByRole('button', { name: 'Close list' }).click();
    // C2's interview was declined: the reason ticked on its form is not what it said.
    await page
      .getByRole('button', { name: /^2: Total, 2025\/26/ })
      .first()
      .click();
    await expect
      .poll(async () => (await rows(page)).map((r) => [r[0], ...r.slice(7)]))
      .toEqual([
        ['C1', 'Dissatisfied with quality of service', 'No'],
        ['C2', '', ''],
      ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("gives each cessation behind the retention table's ceased row what a held interview said", async () => {
    const page = await e2e.open('#/reports?table=retention&from=2025/26&to=2025/26');
    await page
      .getByRole('button', { name: /^2: Households that ceased during the period, 2025\/26/ })
      .click();
    const panel = panelOf(page);
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('2 households.');
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
    // As the leaving table's list: C2's interview was declined, so nothing is said.
    expect((await rows(page)).map((r) => [r[0], ...r.slice(4)])).toEqual([
      [
        'C1',
        'Ceased to foster',
        '03/09/2025',
        'Transfer to an independent fostering agency',
        'Dissatisfied with quality of service',
        'No',
      ],
      [
        'C2',
        'Ceased to foster',
        '20/10/2025',
        'Personal circumstances e.g. separation, bereavement, retirement',
        '',
        '',
      ],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
