import { expect, it } from 'vitest';
import {
  answersRead,
  axeViolations,
  countAnswersRead,
  describeE2E,
  drawn,
  holdAnswers,
  useE2E,
} from './harness.ts';
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
    const housing = section
      .getByRole('row')
      .filter({ has: page.getByLabel('Label for No spare bedroom / housing') });

    // Rename to another reason's name, differing only in case and spacing.
    await tabTo(page, 'Label for No spare bedroom / housing', 400);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('lost contact /  NO response');
    await tabTo(page, 'Save No spare bedroom / housing', 40);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => housing.getByRole('alert').textContent())
      .toBe('The drop-out list already has a reason called "Lost contact / no response".');
    expect(await page.getByLabel('Label for No spare bedroom / housing').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await section.getByRole('alert').count()).toBe(1);
    expect(await page.getByLabel('Label for No spare bedroom / housing').inputValue()).toBe(
      'lost contact /  NO response',
    );
    await expect.poll(() => focusedName(page)).toBe('Save No spare bedroom / housing');

    // A real rename, saved by Enter in the label box: the row drawn anew, focus on the line saying so.
    await page.getByLabel('Label for No spare bedroom / housing').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('No spare bedroom');
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

  it('names every control in a reason’s row by the reason’s own words, not its key', async () => {
    // The fields were named by the reason's internal key ("Label for lost_contact") and each row's
    // Save only "Save": a screen reader user heard neither the reason's words nor which row it saved.
    const page = await e2e.open('#/settings');
    const names = (label: string) =>
      page
        .getByRole('row')
        .filter({ has: page.getByLabel(`Label for ${label}`, { exact: true }) })
        .locator('input, select, button')
        .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent));
    const lost = 'Lost contact / no response';
    await page.getByLabel(`Label for ${lost}`, { exact: true }).waitFor();
    // Typed but not saved: Save shows, and every name is still the label as held.
    await page.getByLabel(`Label for ${lost}`, { exact: true }).fill('Lost contact');
    expect(await names(lost)).toEqual([
      `Label for ${lost}`,
      `Ofsted code for ${lost}`,
      `Ended by for ${lost}`,
      `Move ${lost} up`,
      `Move ${lost} down`,
      `Save ${lost}`,
      `Retire ${lost}`,
    ]);
    const leaving = 'Decided fostering not for them';
    expect(await names(leaving)).toEqual([
      `Label for ${leaving}`,
      `Move ${leaving} up`,
      `Move ${leaving} down`,
      `Retire ${leaving}`,
    ]);
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

    await page.getByLabel('Label for Moved abroad').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Emigrated');
    await tabTo(page, 'Save Moved abroad', 40);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Ofsted category for Emigrated').count()).toBe(1);
    expect(await page.getByLabel('Ofsted category for Moved abroad').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
  it('keeps Ofsted categories chosen but not saved when a leaving reason is added above, or the saved ones read again', async () => {
    // The categories form took every stored category afresh whenever the settings were read again:
    // a category chosen and not yet saved went back to the stored one when a reason was added
    // above (or renamed), and one chosen after "Saved." went back when the saved ones came.
    let reads!: Awaited<ReturnType<typeof holdAnswers>>;
    let asked = 0;
    const page = await e2e.open('#/settings', {
      before: async (p) => {
        await countAnswersRead(p);
        reads = await holdAnswers(p, 'carers.getOfstedSettings');
        p.on('request', (r) => void (r.url().endsWith('/api/carers.getOfstedSettings') && asked++));
      },
    });
    await page.getByRole('heading', { name: 'Ofsted deregistration categories' }).waitFor();
    const settings = await e2e.app.call('carers.getOfstedSettings', {});
    const [first, second] = settings.deregistration;
    const other = (d: { category: string }) => settings.categories.find((c) => c.key !== d.category)!.key;
    const box = (d: { reasonLabel: string }) => page.getByLabel(`Ofsted category for ${d.reasonLabel}`);
    const stored = async () => (await e2e.app.call('carers.getOfstedSettings', {})).deregistration;

    await box(first!).selectOption(other(first!));
    await tabTo(page, 'New reason', 400, 'section[aria-labelledby="reasons-leaving-title"]');
    await page.keyboard.type('Retired from work');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('Ofsted category for Retired from work').count()).toBe(1);
    await drawn(page);
    expect(await box(first!).inputValue()).toBe(other(first!));

    // Chosen after "Saved." while the saved categories are still being read again.
    reads.hold = true;
    await page.getByRole('button', { name: 'Save categories' }).click();
    await expect
      .poll(async () => (await stored()).find((d) => d.reasonKey === first!.reasonKey)?.category)
      .toBe(other(first!));
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved. The Ofsted return' }).count())
      .toBe(1);
    await box(second!).selectOption(other(second!));
    reads.hold = false;
    reads.release();
    await expect.poll(async () => (await answersRead(page, 'carers.getOfstedSettings')) === asked).toBe(true);
    await drawn(page);
    expect(await box(second!).inputValue()).toBe(other(second!));
    expect(await box(first!).inputValue()).toBe(other(first!));
    await page.getByRole('button', { name: 'Save categories' }).click();
    await expect
      .poll(async () => (await stored()).find((d) => d.reasonKey === second!.reasonKey)?.category)
      .toBe(other(second!));
    await page.close();
  });
  it('takes no typing into a new reason while it is added, then takes the next one', async () => {
    // The form is emptied once the reason is stored: the next reason's words, typed while the
    // first was added (a slow core), went with it.
    let adds!: Awaited<ReturnType<typeof holdAnswers>>;
    const page = await e2e.open('#/settings', {
      before: async (p) => {
        adds = await holdAnswers(p, 'reasons.addReason');
      },
    });
    const form = page.getByRole('form', { name: 'Add a drop-out reason' });
    await form.getByLabel('New reason').fill('Moved for work');
    adds.hold = true;
    await form.getByLabel('New reason').press('Enter');
    await adds.held();
    adds.hold = false;
    expect(await form.getByLabel('New reason').isDisabled()).toBe(true);
    expect(await form.getByLabel('Ofsted code').isDisabled()).toBe(true);
    adds.release();
    const section = page.getByRole('region', { name: 'Drop-out reasons (applicants)' });
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Added “Moved for work”.');
    expect(await form.getByLabel('New reason').inputValue()).toBe('');
    await form.getByLabel('New reason').fill('Changed jobs');
    await form.getByLabel('New reason').press('Enter');
    await expect
      .poll(async () => (await e2e.app.call('reasons.listReasons', { list: 'dropout' })).map((r) => r.label))
      .toEqual(expect.arrayContaining(['Moved for work', 'Changed jobs']));
    await page.close();
  });
});
