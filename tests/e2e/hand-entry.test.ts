import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

// What a person types into a household by hand is checked as it is saved, the core's message
// beside the field it is about, by keyboard, and the screen stays axe-clean.
describeE2E('households typed by hand in Chromium', () => {
  const e2e = useE2E(
    async (app) => {
      await app.call('households.createHousehold', {
        reference: 'GO1',
        enquiryDate: '2026-02-20',
        firstName: 'Grace',
        surname: 'Okafor',
      });
      await app.call('households.createHousehold', {
        reference: 'TP1',
        enquiryDate: '2026-01-10',
        surname: 'Price',
        telephone: '07700 900456',
      });
      const { id } = await app.call('households.createHousehold', {
        reference: 'AS1',
        enquiryDate: '2026-01-12',
        surname: 'Ashby',
        email: 'ashby@example.org',
      });
      await app.call('households.closeHousehold', {
        id,
        date: '2026-02-02',
        reasonKey: 'lost_contact',
        endedBy: 'lost_contact',
        notes: null,
      });
    },
    { today: '2026-03-05' },
  );
  const db = () => e2e.app.ctx.store.db;
  const stored = (surname: string) =>
    db().prepare('SELECT email, telephone FROM households WHERE surname = ?').all(surname);
  const describedBy = (page: Page, label: string) =>
    page.getByLabel(label, { exact: true }).evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );

  it('refuses an email or telephone that is not one beside its field, and stores a UK number as an import does', async () => {
    const page = await e2e.open('#/households?view=add');
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    await tabTo(page, 'Surname');
    await page.keyboard.type('Typed');
    await tabTo(page, 'Email');
    await page.keyboard.type('typed.example.org');
    await tabTo(page, 'Telephone');
    await page.keyboard.type('+44 (0)7700 900123');
    await page.keyboard.press('Enter');
    const emailProblem =
      '"typed.example.org" is not an email address: type it as name@example.org, with no spaces.';
    await expect.poll(() => describedBy(page, 'Email')).toBe(emailProblem);
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').filter({ hasText: 'is not an email address' }).count()).toBe(1);
    expect(stored('Typed')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'Email');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('typed@example.org');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Typed/ }).waitFor();
    expect(stored('Typed')).toEqual([{ email: 'typed@example.org', telephone: '07700 900123' }]);
    expect(await page.getByLabel('Telephone', { exact: true }).inputValue()).toBe('07700 900123');

    // Editing the details: a telephone number that is not one is refused beside it.
    await tabTo(page, 'Telephone');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('ring after 5');
    await tabTo(page, 'Save details');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => describedBy(page, 'Telephone'))
      .toContain('"ring after 5" is not a telephone number');
    expect(stored('Typed')).toEqual([{ email: 'typed@example.org', telephone: '07700 900123' }]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('refuses a household with nothing to identify it beside First name, and takes focus there', async () => {
    const count = () => db().prepare('SELECT COUNT(*) FROM households').pluck().get() as number;
    const before = count();
    const page = await e2e.open('#/households?view=add');
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    await tabTo(page, 'Save household');
    await page.keyboard.press('Enter');
    const problem =
      'Type a name, an email or a reference: a household with none of them cannot be identified.';
    await expect.poll(() => describedBy(page, 'First name')).toBe(problem);
    expect(await page.getByLabel('First name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedName(page)).toBe('First name');
    // Pressed again: still nothing stored.
    await tabTo(page, 'Save household');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('First name');
    expect(count()).toBe(before);
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.type('Nameless');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Nameless/ }).waitFor();
    expect(count()).toBe(before + 1);
    await page.close();
  });

  it('says which earlier steps have no date as a later milestone is chosen, and records it all the same', async () => {
    const id = db().prepare("SELECT id FROM households WHERE reference = 'TP1'").pluck().get() as number;
    const page = await e2e.open(`#/household?id=${id}`);
    await page.getByRole('heading', { level: 1, name: /TP1/ }).waitFor();
    const form = page.getByRole('form', { name: 'Record a milestone' });
    const gaps = form.getByRole('status');
    await form.getByLabel('Milestone').selectOption('stage2');
    await expect
      .poll(() => gaps.textContent())
      .toBe(
        'Stage 2 with no EOI / application or Stage 1 date before it: if those steps happened, record them too, or the reports will not count them.',
      );
    expect(await axeViolations(page)).toEqual([]);
    // The next step in order leaves nothing out: nothing is said.
    await form.getByLabel('Milestone').selectOption('eoi');
    await expect.poll(() => gaps.count()).toBe(0);
    // A warning, not a refusal: the Stage 2 start is recorded.
    await form.getByLabel('Milestone').selectOption('stage2');
    await form.getByRole('button', { name: 'Record milestone' }).click();
    await expect
      .poll(() =>
        db()
          .prepare("SELECT COUNT(*) FROM milestones WHERE household_id = ? AND kind = 'stage2'")
          .pluck()
          .get(id),
      )
      .toBe(1);
    await page.close();
  });

  it('warns of the same name with a close enquiry date, with no email or postcode, before saving', async () => {
    const page = await e2e.open('#/households?view=add');
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    await tabTo(page, 'First name');
    await page.keyboard.type('grace');
    await tabTo(page, 'Surname');
    await page.keyboard.type('OKAFOR');
    await page.keyboard.press('Enter');
    const warning = page.getByRole('alert').filter({ hasText: 'already held' });
    await warning.waitFor();
    expect((await warning.textContent())?.replace(/\s+/g, ' ')).toContain(
      'GO1 Grace Okafor (same name and close enquiry dates, enquired 20/02/2026, Open)',
    );
    expect(stored('OKAFOR')).toEqual([]);
    // Save household went as the warning came: focus is on the warning, not the page's body, and
    // Tab goes on to the household it names.
    await expect.poll(() => warning.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('GO1 Grace Okafor');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'Save anyway');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /grace OKAFOR/ }).waitFor();
    expect(stored('OKAFOR')).toEqual([{ email: null, telephone: null }]);
    await page.close();
  });

  it('says a likely duplicate’s status in the app’s words, as the households list does', async () => {
    // The warning showed the stored status ("same email, closed"), not the list's "Closed".
    const page = await e2e.open('#/households?view=add');
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    await tabTo(page, 'Surname');
    await page.keyboard.type('Ashby-Cole');
    await tabTo(page, 'Email');
    await page.keyboard.type('ASHBY@example.org');
    await page.keyboard.press('Enter');
    const warning = page.getByRole('alert').filter({ hasText: 'already held' });
    await warning.waitFor();
    expect((await warning.getByRole('listitem').textContent())?.replace(/\s+/g, ' ')).toBe(
      'AS1 Ashby (same email, Closed)',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('warns of the same telephone number, however it is written, before saving', async () => {
    // TP1 holds 07700 900456; the family phones in under another name.
    const page = await e2e.open('#/households?view=add');
    await page.getByRole('heading', { name: 'Add a household' }).waitFor();
    await tabTo(page, 'Surname');
    await page.keyboard.type('Caller');
    await tabTo(page, 'Telephone');
    await page.keyboard.type('+447700900456');
    await page.keyboard.press('Enter');
    const warning = page.getByRole('alert').filter({ hasText: 'already held' });
    await warning.waitFor();
    expect((await warning.textContent())?.replace(/\s+/g, ' ')).toContain('TP1 Price (same telephone number');
    expect(stored('Caller')).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
