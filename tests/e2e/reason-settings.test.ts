import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

/**
 * A manager renaming or adding a reason, keyboard only. A refused rename was shown beside the
 * add form's "New reason" field (the list's one error), not in the row being renamed; a refused
 * new reason emptied the field before the core answered, so its message stood beside nothing and
 * focus fell to the page; a saved row (drawn anew) left focus on the page too.
 */
describeE2E('Settings: reason lists, by keyboard', () => {
  const e2e = useE2E(async () => {});
  it('shows a refused rename in its own row, keeps a refused new reason as typed, and focuses the outcome', async () => {
    const page = await e2e.open('#/settings');
    const section = page.getByRole('region', { name: 'Drop-out reasons (applicants)' });
    await section.getByRole('heading').waitFor();
    const housing = section.getByRole('row').filter({ has: page.getByLabel('Label for housing') });

    // Rename to another reason's name, differing only in case and spacing.
    await tabTo(page, 'Label for housing', 400);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('lost contact /  NO response');
    await tabTo(page, 'Save', 40);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => housing.getByRole('alert').textContent())
      .toBe('The drop-out list already has a reason called "Lost contact / no response".');
    expect(await page.getByLabel('Label for housing').getAttribute('aria-invalid')).toBe('true');
    expect(await section.getByRole('alert').count()).toBe(1);
    expect(await page.getByLabel('Label for housing').inputValue()).toBe('lost contact /  NO response');
    await expect.poll(() => focusedName(page)).toBe('Save');

    // A real rename: saved, the row drawn anew, focus on the line saying so.
    await page.getByLabel('Label for housing').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('No spare bedroom');
    await tabTo(page, 'Save', 40);
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Saved “No spare bedroom”.');
    await expect.poll(() => focusedName(page)).toBe('Saved “No spare bedroom”.');
    expect(await section.getByRole('alert').count()).toBe(0);

    // A new reason that duplicates one: refused, kept as typed beside its message.
    const newReason = section.getByLabel('New reason');
    await tabTo(page, 'New reason', 200, 'section[aria-labelledby="reasons-dropout-title"]');
    await page.keyboard.type('Other reason / unknown');
    await page.keyboard.press('Enter');
    const refusal = 'The drop-out list already has a reason called "Other reason / unknown".';
    await expect.poll(() => section.getByRole('alert').textContent()).toBe(refusal);
    expect(await newReason.inputValue()).toBe('Other reason / unknown');
    expect(await newReason.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedName(page)).toMatch(/^(New reason|Add reason)$/);

    // Corrected, with an apostrophe and an ampersand: added, focus on the outcome.
    await newReason.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type("Partner's health & work");
    await page.keyboard.press('Tab');
    await page.keyboard.type('aw3');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => section.getByRole('status').textContent())
      .toBe("Added “Partner's health & work”.");
    // Enter was pressed in a field that stays: focus stays there, the status line is read out.
    await expect.poll(() => focusedName(page)).toBe('Ofsted code');
    const added = (await e2e.app.call('reasons.listReasons', { list: 'dropout' })).find(
      (r) => r.label === "Partner's health & work",
    );
    expect(added).toMatchObject({ key: 'partner_s_health_work', ofstedCode: 'AW3' });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('lists a leaving reason added or renamed above in the Ofsted categories at once', async () => {
    // The categories were read once when Settings opened: a reason added above was missing from
    // them (so it could not be mapped, and counted as "other") until the screen was opened again.
    const page = await e2e.open('#/settings');
    const section = page.getByRole('region', { name: 'Leaving reasons (approved households)' });
    await section.getByRole('heading').waitFor();
    await page.getByRole('heading', { name: 'Ofsted deregistration categories' }).waitFor();
    await tabTo(page, 'New reason', 400, 'section[aria-labelledby="reasons-leaving-title"]');
    await page.keyboard.type('Moved abroad');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Ofsted category for Moved abroad').count()).toBe(1);
    expect(await page.getByLabel('Ofsted category for Moved abroad').inputValue()).toBe('other');
    await expect.poll(() => focusedName(page)).toBe('New reason');

    const key = (await e2e.app.call('reasons.listReasons', { list: 'leaving' })).find(
      (r) => r.label === 'Moved abroad',
    )!.key;
    await page.getByLabel(`Label for ${key}`).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Emigrated');
    await tabTo(page, 'Save', 40);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Ofsted category for Emigrated').count()).toBe(1);
    expect(await page.getByLabel('Ofsted category for Moved abroad').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
