import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

// A browser set to German refused a number field in German, in its own bubble: the fields say
// what is wrong beside themselves instead, in the app's words, as date fields do.
describeE2E(
  'number fields say what is wrong beside themselves, by keyboard, whatever the browser language',
  () => {
    const e2e = useE2E();
    const stored = () =>
      JSON.parse(
        (e2e.app.ctx.store.db
          .prepare("SELECT value FROM settings WHERE key = 'alerts.thresholds'")
          .pluck()
          .get() as string | undefined) ?? '{}',
      ) as Record<string, number>;
    const describedBy = (page: Page, label: string) =>
      page.getByLabel(label).evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    const LABEL = 'Stage 1 longest (months)';

    it('an alert timescale', async () => {
      const page = await e2e.open('#/settings', { locale: 'de-DE' });
      await page.getByRole('heading', { name: 'Alert timescales' }).waitFor();
      const field = page.getByLabel(LABEL);
      expect(await field.getAttribute('type')).toBe('text');
      expect(await field.getAttribute('inputmode')).toBe('numeric');

      // Not a number: said beside the field, naming it, once the person moves on.
      await tabTo(page, LABEL);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('six');
      await page.keyboard.press('Tab');
      const problem = page.getByRole('alert').filter({ hasText: `${LABEL}:` });
      await expect
        .poll(() => problem.textContent())
        .toBe(`${LABEL}: "six" is not a whole number. Give a whole number from 1 to 520.`);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy(page, LABEL)).toContain('is not a whole number');
      expect(await axeViolations(page)).toEqual([]);

      // Saving anyway stores nothing and takes the person back to the field.
      await tabTo(page, 'Save timescales');
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedName(page)).toBe(LABEL);
      expect(stored().stage1Months).toBeUndefined();

      // Out of range, then emptied: each said in the same place.
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => problem.textContent())
        .toBe(`${LABEL}: 0 is too small. Give a whole number from 1 to 520.`);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Enter');
      await expect.poll(() => problem.textContent()).toBe(`${LABEL}: give a whole number from 1 to 520.`);
      expect(stored().stage1Months).toBeUndefined();

      // A number that will do: the message goes at once, and it saves.
      await page.keyboard.type('5');
      await expect.poll(() => problem.count()).toBe(0);
      expect(await field.getAttribute('aria-invalid')).toBeNull();
      await page.keyboard.press('Enter');
      await expect.poll(() => stored().stage1Months).toBe(5);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it('a retention period below its legal minimum', async () => {
      const page = await e2e.open('#/settings', { locale: 'de-DE' });
      const section = page.getByRole('region', { name: 'Your data' });
      const label = 'Carers (years after ceasing to foster)';
      await section.getByLabel(label).waitFor();
      await tabTo(page, label);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('9');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => section.getByRole('alert').textContent())
        .toBe(`${label}: 9 is too small. Give a whole number from 10 to 100.`);
      await expect.poll(() => focusedName(page)).toBe(label);
      expect((await e2e.app.call('data.getSettings', {})).retention.carerYears).toBe(10);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  },
);
