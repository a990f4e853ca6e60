import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addClosures } from '../integration/reports/fixture.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/**
 * Home's top drop-out reasons when reasons tie with the fifth: each one tied is listed, numbered
 * by its rank and marked joint, or, when too many tie to list, counted in one line whose number
 * opens their households. Read in Chromium from the keyboard; axe-clean either way.
 */
const TODAY = '2025-11-26';

/** Presses Tab until the focused element's accessible name starts with `name` (at most 60 presses). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    if (label.startsWith(name)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Each row of the panel's list as it reads: its number, then its text. */
const rows = (page: Page) =>
  page
    .getByRole('region', { name: 'Top drop-out reasons, 2025/26 (mainstream)' })
    .locator('ol > li')
    .evaluateAll((lis) => lis.map((li) => `${(li as HTMLLIElement).value}. ${li.textContent ?? ''}`));

describeE2E('Home’s top drop-out reasons, tied with the fifth, in Chromium', () => {
  const e2e = useE2E(
    (app) => {
      // List order: not_as_expected, process, circumstances, financial, …, housing, …, lost_contact.
      addClosures(app.ctx.store.db, 'D', {
        housing: 3,
        lost_contact: 2,
        not_as_expected: 2,
        process: 1,
        circumstances: 1,
        financial: 1,
      });
      return Promise.resolve();
    },
    { today: TODAY },
  );

  it('lists every reason with as many as the fifth, joint, each opening its households', async () => {
    const page = await e2e.open('');
    const panel = page.getByRole('region', { name: 'Top drop-out reasons, 2025/26 (mainstream)' });
    await panel.getByRole('button', { name: /^Drop-outs, Household circumstances changed: 1\./ }).waitFor();
    // Five listed left the financial reason off, below one with as many.
    expect(await rows(page)).toEqual([
      '1. No spare bedroom / housing: 3',
      '2. Fostering was not as the applicant expected: 2 (joint)',
      '2. Lost contact / no response: 2 (joint)',
      '4. Assessment process was not as the applicant expected: 1 (joint)',
      '4. Household circumstances changed: 1 (joint)',
      '4. Unable to continue for financial reasons: 1 (joint)',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Drop-outs, Unable to continue for financial reasons: 1');
    await page.keyboard.press('Enter');
    const drill = page.getByRole('region', { name: /Households behind/ });
    await expect.poll(() => drill.getByRole('link').allTextContents()).toEqual(['D10']);
    await page.close();
  });

  it('counts too many tied with the fifth in one line, whose number opens their households', async () => {
    addClosures(e2e.app.ctx.store.db, 'E', { allegations_risk: 1, other: 1 });
    const page = await e2e.open('');
    const panel = page.getByRole('region', { name: 'Top drop-out reasons, 2025/26 (mainstream)' });
    const more = panel.getByText(/^And 5 more reasons/);
    await more.waitFor();
    expect(await more.textContent()).toBe('And 5 more reasons with 1 drop-out each, 5 in all');
    expect(await rows(page)).toEqual([
      '1. No spare bedroom / housing: 3',
      '2. Fostering was not as the applicant expected: 2 (joint)',
      '2. Lost contact / no response: 2 (joint)',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Drop-outs, the 5 more reasons with 1 drop-out each: 5');
    await page.keyboard.press('Enter');
    const drill = page.getByRole('region', { name: /Households behind/ });
    await expect
      .poll(async () => (await drill.getByRole('link').allTextContents()).sort())
      .toEqual(['D10', 'D8', 'D9', 'E1', 'E2']);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
