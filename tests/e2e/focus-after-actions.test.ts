import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

/** What has keyboard focus: the body means it was lost, and the next Tab starts from the top of the page. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? 'lost' : (el.textContent ?? '').trim();
  });

// An action that replaces the form it was typed into must not drop keyboard focus on the page's body.
describeE2E('focus after an action, by keyboard alone', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: app.ctx.today(),
      firstName: 'Amara',
      surname: 'Nwosu',
    });
    await app.call('households.createHousehold', {
      enquiryDate: app.ctx.today(),
      firstName: 'Tomasz',
      surname: 'Nowak',
    });
  });

  it('keeps focus on the record after recording a milestone, closing, and saving the exit interview', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Amara Nwosu/ }).waitFor();

    await tabTo(page, 'Record milestone');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    // The milestone form starts afresh for the next milestone; focus goes to what was saved.
    await expect.poll(() => focused(page)).toBe('Saved. FF000001 is now open at Enquiry.');

    await tabTo(page, 'Reason');
    await page.keyboard.type('Lost');
    await tabTo(page, 'Close household');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Saved. FF000001 is now closed at Enquiry.');
    // The summary dates the closure as a closure: the household has not been at Enquiry since the day it closed.
    const today = e2e.app.ctx.today().split('-').reverse().join('/');
    expect(await page.locator('.hh-summary').textContent()).toBe(
      `Closed · at Enquiry, closed ${today} · Mainstream · enquiry ${today}`,
    );
    // From there, Tab reaches the exit interview the closure now offers.
    await tabTo(page, 'Save exit interview', 40);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => e2e.app.ctx.store.db.prepare('SELECT COUNT(*) FROM exit_interviews').pluck().get())
      .toBe(1);
    await expect
      .poll(() => focused(page))
      .toBe(`Saved the exit interview after the closure of ${today}. FF000001 is now closed at Enquiry.`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps focus on the import screen after committing an import and undoing it', async () => {
    const file = join(e2e.app.dir, 'enquiries.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,First Name,Surname\nK1,03/03/2024,Ann,Lee\nK2,04/03/2024,Bo,Ray\n',
    );
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Import 2 changes' }).waitFor();
    await tabTo(page, 'Import 2 changes');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^Imported as batch 1: 2 new/);
    expect(await axeViolations(page)).toEqual([]);

    page.once('dialog', (d) => void d.accept());
    await tabTo(page, 'Undo import 1');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Import 1 undone: 2 households removed, 0 restored.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('takes focus to the field a refused new household names, keeps it on the button when the core refuses a closure, and after an export', async () => {
    const page = await e2e.open('#/households');
    await page.getByRole('heading', { name: 'Households', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Add household' }).focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'Enquiry date');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('01/01/2099');
    await tabTo(page, 'Surname');
    await page.keyboard.type('Future');
    await tabTo(page, 'Save household');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('in the future');
    // A refusal naming a field takes focus to that field, as the form's own faults do.
    await expect
      .poll(() => page.getByLabel('Enquiry date').evaluate((el) => el === document.activeElement))
      .toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(page.url().replace(/#.*$/, '') + '#/household?id=2');
    await page.getByRole('heading', { level: 1, name: /FF000002/ }).waitFor();
    await tabTo(page, 'Reason');
    await page.keyboard.type('Lost');
    // A fault the form can know (a date before the enquiry) is said beside its field, which takes
    // focus (close-form-faults); one only the core knows is refused by it: the household was closed
    // meanwhile, from another window.
    await e2e.app.call('households.closeHousehold', {
      id: 2,
      date: e2e.app.ctx.today(),
      reasonKey: 'other',
      endedBy: 'applicant',
      notes: null,
    });
    await tabTo(page, 'Close household');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    expect(
      e2e.app.ctx.store.db.prepare('SELECT COUNT(*) FROM closures WHERE household_id = 2').pluck().get(),
    ).toBe(1);
    await expect.poll(() => focused(page)).toBe('Close household');

    // An export disables its button while it runs; focus comes back to it after.
    await page.goto(page.url().replace(/#.*$/, '') + '#/households');
    await page.getByRole('heading', { name: 'Households', level: 1 }).waitFor();
    await tabTo(page, 'Export csv');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.hh-count').textContent()).toContain('Exported 2 households');
    await expect.poll(() => focused(page)).toBe('Export csv');
    await page.close();
  });

  it('keeps focus on the import screen after previewing a changed mapping and after Cancel', async () => {
    const file = join(e2e.app.dir, 'mapping.csv');
    writeFileSync(
      file,
      'Reference,Enquiry Date,First Name,Surname,Notes\nM1,03/03/2024,Ann,Lee,Met at the fair\n',
    );
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('table', { name: /Columns in the file/ }).waitFor();
    await page.getByLabel('Field for column Notes').focus();
    await page.keyboard.press('Home'); // Not imported
    await tabTo(page, 'Preview with this mapping');
    await page.keyboard.press('Enter');
    // The preview is read again and the button goes with the old one: focus goes to what will change.
    await expect.poll(() => focused(page)).toBe('What will change');
    expect(await page.getByLabel('Field for column Notes').inputValue()).toBe('');
    await tabTo(page, 'Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('table', { name: /Columns in the file/ }).count()).toBe(0);
    // Back to choosing a file.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('import-file');
    await page.close();
  });

  it('keeps focus on the kind of file and the overwrite box, which read the file again, and on the file after a refusal', async () => {
    const file = join(e2e.app.dir, 'kind.csv');
    writeFileSync(file, 'Reference,Enquiry Date,First Name,Surname\nK1,03/03/2024,Ann,Lee\n');
    const page = await e2e.open('#/import');
    await page.locator('#import-file').setInputFiles(file);
    await page.getByRole('heading', { name: 'What will change' }).waitFor();
    // An arrow key on the select reads the file again (helper-247: focus fell to the page).
    await page.locator('#import-kind').focus();
    // The read it starts ends with a job ready: until then the options are away (a loaded CI host
    // pressed Tab while they were, and focus was on nothing).
    const reread = page.waitForResponse(
      async (r) => r.url().includes('/api/imports.getJob') && (await r.text()).includes('"state":"ready"'),
    );
    await page.keyboard.press('ArrowDown');
    await reread;
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('import-kind');
    expect(await page.locator('#import-kind').inputValue()).toBe('enquiries');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-overwrite');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('#import-overwrite').isChecked()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('import-overwrite');
    // A file the import refuses (a month-first date) leaves the keyboard at choosing another.
    const refused = join(e2e.app.dir, 'month-first.csv');
    writeFileSync(
      refused,
      'Reference,Enquiry Date,First Name,Surname\nR1,02/20/2024,Ann,Lee\nR2,03/21/2024,Bob,Lee\n',
    );
    await page.locator('#import-file').setInputFiles(refused);
    await page.getByRole('alert').first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('import-file');
    await page.close();
  });

  it('keeps focus in the applicants section after saving a new applicant', async () => {
    const page = await e2e.open('#/household?id=2');
    await page.getByRole('heading', { level: 1, name: /FF000002/ }).waitFor();
    await tabTo(page, 'First name', 250, 'form[aria-label="Applicant 1"]');
    await page.keyboard.type('Tomasz');
    await tabTo(page, 'Save applicant 1');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => e2e.app.ctx.store.db.prepare('SELECT first_name FROM household_people').pluck().all())
      .toEqual(['Tomasz']);
    await expect.poll(() => focused(page)).toBe('Saved.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps focus on Home’s Refresh after it has read the figures again', async () => {
    const page = await e2e.open('#/');
    await page.getByRole('region', { name: /^Open pipeline by stage/ }).waitFor();
    await tabTo(page, 'Refresh');
    const reread = page.waitForResponse((r) => r.url().endsWith('/api/planning.getDashboard'));
    await page.keyboard.press('Enter');
    await reread;
    await expect.poll(() => page.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true);
    await expect.poll(() => focused(page)).toBe('Refresh');
    await page.close();
  });
});
