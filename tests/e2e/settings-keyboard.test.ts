import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

/** The focused control's description, as a screen reader reads it after its name: its aria-describedby's text. */
const focusedDescription = (page: Page) =>
  page.evaluate(() =>
    (document.activeElement?.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? `(no #${id})`)
      .join(' '),
  );

/**
 * A box of a Settings grid (targets and comparators, the children in care profile) has no Field of
 * its own: its refusal is said once, under the form. A screen-reader user sent back to the box
 * heard 'invalid entry' and not why (targets), or was not sent to it at all (children in care).
 */
describeE2E('Settings by keyboard and screen reader', () => {
  const e2e = useE2E();

  it('describes a refused target by its message, and focuses it', async () => {
    const page = await e2e.open('#/settings');
    const box = 'Target: Number of initial enquiries, 2026/27';
    await page.getByLabel(box).focus();
    await page.keyboard.type('lots');
    await tabTo(page, 'Save figures');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe(box);
    expect(await focusedDescription(page)).toBe('Target, Number of initial enquiries: Give a number.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('marks, describes and focuses a refused count of children in care', async () => {
    const page = await e2e.open('#/settings');
    const box = 'Children in care: White';
    await page.getByLabel(box).focus();
    await page.keyboard.type('two');
    await tabTo(page, 'Save profile');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toEqual(['White: give a whole number of children, or leave it empty.']);
    expect(await page.getByLabel(box).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedName(page)).toBe(box);
    expect(await focusedDescription(page)).toBe('White: give a whole number of children, or leave it empty.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps focus on the restore it is asking about, on Cancel, and on what the restore did', async () => {
    await e2e.app.call('data.backupNow', {});
    const page = await e2e.open('#/settings');
    const restore = page.getByRole('button', { name: /^Restore the backup made / });
    await restore.focus();
    const name = await focusedName(page);
    // Each button went with the step it started, and focus fell to the page's body each time.
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Cancel');
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[role=group]')?.getAttribute('aria-labelledby'),
      ),
    ).toBeTruthy();
    expect(
      await page.getByRole('group', { name: /^Replace the current data with this backup\?/ }).count(),
    ).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe(name);
    await page.keyboard.press('Enter');
    await tabTo(page, 'Yes, restore');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toMatch(/^Restored 0 households from the backup\./);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('counts the figures a csv brought, and its problems, in words', async () => {
    const page = await e2e.open('#/settings');
    const status = page.locator('.figures-import [role=status]');
    const good = e2e.app.file(
      'one.csv',
      'Year,Comparator,Measure,Value\n2024/25,England,Number of households approved,1520\n',
    );
    await page.getByLabel('Figures file (csv)').setInputFiles(good);
    await page.getByRole('button', { name: 'Import figures' }).click();
    // It said 'Imported 1 figures.' and 'the file has 1 problem(s).'
    await expect.poll(() => status.textContent()).toBe('Imported 1 figure.');
    const bad = e2e.app.file(
      'bad.csv',
      'Year,Comparator,Measure,Value\n2024/25,England,Number of households approved,lots\n',
    );
    await page.getByLabel('Figures file (csv)').setInputFiles(bad);
    await page.getByRole('button', { name: 'Import figures' }).click();
    await expect
      .poll(() => status.locator('p').textContent())
      .toBe('Nothing was imported: the file has 1 problem.');
    await page.close();
  });
});
