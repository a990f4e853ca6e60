import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { refreshSummaries } from '../../src-main/db/queries/summary.ts';
import { addHousehold } from '../integration/reports/fixture.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** Wednesday: an enquiry of yesterday is to be answered today, one of today tomorrow. */
const TODAY = '2025-11-26';

async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(
      () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
    );
    if (label.startsWith(name)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describeE2E("Home's alerts due in the next 7 days, in Chromium", () => {
  const e2e = useE2E(
    (app) => {
      const db = app.ctx.store.db;
      const ids = db.transaction(() =>
        Array.from({ length: 12 }, (_, i) =>
          addHousehold(db, {
            reference: `D${String(i + 1).padStart(2, '0')}`,
            episodes: [{ milestones: { enquiry: i < 6 ? '2025-11-25' : TODAY } }],
          }),
        ),
      )();
      refreshSummaries(db, ids, TODAY);
    },
    { today: TODAY },
  );

  it('lists the soonest alerts with their households and dates, opens them all from the keyboard, axe-clean', async () => {
    const page = await e2e.open('');
    const panel = page.getByRole('region', { name: 'Alerts due in the next 7 days' });
    await expect.poll(() => panel.getByRole('listitem').count()).toBe(10);
    expect(await panel.getByRole('listitem').first().textContent()).toBe(
      'D01 Test D01: Respond to the enquiry, due 26/11/2025 (today)',
    );
    expect(await panel.getByRole('listitem').last().textContent()).toBe(
      'D10 Test D10: Respond to the enquiry, due 27/11/2025',
    );
    expect(await panel.textContent()).toContain('with an alert due from today to 02/12/2025');
    expect(await panel.textContent()).toContain('The 10 soonest of 12.');
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'Households with an alert due by 02/12/2025: 12');
    await page.keyboard.press('Enter');
    const drill = page.getByRole('region', { name: /Households behind/ });
    await expect.poll(() => drill.getByRole('status').textContent()).toContain('12 households');
    expect(await drill.getByRole('link').allTextContents()).toContain('D12');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Close list');
    await page.keyboard.press('Enter');
    await expect.poll(() => drill.count()).toBe(0);

    await tabTo(page, 'Show all 12');
    await page.keyboard.press('Enter');
    await expect.poll(() => drill.getByRole('status').textContent()).toContain('12 households');
    await tabTo(page, 'Close list');
    await page.keyboard.press('Enter');

    await tabTo(page, 'D01');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /D01/ }).waitFor();
    await page.close();
  });
});
