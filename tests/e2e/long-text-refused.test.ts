import { expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/** The text of what describes a field (its hint and its error), as a screen reader reads it with the field. */
const description = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/**
 * A field takes no more than the core keeps (its maxLength); text longer than that, which only a
 * changed page can send, is refused beside its field in the app's words. zod's own words reached
 * the screen: "heldBy: Too big: expected string to have <=120 characters" under the form.
 */
const unlimit = (field: Locator) => field.evaluate((el) => el.removeAttribute('maxlength'));

describeE2E('text longer than the core keeps, refused beside its field in words', () => {
  const e2e = useE2E(async (app) => {
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      firstName: 'Ola',
      surname: 'Bakare',
    });
    await app.call('households.closeHousehold', {
      id: h.id,
      date: '2026-02-01',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
      notes: null,
    });
  });

  it('an exit interview’s Held by and notes: as long as the core keeps, and refused beside the field', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001/ }).waitFor();
    const form = page.locator('form[aria-label^="Exit interview"]');
    await form.getByLabel('Held', { exact: true }).check();
    await form.getByLabel('Held on').fill('03/02/2026');
    const heldBy = form.getByLabel('Held by');
    expect(await heldBy.getAttribute('maxlength')).toBe('120');
    expect(await form.getByLabel('Interview notes').getAttribute('maxlength')).toBe('4000');
    await unlimit(heldBy);
    await heldBy.fill('A'.repeat(121));
    await form.getByRole('button', { name: 'Save exit interview' }).click();
    await expect.poll(() => heldBy.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('alert').allTextContents()).toEqual(['Too long: at most 120 characters.']);
    expect(await description(heldBy)).toContain('Too long: at most 120 characters.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an applicant’s first name too long is refused beside it in words', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001/ }).waitFor();
    const form = page.locator('form[aria-label="Applicant 1"]');
    const firstName = form.getByLabel('First name');
    await firstName.fill('N'.repeat(101));
    await form.getByRole('button', { name: 'Save applicant 1' }).click();
    await expect.poll(() => firstName.getAttribute('aria-invalid')).toBe('true');
    expect(await description(firstName)).toBe('Too long: at most 100 characters.');
    await page.close();
  });

  it('a new household’s notes: as long as the core keeps, and refused beside Notes', async () => {
    const page = await e2e.open('#/households?view=add');
    await page.getByRole('button', { name: 'Save household' }).waitFor();
    const form = page.getByRole('form', { name: 'Add a household' });
    await form.getByLabel('Surname').fill('Longnotes');
    const notes = form.getByLabel('Notes');
    expect(await notes.getAttribute('maxlength')).toBe('4000');
    await unlimit(notes);
    await notes.fill('x'.repeat(4001));
    await form.getByRole('button', { name: 'Save household' }).click();
    await expect.poll(() => notes.getAttribute('aria-invalid')).toBe('true');
    expect(await description(notes)).toBe('Too long: at most 4,000 characters.');
    expect(await form.getByRole('alert').allTextContents()).toEqual(['Too long: at most 4,000 characters.']);
    await page.close();
  });
});
