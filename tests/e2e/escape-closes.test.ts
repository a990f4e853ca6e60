import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ENDINGS_TODAY, endingsWithInterviews } from '../integration/planning/endings-fixture.ts';
import { describeE2E, useE2E } from './harness.ts';

/** The accessible name of what has keyboard focus ('lost' for the page's body). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return !el || el === document.body
      ? 'lost'
      : (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });

// Escape did nothing in a list of households opened from a number, nor in Restore…'s and Erase…'s
// questions: only their Close list or Cancel buttons closed them (found by a review in Chromium).
// Escape now closes each, and focus goes back to what opened it, as the button does.
describeE2E('Escape closes a list or a question shown in the page', () => {
  const e2e = useE2E(endingsWithInterviews, { today: ENDINGS_TODAY });

  it("closes Home's list of households, focus back on its number", async () => {
    const page = await e2e.open('#/');
    const number = page.getByRole('button', { name: /^Net change.*, 2025\/26 to date: 1\./i });
    await number.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: /^Households behind/ });
    await panel.waitFor();
    // From inside the list (its first record's link), as from its heading.
    await panel.getByRole('link').first().focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await expect.poll(() => focusedName(page)).toMatch(/^Net change/);
    await page.close();
  });

  it("cancels Restore…'s question, focus back on its Restore… button", async () => {
    await e2e.app.call('data.backupNow', {});
    const page = await e2e.open('#/settings');
    const restore = page.getByRole('button', { name: /^Restore the backup made/ }).first();
    await restore.focus();
    await page.keyboard.press('Enter');
    const question = page.getByRole('group', { name: /^Replace the current data with this backup\?/ });
    await question.waitFor();
    expect(await focusedName(page)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => question.count()).toBe(0);
    await expect.poll(() => focusedName(page)).toMatch(/^Restore the backup made/);
    await page.close();
  });
});
