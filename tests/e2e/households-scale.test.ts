import { expect, it } from 'vitest';
import { generateSample } from '../../src-main/sample/generate.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// The list at the size the service must handle: 100,000 households, paged by index, virtualised.
describeE2E('the households list with 100,000 households', () => {
  const e2e = useE2E((app) => {
    generateSample(app.ctx.store.db, { households: 100_000, seed: 11, today: app.ctx.today() });
  });
  const count = (sql: string, ...a: unknown[]) =>
    e2e.app.ctx.store.db
      .prepare(sql)
      .pluck()
      .get(...a) as number;

  it('scrolls to the end, fetching only the pages in view', async () => {
    const page = await e2e.open('#/households');
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toContain('100,000 households');
    const table = page.getByRole('table', { name: 'Households' });
    expect(await table.getAttribute('aria-rowcount')).toBe('100001');
    // Only a screenful of rows is in the page, not 100,000.
    expect(await page.getByRole('row').count()).toBeLessThan(80);
    const scroller = page.getByRole('rowgroup', { name: 'Household rows (scroll)' });
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = page.locator('[aria-rowindex="100001"]');
    await expect.poll(() => last.textContent(), { timeout: 30_000 }).toMatch(/FF\d{6}/);
    // Sorted by enquiry date, newest first: the last row is the oldest enquiry.
    const oldest = e2e.app.ctx.store.db
      .prepare('SELECT reference FROM households ORDER BY enquiry_date ASC, id ASC LIMIT 1')
      .pluck()
      .get() as string;
    expect(await last.textContent()).toContain(oldest);
    // Part way: keyboard scrolling in the focused list works too.
    await scroller.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('filters and searches 100,000 households with counts matching the database', async () => {
    const page = await e2e.open('#/households');
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toContain('100,000 households');
    await page.getByLabel('Stage').selectOption('stage2');
    await page.getByLabel('Enquiry year').selectOption('2024/25');
    const n = count(
      "SELECT COUNT(*) FROM households WHERE stage = 'stage2' AND enquiry_date BETWEEN '2024-04-01' AND '2025-03-31'",
    );
    expect(n).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(`${n.toLocaleString('en-GB')} households`);
    await page.getByLabel('Stage').selectOption('');
    await page.getByLabel('Enquiry year').selectOption('');
    await page.getByLabel('Search').fill('FF09999');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('10 households');
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Overdue alert only').check();
    await expect.poll(() => page.getByRole('status').first().textContent()).not.toContain('100,000');
    const overdue = count('SELECT COUNT(*) FROM households WHERE overdue = 1');
    expect(overdue).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(`${overdue.toLocaleString('en-GB')} households`);
    await page.close();
  });

  it('shows the pipeline with counts by stage', async () => {
    const page = await e2e.open('#/households?view=pipeline');
    const stage1 = count("SELECT COUNT(*) FROM households WHERE status = 'open' AND stage = 'stage1'");
    await expect
      .poll(() => page.getByRole('heading', { name: /^Stage 1/ }).textContent())
      .toContain(stage1.toLocaleString('en-GB'));
    expect(
      await page
        .getByRole('heading', { name: /^Stage 1/ })
        .locator('..')
        .getByRole('listitem')
        .count(),
    ).toBe(Math.min(50, stage1));
    await page.close();
  });
});
