import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

/** The visible outline (or ring) of the focused control: keyboard users must see where they are. */
const focusShows = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    return (cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px') || cs.boxShadow !== 'none';
  });

// A carer resigns: the officer records the cessation and the exit interview, by keyboard alone.
describeE2E('a leaving carer, by keyboard alone', () => {
  const e2e = useE2E(async (app) => {
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2023-05-02',
      firstName: 'Grace',
      surname: 'Okafor',
    });
    for (const [kind, date] of [
      ['eoi', '2023-05-20'],
      ['stage1', '2023-06-01'],
      ['stage2', '2023-09-01'],
      ['panel', '2024-02-05'],
      ['approval', '2024-02-12'],
    ] as const)
      await app.call('households.recordMilestone', { id: h.id, kind, date });
  });
  const db = () => e2e.app.ctx.store.db;

  it('records the cessation, says so in words, and holds the exit interview', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Grace Okafor/ }).waitFor();
    await tabTo(page, 'Leaving reason');
    await page.keyboard.type('Personal');
    await tabTo(page, 'Date fostering ends');
    await page.keyboard.type('02/11/2026');
    await tabTo(page, 'Record cessation');
    expect(await focusShows(page)).toBe(true);
    await page.keyboard.press('Enter');
    // Not "is now ceased at Ceased".
    await expect.poll(() => focusedName(page)).toBe('Saved. FF000001 has ceased fostering.');
    // Nor "Ceased · Ceased since …" above it.
    expect(await page.locator('.hh-summary').textContent()).toMatch(/^Ceased · since 02\/11\/2026 · /);
    expect(await axeViolations(page)).toEqual([]);

    const interview = 'form[aria-label^="Exit interview"]';
    await tabTo(page, 'Offered', 60, interview);
    await page.keyboard.press('ArrowRight'); // Offered → Held
    await expect.poll(() => focusedName(page, interview)).toBe('Held');
    await tabTo(page, 'Held on', 10, interview);
    await page.keyboard.type('05/11/2026');
    await tabTo(page, 'Held by', 5, interview);
    await page.keyboard.type('J. Patel');
    await tabTo(page, 'Personal circumstances e.g. separation, bereavement, retirement', 20, interview);
    await page.keyboard.press('Space');
    await tabTo(page, 'Save exit interview', 20, interview);
    expect(await focusShows(page)).toBe(true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => db().prepare('SELECT status, held_date, held_by FROM exit_interviews').all())
      .toEqual([{ status: 'held', held_date: '2026-11-05', held_by: 'J. Patel' }]);
    await expect
      .poll(() => focusedName(page))
      .toBe('Saved the exit interview after ceasing to foster. FF000001 has ceased fostering.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
