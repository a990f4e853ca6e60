import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addSmallFixture } from '../integration/reports/fixture.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** The main table's header row and each row's cells, as the screen shows them. */
const tableText = (page: Page) =>
  page
    .locator('#report-main')
    .evaluate((t) =>
      [...t.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())),
    );

// A manager reporting drop-outs to the executive by quarter, by keyboard (Q1 = April to June).
describeE2E('Reports screen: the drop-out table by quarter', () => {
  const e2e = useE2E((app) => addSmallFixture(app.ctx.store.db));

  it('offers the quarters by keyboard, one block of stage columns each, drilling to the households', async () => {
    const page = await e2e.open('#/reports?table=dropout');
    await page.locator('#report-main').waitFor();
    const options = page.getByRole('form', { name: 'Report options' });
    await options.getByLabel('From').selectOption('2022/23');
    await options.getByLabel('To', { exact: true }).selectOption('2022/23');
    await expect.poll(async () => (await tableText(page))[0]).toContain('Enquiry');
    // The Columns choice was not offered for this table: its stages were over the whole period only.
    const whole = options.getByLabel('Whole period');
    expect(await whole.isChecked()).toBe(true);
    await whole.focus();
    await page.keyboard.press('ArrowDown');
    expect(await options.getByLabel('Quarters').isChecked()).toBe(true);
    await expect.poll(async () => (await tableText(page))[0]).toContain('2022/23 Q2: Enquiry');
    const [heads, ...rows] = await tableText(page);
    expect(heads!.slice(1, 7)).toEqual([
      '2022/23 Q1: Enquiry',
      '2022/23 Q1: EOI',
      '2022/23 Q1: Stage 1',
      '2022/23 Q1: Stage 2',
      '2022/23 Q1: Panel',
      '2022/23 Q1: Total',
    ]);
    expect(heads).toHaveLength(1 + 4 * 6);
    // 25 columns: the table takes the page's width, its chart below (it was 580 px beside the chart),
    // and each row's reason stays in view as the figures scroll sideways.
    const main = page.locator('.report-tables');
    const chart = page.locator('.report-figure').first();
    expect((await main.boundingBox())!.width).toBeGreaterThan(1200);
    expect((await chart.boundingBox())!.y).toBeGreaterThan((await main.boundingBox())!.y);
    expect(
      await page
        .locator('#report-main tbody th')
        .first()
        .evaluate((th) => getComputedStyle(th).position),
    ).toBe('sticky');
    // Its caption, too, stays in view as the figures scroll (it scrolled away with them).
    const wrap = page.locator('#report-main').locator('xpath=..');
    await wrap.evaluate((el) => (el.scrollLeft = 600));
    await expect.poll(() => wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(300);
    const caption = (await page.locator('#report-main caption .caption-text').boundingBox())!;
    expect(caption.x).toBeGreaterThanOrEqual((await wrap.boundingBox())!.x - 1);
    await wrap.evaluate((el) => (el.scrollLeft = 0));
    // H2 lost contact at enquiry on 01/07/2022: the first day of Q2.
    const lost = rows.find((r) => r[0] === 'Lost contact / no response')!;
    expect(lost[heads!.indexOf('2022/23 Q2: Enquiry')]).toBe('1');
    expect(lost[heads!.indexOf('2022/23 Q1: Enquiry')]).toBe('0');
    expect(await page.locator('.report-meta').textContent()).toContain('by quarter');

    // The figure drills, by keyboard, to exactly its household.
    const figure = page.getByRole('button', {
      name: /^1: Lost contact \/ no response, 2022\/23 Q2: Enquiry/,
    });
    await figure.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: /Households behind/ });
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('1 household');
    expect(await panel.getByRole('link').allTextContents()).toEqual(['H2']);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Close list' }).click();

    // The chart splits each reason's bar by quarter; its table says so, axe-clean.
    await page.getByRole('button', { name: 'Table view' }).click();
    await expect.poll(() => page.locator('.chart-table caption').textContent()).toContain('chart data');
    const chartHeads = await page.locator('.chart-table thead th').allTextContents();
    expect(chartHeads.map((h) => h.trim())).toEqual([
      'Reason',
      '2022/23 Q1',
      '2022/23 Q2',
      '2022/23 Q3',
      '2022/23 Q4',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
