import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

// A required field left empty was refused by the browser's own bubble, in the browser's language
// ("Füllen Sie dieses Feld aus." in a German-set browser), gone when the mouse moved. Every Field
// now says it beside itself, in the app's words, and takes focus.
describeE2E('required fields left empty say so beside themselves, whatever the browser language', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2025-05-01',
      firstName: 'Ann',
      surname: 'Lee',
    });
  });
  const count = (sql: string) => e2e.app.ctx.store.db.prepare(sql).pluck().get();

  it('a text field (merge) and a choice (close), by keyboard', async () => {
    const page = await e2e.open('#/household?id=1', { locale: 'de-DE' });
    await page.getByRole('heading', { level: 1, name: /Ann Lee/ }).waitFor();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });

    const merge = page.getByRole('form', { name: 'Merge a duplicate into this household' });
    await tabTo(page, 'Merge');
    await page.keyboard.press('Enter');
    // Each empty field says so; the first takes focus.
    await expect
      .poll(() => merge.getByRole('alert').allTextContents())
      .toEqual([
        'Reference of the duplicate: fill this in.',
        'Why they are the same household: fill this in.',
      ]);
    await expect.poll(() => focusedName(page)).toBe('Reference of the duplicate');
    expect(await merge.getByLabel('Reference of the duplicate').getAttribute('aria-invalid')).toBe('true');
    expect(dialogs).toBe(0);
    // Typing clears it.
    await page.keyboard.type('FF999999');
    await expect.poll(() => merge.getByText('Reference of the duplicate: fill this in.').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    const close = page.getByRole('form', { name: 'Close the household' });
    await tabTo(page, 'Close household');
    await page.keyboard.press('Enter');
    await expect.poll(() => close.getByRole('alert').first().textContent()).toBe('Reason: choose one.');
    await expect.poll(() => focusedName(page)).toBe('Reason');
    expect(count('SELECT COUNT(*) FROM closures')).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
