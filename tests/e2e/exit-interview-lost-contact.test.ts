import { expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/**
 * No exit interview is held after a closure ended by lost contact, whatever its reason (helper-267):
 * the form offered "Held" there, which the core now refuses. It offers only offered and declined,
 * saying why; an interview an older version saved as held keeps "Held", ticked, to save again.
 */
describeE2E('the exit interview after a closure ended by lost contact', () => {
  const e2e = useE2E(async (app) => {
    for (const surname of ['Hart', 'Okafor']) {
      const { id } = await app.call('households.createHousehold', { enquiryDate: '2025-04-07', surname });
      await app.call('households.closeHousehold', {
        id,
        date: '2025-05-31',
        reasonKey: 'other',
        endedBy: 'lost_contact',
        notes: null,
      });
    }
    // Okafor's interview as an older version saved it: held.
    await app.call('households.saveExitInterview', {
      id: 2,
      closureId: 2,
      status: 'offered',
      offeredDate: '2025-06-02',
      heldBy: null,
      reasons: [],
      notes: null,
    });
    app.ctx.store.db
      .prepare("UPDATE exit_interviews SET status = 'held', held_date = '2025-06-09' WHERE household_id = 2")
      .run();
  });
  const db = () => e2e.app.ctx.store.db;
  // The statuses offered, by their labels, in order.
  const radios = (form: Locator) =>
    form
      .getByRole('radio')
      .evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent));

  it('offers no "Held", says why, and saves one offered', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001/ }).waitFor();
    const interview = page.getByRole('form', { name: /Exit interview after the closure/ });
    expect(await radios(interview)).toEqual(['Offered', 'Declined']);
    const status = interview.getByRole('group', { name: 'Interview' });
    expect(await status.getAttribute('aria-describedby')).toBeTruthy();
    expect(await interview.getByText('Contact was lost, so no interview was held').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await interview.getByLabel('Offered on').fill('02/06/2025');
    await interview.getByRole('button', { name: 'Save exit interview' }).click();
    await expect
      .poll(() => db().prepare('SELECT status FROM exit_interviews WHERE household_id = 1').pluck().get())
      .toBe('offered');
    await page.close();
  });

  it('keeps "Held" for an interview saved held before the rule, and saves it again held', async () => {
    const page = await e2e.open('#/household?id=2');
    await page.getByRole('heading', { level: 1, name: /FF000002/ }).waitFor();
    const interview = page.getByRole('form', { name: /Exit interview after the closure/ });
    expect(await radios(interview)).toEqual(['Offered', 'Held', 'Declined']);
    expect(await interview.getByLabel('Held', { exact: true }).isChecked()).toBe(true);
    await interview.getByLabel('Interview notes').fill('Spoke again in July.');
    await interview.getByRole('button', { name: 'Save exit interview' }).click();
    await expect
      .poll(() => db().prepare('SELECT status, notes FROM exit_interviews WHERE household_id = 2').get())
      .toEqual({ status: 'held', notes: 'Spoke again in July.' });
    await page.close();
  });
});
