import { expect, it } from 'vitest';
import type { Dialog } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

// Keyboard only: no clicks, no fill; Tab, typing, arrows and Enter, as a person without a mouse.
describeE2E('households by keyboard only', () => {
  const e2e = useE2E(async (app) => {
    const today = app.ctx.today();
    await app.call('households.createHousehold', {
      enquiryDate: today,
      firstName: 'Kofi',
      surname: 'Mensah',
      postcode: 'BD1 1AA',
    });
    const approved = await app.call('households.createHousehold', {
      enquiryDate: '2024-01-08',
      firstName: 'Ruth',
      surname: 'Bell',
    });
    for (const [kind, date] of [
      ['eoi', '2024-01-20'],
      ['stage1', '2024-02-01'],
      ['stage2', '2024-04-01'],
      ['panel', '2024-09-02'],
      ['approval', '2024-09-09'],
    ] as const)
      await app.call('households.recordMilestone', { id: approved.id, kind, date });
  });
  const db = () => e2e.app.ctx.store.db;
  const today = () => e2e.app.ctx.today();

  it('finds a household, records a milestone and closes it with a reason, by keyboard alone', async () => {
    const page = await e2e.open('#/households');
    await page.getByRole('heading', { name: 'Households', level: 1 }).waitFor();
    await tabTo(page, 'Search');
    await page.keyboard.type('mens');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 household');
    await tabTo(page, 'FF000001');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /FF000001 Kofi Mensah/ }).waitFor();
    // The record's heading takes focus, so Tab continues from the top of the record.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('record-title');

    await tabTo(page, 'Milestone');
    await page.keyboard.press('ArrowDown'); // Initial visit → EOI / application
    await tabTo(page, 'Record milestone');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        db().prepare("SELECT date FROM milestones WHERE household_id = 1 AND kind = 'eoi'").pluck().get(),
      )
      .toBe(today());

    // A panel's refusal at the EOI: said beside the reason, by the engine's rule, and nothing stored.
    await tabTo(page, 'Reason');
    await page.keyboard.type('Panel');
    await tabTo(page, 'Close household');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByText('is a decision after panel, but the household stands at EOI').count())
      .toBeGreaterThan(0);
    expect(db().prepare('SELECT COUNT(*) FROM closures').pluck().get()).toBe(0);

    await tabTo(page, 'Reason');
    await page.keyboard.type('Lost');
    await tabTo(page, 'Close household');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        db().prepare('SELECT reason_key, ended_by, stage_reached FROM closures WHERE household_id = 1').get(),
      )
      .toEqual({ reason_key: 'lost_contact', ended_by: 'lost_contact', stage_reached: 'eoi' });
    expect(await axeViolations(page)).toEqual([]);

    // The reason was typed wrongly: corrected in place, with why (helper-248: removing it and
    // closing again lost its exit interview). The same closure, its reason and who ended it changed.
    const correctForm = 'form[aria-label="Correct the closure"]';
    const closureId = db().prepare('SELECT id FROM closures').pluck().get();
    await tabTo(page, 'Reason', 250, correctForm);
    await page.keyboard.type('No spare');
    await tabTo(page, 'Reason for the correction', 250, correctForm);
    await page.keyboard.type('Chose the wrong reason');
    await tabTo(page, 'Correct closure', 250, correctForm);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => db().prepare('SELECT id, reason_key, ended_by FROM closures WHERE household_id = 1').get())
      .toEqual({ id: closureId, reason_key: 'housing', ended_by: 'applicant' });
    await expect
      .poll(() => page.getByText(/Closure changed: .*Lost contact.* → .*No spare bedroom/).count())
      .toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // The closure was a mistake: removed with a reason (after a confirm), the household is open
    // again at its EOI, in the same episode (re-opening would count a second enquiry).
    // Without a reason it is said beside the field, before any question (helper-248: the confirm came first).
    let asked = 0;
    const count = (d: Dialog) => void (asked++, d.dismiss());
    page.on('dialog', count);
    await tabTo(page, 'Remove closure');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Reason for removing it');
    expect(await page.getByText('Say why the closure is removed.').count()).toBeGreaterThan(0);
    page.off('dialog', count);
    expect(asked).toBe(0);
    await page.keyboard.type('The applicant rang back');
    page.once('dialog', (d) => void d.accept());
    await tabTo(page, 'Remove closure');
    await page.keyboard.press('Enter');
    await expect.poll(() => db().prepare('SELECT COUNT(*) FROM closures').pluck().get()).toBe(0);
    await page.getByRole('button', { name: 'Close household' }).waitFor();
    expect(db().prepare('SELECT episode FROM households WHERE id = 1').pluck().get()).toBe(1);
    await expect
      .poll(() => page.locator('.hh-timeline li').first().textContent())
      .toContain('removed – The applicant rang back');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('records a cessation from notice, switches pathway and removes the cessation, by keyboard alone', async () => {
    const page = await e2e.open('#/household?id=2');
    await page.getByRole('heading', { level: 1, name: /FF000002 Ruth Bell/ }).waitFor();
    await tabTo(page, 'Leaving reason');
    await page.keyboard.type('Transfer to an ind');
    await tabTo(page, 'Record cessation');
    await page.keyboard.press('Enter');
    // No date and no notice: the core names the field and stores nothing.
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Give the date fostering ends');
    expect(db().prepare('SELECT COUNT(*) FROM cessations').pluck().get()).toBe(0);
    await tabTo(page, 'Date fostering ends');
    // 11/11 reads the same whether the browser orders the field day-month or month-day.
    const year = Number(today().slice(0, 4)) - 1;
    await page.keyboard.type(`1111${year}`);
    await tabTo(page, 'Record cessation');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => db().prepare('SELECT date, reason_key FROM cessations WHERE household_id = 2').get())
      .toEqual({
        date: `${Number(today().slice(0, 4)) - 1}-11-11`,
        reason_key: 'transfer_ifa',
      });
    // No pathway change after a cessation: refused beside its date, nothing stored. The form says
    // so itself, by the engine's rule, without asking the core.
    const asked: string[] = [];
    page.on(
      'request',
      (r) => void (r.url().includes('/api/households.switchPathway') && asked.push(r.url())),
    );
    // The record shows the cessation (stored before the page has read it back) before the switch is tried.
    await page.getByRole('button', { name: 'Remove cessation' }).waitFor();
    await tabTo(page, 'Switch to kinship');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/ceased fostering on 11\/11\//).count()).toBeGreaterThan(0);
    await expect.poll(() => focusedName(page)).toBe('Date of the switch');
    expect(asked).toEqual([]);
    expect(db().prepare('SELECT pathway FROM households WHERE id = 2').pluck().get()).toBe('mainstream');
    expect(await axeViolations(page)).toEqual([]);

    // Its reason was typed wrongly: corrected in place, with why (as a closure's; removing it and
    // recording it again lost its exit interview). The same cessation, its reason changed.
    const correctCessation = 'form[aria-label="Correct the cessation"]';
    const cessationId = db().prepare('SELECT id FROM cessations').pluck().get();
    await tabTo(page, 'Leaving reason', 250, correctCessation);
    await page.keyboard.type('Transfer to another');
    await tabTo(page, 'Reason for the correction', 250, correctCessation);
    await page.keyboard.type('Chose the wrong reason');
    await tabTo(page, 'Correct cessation', 250, correctCessation);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => db().prepare('SELECT id, date, reason_key FROM cessations WHERE household_id = 2').get())
      .toEqual({ id: cessationId, date: `${year}-11-11`, reason_key: 'transfer_la' });
    // The status line says a correction was saved, not only where the household stands (helper-254).
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved the correction.' }).textContent())
      .toBe('Saved the correction. FF000002 has ceased fostering.');
    await expect
      .poll(() =>
        page
          .getByText(
            /Cessation changed: 11\/11\/.*Transfer to an independent.* → 11\/11\/.*Transfer to another LA/,
          )
          .count(),
      )
      .toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // The cessation was a mistake: removed with a reason (after a confirm), the household is approved again.
    await tabTo(page, 'Reason for removing it');
    await page.keyboard.type('Entered on the wrong household');
    page.once('dialog', (d) => void d.accept());
    await tabTo(page, 'Remove cessation');
    await page.keyboard.press('Enter');
    await expect.poll(() => db().prepare('SELECT COUNT(*) FROM cessations').pluck().get()).toBe(0);
    await page.getByRole('button', { name: 'Record cessation' }).waitFor();
    await expect
      .poll(() => page.locator('.hh-timeline li').first().textContent())
      .toContain('removed – Entered on the wrong household');
    // Approved again, it may switch pathway.
    await tabTo(page, 'Switch to kinship');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => db().prepare('SELECT pathway FROM households WHERE id = 2').pluck().get())
      .toBe('kinship');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('changes an alert timescale in Settings by keyboard, and the settings screen is axe-clean', async () => {
    const page = await e2e.open('#/settings');
    await page.getByRole('heading', { name: 'Alert timescales' }).waitFor();
    await tabTo(page, 'Initial visit within (working days)');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await tabTo(page, 'Save timescales');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Alerts recomputed' }).count())
      .toBe(1);
    const stored = JSON.parse(
      db().prepare("SELECT value FROM settings WHERE key = 'alerts.thresholds'").pluck().get() as string,
    );
    expect(stored.initialVisitWorkingDays).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
