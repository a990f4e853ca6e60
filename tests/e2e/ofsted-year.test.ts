import { expect, it } from 'vitest';
import { addSmallFixture } from '../integration/reports/fixture.ts';
import { describeE2E, useE2E } from './harness.ts';

/**
 * The Ofsted return of an earlier year, chosen on a fresh Reports screen: its one year box sent
 * the return's own From (its year shown, 2025/26) with the year chosen, refused as "From after To"
 * naming boxes not on screen, while the 2025/26 return stayed on screen and saved (helper-238).
 */
describeE2E('the Ofsted return of an earlier year', () => {
  const e2e = useE2E((app) => addSmallFixture(app.ctx.store.db));

  it('is shown for the year chosen, and the next table takes its years without a refusal', async () => {
    const page = await e2e.open('#/reports');
    const options = page.getByRole('form', { name: 'Report options' });
    await options.getByLabel('From').waitFor();
    // A From chosen on the table before, later than the return's year chosen next (helper-239).
    await options.getByLabel('From').selectOption('2024/25');
    await expect.poll(() => page.locator('.report-meta').textContent()).toMatch(/^2024\/25 to 2025\/26 /);
    await options.getByLabel('Table').selectOption('ofsted');
    // The return's title names its year; its period line, the days (the year said once).
    await expect.poll(() => page.locator('#report-title').textContent()).toContain('2025/26');
    await options.getByLabel('Financial year').selectOption('2023/24');
    await expect.poll(() => page.locator('#report-title').textContent()).toContain('2023/24');
    expect(await page.locator('.report-meta').textContent()).toMatch(/^1 April 2023 to 31 March 2024 /);
    expect(await page.getByText(/is after the To year/).count()).toBe(0);
    await options.getByLabel('Table').selectOption('funnel');
    await expect.poll(() => page.locator('#report-title').textContent()).toBe('Recruitment of foster carers');
    await expect.poll(() => page.locator('#report-main caption').textContent()).not.toContain('…');
    expect(await page.getByText(/is after the To year/).count()).toBe(0);
    await page.close();
  });
});
