import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

/** Whether an element's content is cut short, across or down (a cell wraps onto two lines). */
const cut = (page: Page, selector: string) =>
  page.$$eval(
    selector,
    (els) => els.filter((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight).length,
  );

// helper-273, a recruitment officer's walk: at 1400×1000 every reference "ENQ-2611-001" read
// "ENQ-261…" (the household's one identifier, whole only on hover or with the keyboard in its row),
// and at 1024×768 the Next alert column, with its Overdue badges, was off the window's right edge
// (the list scrolled sideways, by mouse only). Now the reference is as wide as the widest shown,
// the text columns wrap onto a second line, and every column fits a 1024-px window.
describeE2E('the households list’s columns at 1400 and 1024 px', () => {
  const e2e = useE2E(
    async (app) => {
      for (let i = 1; i <= 12; i++) {
        await app.call('households.createHousehold', {
          reference: `ENQ-2611-${String(i).padStart(3, '0')}`,
          enquiryDate: `2026-11-${String(i + 1).padStart(2, '0')}`,
          firstName: 'Catherine',
          surname: `Featherstonehaugh-${i}`,
          email: `catherine.featherstonehaugh.${i}@example.org`,
          source: 'website',
        });
      }
      // An ending's reason, which had a column of its own, is said in the Status cell.
      await app.call('households.closeHousehold', {
        id: 12,
        date: '2026-11-20',
        reasonKey: 'lost_contact',
        endedBy: 'lost_contact',
        notes: null,
      });
    },
    { today: '2026-11-28' },
  );

  it('shows every reference whole, and every column inside the window', async () => {
    for (const [width, height] of [
      [1400, 1000],
      [1024, 768],
    ] as const) {
      const page = await e2e.open('#/households');
      await page.setViewportSize({ width, height });
      await page.getByRole('link', { name: 'ENQ-2611-001' }).waitFor();
      const references = page.locator('.hh-scroll [role="row"] [role="cell"]:first-child');
      expect(await references.count()).toBeGreaterThanOrEqual(10);
      expect({ width, cut: await cut(page, '.hh-scroll [role="row"] [role="cell"]:first-child') }).toEqual({
        width,
        cut: 0,
      });
      const next = (await page.getByRole('columnheader', { name: 'Next alert' }).boundingBox())!;
      expect({ width, right: next.x + next.width <= width }).toEqual({ width, right: true });
      // No column is off to the side of the list's own box either, nor any heading cut.
      const table = page.getByRole('table', { name: 'Households' });
      expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect({ width, cut: await cut(page, '[role="columnheader"]') }).toEqual({ width, cut: 0 });
      // An overdue alert shows its date, on the cell's second line.
      const alert = page
        .getByRole('row', { name: /ENQ-2611-011/ })
        .getByRole('cell')
        .last();
      expect(await alert.innerText()).toMatch(/^Overdue Respond to the\s+enquiry 13\/11\/2026$/);
      expect(await alert.evaluate((el) => el.scrollHeight <= el.clientHeight)).toBe(true);
      const closed = page
        .getByRole('row', { name: /ENQ-2611-012/ })
        .getByRole('cell')
        .nth(8);
      expect(await closed.getAttribute('title')).toBe('Closed: Lost contact / no response');
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  // helper-273: a name or contact cut at its second line had no hover title (only Source and
  // Status had), so it could not be read whole without opening the household. Every cell cut
  // short has one now, saying what a screen reader reads: the cell's text, never cut.
  it('gives every cell that wraps its whole text as a hover title, and its accessible name', async () => {
    const page = await e2e.open('#/households');
    // At 200 % zoom of a 1280-px window each column is at its least width.
    await page.setViewportSize({ width: 640, height: 800 });
    const row = page.getByRole('row', { name: /ENQ-2611-010/ });
    await row.waitFor();
    const cells = row.getByRole('cell');
    const [name, contact] = [cells.nth(1), cells.nth(2)];
    for (const [cell, whole] of [
      [name, 'Catherine Featherstonehaugh-10'],
      // Shown in part in the list, as always ("c•••@example.org").
      [contact, '@example.org'],
    ] as const) {
      expect(await cell.textContent()).toContain(whole);
      expect(await cell.getAttribute('title')).toBe(await cell.textContent());
      expect(await row.getByRole('cell', { name: (await cell.textContent())!, exact: true }).count()).toBe(1);
    }
    // One way for every such cell (Source, Status, Next alert too): its title is its whole text, so
    // Chromium adds no description repeating it (an overdue alert's "Overdue: …" was read twice).
    const wrapped = await page.$$eval('.hh-scroll .hh-wrap', (els) =>
      els.map((el) => (el.getAttribute('title') ?? '') === el.textContent),
    );
    expect(wrapped.length).toBeGreaterThan(0);
    expect(wrapped.every(Boolean)).toBe(true);
    await page.close();
  });

  // At 200 % zoom of a 1280-px window the columns still do not fit: the list scrolls sideways in
  // its own box, and the keyboard reaches its far side from the rows' scroll box.
  it('scrolls sideways by keyboard where the window is narrower than the columns', async () => {
    const page = await e2e.open('#/households');
    await page.setViewportSize({ width: 640, height: 800 });
    await page.getByRole('link', { name: 'ENQ-2611-001' }).waitFor();
    const table = page.getByRole('table', { name: 'Households' });
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await tabTo(page, 'Household rows (scroll)');
    await page.keyboard.press('End');
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    const next = (await page.getByRole('columnheader', { name: 'Next alert' }).boundingBox())!;
    expect(next.x + next.width).toBeLessThanOrEqual(640);
    await page.close();
  });
});
