import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeE2E, useE2E } from './harness.ts';
import { addHouseholdsDue } from './households-due.ts';
import { tabTo } from './keyboard.ts';

/** What has keyboard focus: 'lost' when it fell to the page's body (the next Tab starts at the top). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'lost';
    return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  });

// The Purge screen with one household past its retention period.
describeE2E('Purge screen with one household due, in Chromium', () => {
  const e2e = useE2E((app) => addHouseholdsDue(app, 1));

  it('says "1 household", not "1 households", on the button and in its question', async () => {
    const page = await e2e.open('#/purge');
    const erase = page.getByRole('button', { name: /^Erase personal details of/ });
    await erase.waitFor();
    expect(await erase.textContent()).toBe('Erase personal details of 1 household…');
    await erase.click();
    expect(await page.getByRole('group', { name: 'Confirm purge' }).textContent()).toContain(
      'Erase the personal details of 1 household?',
    );
    await page.close();
  });

  it('moves focus into the question when it opens and back to Erase… after Cancel or Escape, by keyboard', async () => {
    const page = await e2e.open('#/purge');
    await page.getByRole('button', { name: /^Erase personal details of/ }).waitFor();
    await tabTo(page, /^Erase personal details of/);
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Confirm purge' }).waitFor();
    // Cancel, not Yes, erase: Enter pressed twice erases nothing.
    expect(await focused(page)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Erase personal details of/ }).waitFor();
    expect(await focused(page)).toMatch(/^Erase personal details of/);
    // Escape cancels it too (it did nothing), focus back on Erase….
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Confirm purge' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Erase personal details of/ }).waitFor();
    expect(await page.getByRole('group', { name: 'Confirm purge' }).count()).toBe(0);
    expect(await focused(page)).toMatch(/^Erase personal details of/);
    expect(await e2e.app.call('data.listPurgeDue', {})).toMatchObject({ households: [{ id: 1 }] });
    await page.close();
  });
});
