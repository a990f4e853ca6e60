import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { addHouseholdsDue } from './households-due.ts';
import { focusedName } from './keyboard.ts';

const DUE = 30;

/** Tab presses from the retention hint's Settings link to Erase…, taking every "Skip past" offered. */
async function pressesToErase(page: Page): Promise<number> {
  await page.locator('p.hint a[href="#/settings"]').focus();
  for (let presses = 1; presses <= 200; presses++) {
    const name = await focusedName(page);
    if (name?.startsWith('Erase personal details of')) return presses;
    await page.keyboard.press(name?.startsWith('Skip past') ? 'Enter' : 'Tab');
  }
  throw new Error('Erase… was not reached in 200 key presses.');
}

// A data protection lead working by keyboard: every household due is a link (to its record), and
// Erase… comes after them all, so it was as many Tab presses away as there were households due.
describeE2E('Purge screen: past a long list of households by keyboard', () => {
  const e2e = useE2E((app) => addHouseholdsDue(app, DUE));

  it('offers a link past the households due, so Erase… is a few keys away', async () => {
    const page = await e2e.open('#/purge');
    const erase = page.getByRole('button', { name: /^Erase personal details of/ });
    await erase.waitFor();
    expect(await page.locator('.purge-table a').count()).toBe(DUE);
    expect(await pressesToErase(page)).toBeLessThan(5);
    // Taken, it leaves focus on the list's end (said), and the next Tab is Erase….
    await page.getByRole('link', { name: `Skip past the ${DUE} households due` }).focus();
    await page.keyboard.press('Enter');
    expect(await focusedName(page)).toBe('End of the households due');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe(`Erase personal details of ${DUE} households…`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
