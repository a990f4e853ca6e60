import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addService, TODAY, withFigures } from '../integration/planning/fixture.ts';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** Presses Tab until the focused element's accessible name starts with `name` (at most 60 presses). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(
      () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
    );
    if (label.startsWith(name)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describeE2E('Home dashboard in Chromium', () => {
  // The core's today, not the browser's: the fixture's year is 2025/26 whatever the machine's date.
  const e2e = useE2E(
    async (app) => {
      addService(app);
      await withFigures(app);
    },
    { today: TODAY },
  );

  it('is the screen the app opens on, dated by the core, axe-clean', async () => {
    const page = await e2e.open('');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Home');
    const home = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Home', exact: true });
    expect(await home.getAttribute('aria-current')).toBe('page');
    expect(await page.locator('.dash-meta').textContent()).toBe('As at 26/11/2025 · financial year 2025/26');
    const ytd = page.getByRole('region', { name: '2025/26 to date' });
    expect(await ytd.getByRole('row', { name: /Initial enquiries/ }).textContent()).toMatch(
      /Initial enquiries4212.*Off track/,
    );
    const kinship = page.getByRole('region', { name: 'Kinship deadlines passed or in the next 4 weeks' });
    expect(await kinship.textContent()).toContain('K1');
    expect(await kinship.textContent()).toContain('due 10/12/2025');
    await page
      .getByRole('region', { name: 'Approvals forecast (mainstream)' })
      .getByText('No forecast for 2025/26 to set against a target of 3')
      .waitFor();
    expect(await page.getByRole('region', { name: '2024/25 against comparators' }).textContent()).toContain(
      '3.5%',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('opens the households behind a number from the keyboard, and closes the list again', async () => {
    const page = await e2e.open('#/');
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    // What a number counts, then the number: never "1 households" for a count of 1.
    await page
      .getByRole('button', { name: 'Initial enquiries, 2025/26 to date: 4. Show the households' })
      .waitFor();
    await page.getByRole('button', { name: /^Drop-outs, Lost contact \/ no response: 2\./ }).waitFor();
    const names = await page
      .locator('button.number-button')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(name).toMatch(/^[A-Z][^:]*: [^:]+\. Show the households$/);
    await tabTo(page, 'Initial enquiries, 2025/26 to date: 4');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: /Households behind/ });
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('4 households');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('drill-title');
    expect(await panel.getByRole('link').allTextContents()).toEqual(['A1', 'A3', 'A4', 'A5']);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'Close list');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.count()).toBe(0);

    await tabTo(page, 'Drop-outs, Lost contact / no response: 2');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getByRole('link').allTextContents()).toEqual(['A4', 'A5']);
    await panel.getByRole('link', { name: 'A4' }).click();
    await page.getByRole('heading', { level: 1, name: /A4/ }).waitFor();
    await page.close();
  });

  it('takes targets typed in Settings, and shows the funnel chart beside the recruitment chart', async () => {
    const page = await e2e.open('#/settings');
    const box = page.getByLabel('Target: Number of households approved, 2025/26');
    await expect.poll(() => box.inputValue()).toBe('3');
    await box.fill('5');
    await page.getByRole('button', { name: 'Save figures' }).click();
    await page.getByText('Saved the 2025/26 figures.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await page.getByText('against a target of 5').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    const funnel = page.getByRole('figure', { name: /Funnel/ });
    // The year in progress is headed as the table heads it (helper-244: the picker said "2025/26" alone).
    const options = page.getByRole('form', { name: 'Report options' });
    await options.getByLabel('To', { exact: true }).selectOption('2025/26');
    await expect
      .poll(() => funnel.getByLabel('Funnel period').locator('option').allTextContents())
      .toContain('2025/26 (to date)');
    await expect
      .poll(() => funnel.getByLabel('Funnel period').locator('option').allTextContents())
      .toContain('2024/25');
    await funnel.getByLabel('Funnel period').selectOption('2024/25');
    await expect.poll(() => funnel.textContent()).toContain('Enquiries');
    // 2024/25: 3 enquiries (A2, B1, B2), 1 EOI (A2): a step of 33.3%.
    expect(await funnel.textContent()).toContain('↓ 33.3% of the stage before');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows a negative net change target with the minus sign of the labels (−2), not a hyphen', async () => {
    await e2e.app.call('planning.setFigures', {
      fy: '2025/26',
      figures: [
        { basis: 'target', measure: 'approved', value: 5 },
        { basis: 'target', measure: 'net_change', value: -2 },
      ],
    });
    const page = await e2e.open('');
    const ytd = page.getByRole('region', { name: '2025/26 to date' });
    const net = ytd.getByRole('row', { name: /Net change in approved households/ });
    // Target for the year and to date (a share of it, so a part of −2): each "−", U+2212.
    await expect.poll(() => net.getByRole('cell').nth(2).textContent()).toBe('\u22122');
    expect(await net.getByRole('cell').nth(3).textContent()).toMatch(/^\u2212\d/);
    expect(await net.textContent()).not.toContain('-');
    await page.close();
  });
});
