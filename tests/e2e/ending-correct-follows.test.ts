import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestApp } from '../support/temp.ts';
import { answersRead, countAnswersRead, describeE2E, drawn, useE2E } from './harness.ts';

/**
 * A record's "Correct the cessation" (and "Correct the closure") form was keyed on the ending's id:
 * an import changing the ending while the record was open, the record read back, the form kept the
 * values it was first filled with, and saving the correction wrote them back over the import's. It
 * takes the new values now, and keeps what was typed while nothing underneath changed.
 */
const register = (app: TestApp, left: string, reason: string) =>
  app.call('imports.importFile', {
    path: app.file(
      `register-${left.replace(/\//g, '')}.csv`,
      `Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving\r\n101,Ann Ash,01/05/2020,${left},${reason}\r\n`,
    ),
    kind: 'carers',
  });
const closures = (app: TestApp, closed: string, reason: string) =>
  app.call('imports.importFile', {
    path: app.file(
      `closures-${closed.replace(/\//g, '')}.csv`,
      `Reference,Enquiry Date,First Name,Surname,Date Closed,Closure Reason\r\nC1,01/04/2025,Ada,Hart,${closed},${reason}\r\n`,
    ),
  });

/** Saves the record's details unchanged: the record is read back from the core's answer (the `saves`th). */
async function readBack(page: Page, saves: number) {
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect.poll(() => answersRead(page, 'households.updateDetails')).toBe(saves);
  await drawn(page);
}

describeE2E('a correction form follows its ending changed underneath', () => {
  const e2e = useE2E(async (app) => {
    await register(app, '30/06/2025', 'Personal circumstances');
    await closures(app, '01/05/2025', 'Lost contact');
  });
  const db = () => e2e.app.ctx.store.db;
  it('the cessation', async () => {
    const id = db().prepare("SELECT id FROM households WHERE reference = '101'").pluck().get() as number;
    const held = () => db().prepare('SELECT date, reason_key FROM cessations WHERE household_id = ?').get(id);
    expect(held()).toEqual({ date: '2025-06-30', reason_key: 'personal_circumstances' });
    const page = await e2e.open(`#/household?id=${id}`, { before: countAnswersRead });
    const form = page.getByRole('form', { name: 'Correct the cessation' });
    const date = form.getByLabel('Date fostering ends');
    const reason = form.getByLabel('Leaving reason');
    const notes = form.getByLabel('Cessation notes');
    await expect.poll(() => date.inputValue()).toBe('30/06/2025');
    // Typed, and the record read back with the cessation as it was: what was typed stays.
    await notes.fill('Typed before the import');
    await readBack(page, 1);
    expect(await notes.inputValue()).toBe('Typed before the import');

    await register(e2e.app, '31/07/2025', 'Moved to IFA');
    const now = held() as { date: string; reason_key: string };
    expect(now.date).toBe('2025-07-31');
    expect(now.reason_key).toBe('transfer_ifa');
    await readBack(page, 2);
    await expect.poll(() => date.inputValue()).toBe('31/07/2025');
    expect(await reason.inputValue()).toBe(now.reason_key);
    // Corrected now, only the words are changed: the import's date and reason are not written back.
    await notes.fill('Rang to say so');
    await form.getByLabel('Reason for the correction').fill('Notes added');
    await form.getByRole('button', { name: 'Correct cessation' }).click();
    await expect
      .poll(() => db().prepare('SELECT notes FROM cessations WHERE household_id = ?').pluck().get(id))
      .toBe('Rang to say so');
    expect(held()).toEqual(now);
    await page.close();
  });

  it('the closure', async () => {
    const id = db().prepare("SELECT id FROM households WHERE reference = 'C1'").pluck().get() as number;
    const held = () => db().prepare('SELECT date, reason_key FROM closures WHERE household_id = ?').get(id);
    expect(held()).toEqual({ date: '2025-05-01', reason_key: 'lost_contact' });
    const page = await e2e.open(`#/household?id=${id}`, { before: countAnswersRead });
    const form = page.getByRole('form', { name: 'Correct the closure' });
    const date = form.getByLabel('Closure date');
    const notes = form.getByLabel('Closure notes');
    await expect.poll(() => date.inputValue()).toBe('01/05/2025');
    await notes.fill('Typed before the import');
    await readBack(page, 1);
    expect(await notes.inputValue()).toBe('Typed before the import');

    await closures(e2e.app, '03/05/2025', 'No spare bedroom');
    const now = held() as { date: string; reason_key: string };
    expect(now).toEqual({ date: '2025-05-03', reason_key: 'housing' });
    await readBack(page, 2);
    await expect.poll(() => date.inputValue()).toBe('03/05/2025');
    expect(await form.getByLabel('Reason', { exact: true }).inputValue()).toBe('housing');
    await page.close();
  });
});
