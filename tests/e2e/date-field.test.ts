import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';
import { EARLIEST_RECORD_DATE, formatUkDate } from '../../src-main/domain/dates.ts';

// Today is 5 March 2026: a field showing 03/05/2026 would be the browser's US order, not the app's.
// Each date typed has a day over 12 (13/02/2026), so a field reading it month first could not store it.
describeE2E('date fields read and show dd/mm/yyyy whatever the browser locale, by keyboard', () => {
  const e2e = useE2E(undefined, { today: '2026-03-05' });
  const enquiryDateOf = (surname: string) =>
    e2e.app.ctx.store.db
      .prepare('SELECT enquiry_date FROM households WHERE surname = ?')
      .pluck()
      .all(surname);
  const describedBy = (page: Page, label: string) =>
    page.getByLabel(label).evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );

  for (const locale of ['en-US', 'en-GB']) {
    it(`in a browser set to ${locale}`, async () => {
      const surname = `Locale ${locale}`;
      const page = await e2e.open('#/households?view=add', { locale });
      await page.getByRole('heading', { name: 'Add a household' }).waitFor();
      expect(await page.evaluate(() => navigator.language)).toBe(locale);

      // Shown the UK way, as text the person types (no locale-driven date picker), with its format said.
      const field = page.getByLabel('Enquiry date');
      expect(await field.inputValue()).toBe('05/03/2026');
      expect(await field.getAttribute('type')).toBe('text');
      expect(await field.getAttribute('inputmode')).toBe('numeric');
      expect(await describedBy(page, 'Enquiry date')).toContain('Day/month/year, e.g. 31/03/2026.');

      // A US-ordered date is refused beside the field, naming it, once the person moves on.
      await tabTo(page, 'Enquiry date');
      await page.keyboard.type('02/13/2026');
      await tabTo(page, 'First name');
      const problem = page.getByRole('alert').filter({ hasText: 'Enquiry date:' });
      await expect
        .poll(() => problem.textContent())
        .toBe('Enquiry date: "02/13/2026" reads only month first. Type the day first: 13/02/2026.');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy(page, 'Enquiry date')).toContain('reads only month first');
      expect(await axeViolations(page)).toEqual([]);

      // Submitting anyway stores nothing and takes the person back to the field.
      await tabTo(page, 'Surname');
      await page.keyboard.type(surname);
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedName(page)).toBe('Enquiry date');
      expect(enquiryDateOf(surname)).toEqual([]);

      // Emptied, a required date says so.
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Enter');
      await expect.poll(() => problem.textContent()).toBe('Enquiry date: give a date as dd/mm/yyyy.');
      expect(enquiryDateOf(surname)).toEqual([]);

      // Day first: 13/02/2026 is the 13th of February; the error goes as soon as the date reads.
      await page.keyboard.type('13/02/2026');
      await expect.poll(() => problem.count()).toBe(0);
      await page.keyboard.press('Enter');
      await expect.poll(() => enquiryDateOf(surname)).toEqual(['2026-02-13']);
      await page.getByRole('heading', { level: 1, name: new RegExp(surname) }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('takes a mouse click on the button straight after a badly typed date', async () => {
    // Said on leaving the field, the fault pushed the button down between the press and the release
    // of the click, which then landed on nothing: the person clicked twice, or thought it was saved.
    const { id } = await e2e.app.call('households.createHousehold', {
      enquiryDate: '2026-01-10',
      surname: 'Mouse',
    });
    const page = await e2e.open(`#/household?id=${id}`, { locale: 'en-GB' });
    await page.getByRole('heading', { level: 1, name: /Mouse/ }).waitFor();
    const form = page.getByRole('form', { name: 'Record a milestone' });
    const date = form.getByLabel('Date', { exact: true });
    await date.fill('31/11/2025');
    await form.getByRole('button', { name: 'Record milestone' }).click();
    // The click submitted: the form refused it, said why beside the field and took the person there.
    await expect.poll(() => date.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect
      .poll(() => form.getByRole('alert').filter({ hasText: 'Date:' }).textContent())
      .toBe('Date: "31/11/2025" is not a real date: November 2025 has 30 days. Check the day.');
    const kinds = e2e.app.ctx.store.db
      .prepare('SELECT kind FROM milestones WHERE household_id = ?')
      .pluck()
      .all(id);
    expect(kinds).toEqual(['enquiry']);
    await page.close();
  });

  it('reads eight digits as ddmmyyyy and keeps the field usable after a refusal by the core', async () => {
    const page = await e2e.open('#/households?view=add', { locale: 'en-US' });
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    await tabTo(page, 'Enquiry date');
    // After today: the field reads it, the core refuses it and says so next to the field.
    await page.keyboard.type('14032026');
    await tabTo(page, 'Surname');
    await page.keyboard.type('Digits');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/future|after today/i);
    expect(enquiryDateOf('Digits')).toEqual([]);
    await tabTo(page, 'Enquiry date');
    await page.keyboard.type('14022026');
    await tabTo(page, 'Surname');
    await page.keyboard.press('Enter');
    await expect.poll(() => enquiryDateOf('Digits')).toEqual(['2026-02-14']);
    await page.close();
  });

  it('refuses beside the field a date before the records’ earliest, as the import does', async () => {
    const page = await e2e.open('#/households?view=add', { locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    await tabTo(page, 'Enquiry date');
    await page.keyboard.press('Control+A');
    // 1925 typed for 2025: a real date, so the field takes it and the core refuses it.
    await page.keyboard.type('14/02/1925');
    await tabTo(page, 'Surname');
    await page.keyboard.type('Early');
    await page.keyboard.press('Enter');
    const refusal = `14/02/1925 is before ${formatUkDate(EARLIEST_RECORD_DATE)}: no date in this service's records is that early. Check the year.`;
    await expect.poll(() => describedBy(page, 'Enquiry date')).toContain(refusal);
    expect(await page.getByLabel('Enquiry date').getAttribute('aria-invalid')).toBe('true');
    expect(enquiryDateOf('Early')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says which day the month lacks when a date typed day first is not in the calendar', async () => {
    const page = await e2e.open('#/households?view=add', { locale: 'en-GB' });
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    await tabTo(page, 'Enquiry date');
    await page.keyboard.press('Control+A');
    // Typed day first, as asked: "type it as dd/mm/yyyy" would tell the person to do what they did.
    await page.keyboard.type('29/02/2025');
    await tabTo(page, 'First name');
    const problem = page.getByRole('alert').filter({ hasText: 'Enquiry date:' });
    await expect
      .poll(() => problem.textContent())
      .toBe('Enquiry date: "29/02/2025" is not a real date: February 2025 has 28 days. Check the day.');
    await tabTo(page, 'Enquiry date');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('31/11/2025');
    await tabTo(page, 'First name');
    await expect
      .poll(() => problem.textContent())
      .toBe('Enquiry date: "31/11/2025" is not a real date: November 2025 has 30 days. Check the day.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
