import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** Counts, from now, the changes to the line's content (its words replaced, added or taken away). */
const watch = (line: Locator) =>
  line.evaluate((el) => {
    const w = window as unknown as { lineChanges: number };
    w.lineChanges = 0;
    new MutationObserver((records) => (w.lineChanges += records.length)).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
const changes = (page: Page) =>
  page.evaluate(() => (window as unknown as { lineChanges: number }).lineChanges);

// A manager moving a reason two places down the list, by keyboard, hearing each move said. The
// second "Moved … down." was the same words as the first: the status line was left as it was, and a
// screen reader (which reads a live region when its content changes) said nothing.
describeE2E('Settings: the same outcome twice is said twice', () => {
  const e2e = useE2E(async () => {});

  it('replaces the status line’s words when a second move says what the first did', async () => {
    const first = (await e2e.app.call('reasons.listReasons', { list: 'dropout' }))[0]!.label;
    const page = await e2e.open('#/settings');
    const section = page.getByRole('region', { name: 'Drop-out reasons (applicants)' });
    const down = section.getByRole('button', { name: `Move ${first} down` });
    const line = section.getByRole('status');
    const moved = `Moved “${first}” down.`;
    await down.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => line.textContent()).toBe(moved);
    await watch(line);
    await down.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await e2e.app.call('reasons.listReasons', { list: 'dropout' }))[2]!.label)
      .toBe(first);
    await expect.poll(() => changes(page)).toBeGreaterThan(0);
    expect(await line.textContent()).toBe(moved);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
