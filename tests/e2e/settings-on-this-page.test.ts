import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName } from './keyboard.ts';

const TARGETS = 'section[aria-labelledby="planning-title"]';

/**
 * Key presses from the screen's start (focus on main, as on opening it) until focus is inside the
 * Targets section: Tab, and Enter where focus is on a link to it, as a keyboard user goes.
 */
async function pressesToTargets(page: Page, max = 250): Promise<number> {
  await page.locator('#main').focus();
  for (let presses = 1; presses <= max; presses++) {
    const onLink = (await focusedName(page)) === 'Targets and comparators';
    await page.keyboard.press(onLink ? 'Enter' : 'Tab');
    if (await page.evaluate((s) => !!document.activeElement?.closest(s), TARGETS)) return presses;
  }
  throw new Error(`Targets not reached in ${max} key presses.`);
}

/**
 * Settings is one long screen: a keyboard user pressed Tab some 140 times, through every reason,
 * timescale and category, to reach the targets. "On this page" lists its sections first.
 */
describeE2E('Settings: On this page', () => {
  const e2e = useE2E();

  it('reaches the Targets section in a handful of key presses', async () => {
    const page = await e2e.open('#/settings');
    await page.getByLabel(/^Target: Number of initial enquiries, /).waitFor();
    await page.getByRole('heading', { name: 'Your data' }).waitFor();
    const presses = await pressesToTargets(page);
    expect(presses).toBeLessThanOrEqual(12);
    // Enter put focus on the section's heading; the next Tab goes on into the section.
    await page.locator('#main').focus();
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Database');
    await page.getByRole('link', { name: 'Targets and comparators' }).press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('planning-title');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/settings');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("links every section's heading, by its own words, in the screen's order", async () => {
    const page = await e2e.open('#/settings');
    await page.getByLabel(/^Target: Number of initial enquiries, /).waitFor();
    await page.getByRole('heading', { name: 'Children in care profile' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'On this page' });
    const links = await nav.getByRole('link').allTextContents();
    const headings = await page
      .locator('#main h2')
      .evaluateAll((hs) => hs.filter((h) => !h.closest('nav')).map((h) => h.textContent));
    expect(links).toEqual(headings);
    for (const name of links) {
      await nav.getByRole('link', { name, exact: true }).press('Enter');
      expect(
        await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.textContent]),
      ).toEqual(['H2', name]);
    }
    await page.close();
  });
});
