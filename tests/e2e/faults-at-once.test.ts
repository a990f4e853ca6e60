import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName } from './keyboard.ts';
import { addClosedHousehold } from './closed-household.ts';

/**
 * Forms the core refused one fault at a time (helper-265's walk): the targets grid (10.5 households
 * and a rate of 150 % together said only "Give a whole number.") and the exit interview (offered
 * before the ending and held before the offer: one message). Each now says every fault at once,
 * beside its own field. And the exit interview offers no "lost contact" as a reason given at an
 * interview held; one an older interview holds is shown ticked, and refused beside the reasons.
 */
describeE2E('every fault of a form said at once', () => {
  const e2e = useE2E(addClosedHousehold);
  const db = () => e2e.app.ctx.store.db;

  it('the targets grid marks and says each box the core refuses', async () => {
    const page = await e2e.open('#/settings');
    await page.getByRole('heading', { name: 'Targets and comparators' }).waitFor();
    const approved = 'Target: Number of households approved, 2026/27';
    const rate = 'England: Conversion rate – enquiry to approval (contact), 2026/27';
    await page.getByLabel(approved).fill('10.5');
    await page.getByLabel(rate).fill('150');
    await page.getByRole('button', { name: 'Save figures' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toEqual([
        'Target, Number of households approved: Give a whole number. England, Conversion rate – enquiry to approval (contact): A rate is a percentage from 0 to 100.',
      ]);
    expect(await page.getByLabel(approved).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(rate).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedName(page)).toBe(approved);
    expect((await e2e.app.call('planning.getFigures', {})).figures).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the exit interview says both dates at fault, and offers no lost contact as a reason given', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Ada Hart/ }).waitFor();
    const interview = page.getByRole('form', { name: /Exit interview after the closure/ });
    await interview.getByLabel('Held', { exact: true }).check();
    expect(await interview.getByRole('checkbox', { name: 'Household circumstances changed' }).count()).toBe(
      1,
    );
    expect(await interview.getByRole('checkbox', { name: 'Lost contact / no response' }).count()).toBe(0);
    await interview.getByLabel('Offered on').fill('20/05/2025');
    await interview.getByLabel('Held on').fill('10/05/2025');
    await interview.getByLabel('Held by').fill('R. Officer');
    await interview.getByRole('button', { name: 'Save exit interview' }).click();
    await expect
      .poll(() => interview.locator('.field-error').allTextContents())
      .toEqual([
        'Offered date 20/05/2025 is before the ending on 31/05/2025.',
        'Held date 10/05/2025 is before the offer on 20/05/2025.',
      ]);
    expect(await interview.getByLabel('Offered on').getAttribute('aria-invalid')).toBe('true');
    expect(await interview.getByLabel('Held on').getAttribute('aria-invalid')).toBe('true');
    expect(db().prepare('SELECT count(*) FROM exit_interviews').pluck().get()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // An interview saved before the rule, giving lost contact: shown ticked and kept, as a retired
    // reason is, so a later edit (its notes) loses nothing recorded.
    await interview.getByLabel('Offered on').fill('02/06/2025');
    await interview.getByLabel('Held on').fill('09/06/2025');
    await interview.getByLabel('Household circumstances changed').check();
    await interview.getByRole('button', { name: 'Save exit interview' }).click();
    await expect.poll(() => db().prepare('SELECT count(*) FROM exit_interviews').pluck().get()).toBe(1);
    db()
      .prepare(
        "INSERT INTO exit_interview_reasons (interview_id, list, reason_key) SELECT id, 'dropout', 'lost_contact' FROM exit_interviews",
      )
      .run();
    await page.reload();
    const again = page.getByRole('form', { name: /Exit interview after the closure/ });
    const lost = again.getByRole('checkbox', { name: 'Lost contact / no response' });
    await expect.poll(() => lost.isChecked()).toBe(true);
    await again.getByLabel('Interview notes').fill('Spoke again in July.');
    await again.getByRole('button', { name: 'Save exit interview' }).click();
    await expect
      .poll(() => db().prepare('SELECT notes FROM exit_interviews').pluck().get())
      .toBe('Spoke again in July.');
    expect(db().prepare('SELECT reason_key FROM exit_interview_reasons ORDER BY 1').pluck().all()).toEqual([
      'circumstances',
      'lost_contact',
    ]);
    // Unticked, it is gone, and no longer offered.
    await lost.uncheck();
    await again.getByRole('button', { name: 'Save exit interview' }).click();
    await expect
      .poll(() => db().prepare('SELECT reason_key FROM exit_interview_reasons').pluck().all())
      .toEqual(['circumstances']);
    await page.close();
  });
});
