import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';
import { addClosedHousehold } from './closed-household.ts';

/**
 * An exit interview declined (or only offered) said nothing, so it gives no reasons: the form kept
 * the reasons ticked before the status was changed, and saved them. It now clears them and shuts
 * the reasons away, saying why, while the interview is not held; by keyboard alone.
 */
describeE2E('an exit interview not held, by keyboard alone', () => {
  const e2e = useE2E(addClosedHousehold);
  const db = () => e2e.app.ctx.store.db;

  it('clears and shuts the reasons when the interview is declined, and saves none', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Ada Hart/ }).waitFor();
    const interview = 'form[aria-label^="Exit interview"]';
    const reason = page.locator(interview).getByRole('checkbox', { name: 'Household circumstances changed' });
    const hint = page.locator(interview).getByText('Reasons are recorded only for an interview held.');

    await tabTo(page, 'Offered', 80, interview);
    await page.keyboard.press('ArrowRight'); // Offered → Held
    await expect.poll(() => focusedName(page, interview)).toBe('Held');
    expect(await hint.count()).toBe(0);
    await tabTo(page, 'Household circumstances changed', 30, interview);
    await page.keyboard.press('Space');
    expect(await reason.isChecked()).toBe(true);

    // Back to the status, by Shift+Tab, and on to Declined.
    for (let i = 0; i < 30 && (await focusedName(page, interview)) !== 'Held'; i++)
      await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowRight'); // Held → Declined
    await expect.poll(() => focusedName(page, interview)).toBe('Declined');
    expect(await reason.isChecked()).toBe(false);
    expect(await reason.isDisabled()).toBe(true);
    expect(await hint.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, 'Save exit interview', 30, interview);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => db().prepare('SELECT status FROM exit_interviews').pluck().all())
      .toEqual(['declined']);
    expect(db().prepare('SELECT count(*) FROM exit_interview_reasons').pluck().get()).toBe(0);

    // Held again: the reasons open for ticking.
    await tabTo(page, 'Declined', 80, interview);
    await page.keyboard.press('ArrowLeft'); // Declined → Held
    await expect.poll(() => reason.isDisabled()).toBe(false);
    expect(await hint.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('takes focus to the date the core says is missing when an interview held is saved without it', async () => {
    // Focus stayed on the button, as in no other form of the record (found driving the screen).
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Ada Hart/ }).waitFor();
    const interview = 'form[aria-label^="Exit interview"]';
    // The interview as the test before left it (declined): its status is where Tab stops.
    await tabTo(page, /^(Offered|Held|Declined)$/, 80, interview);
    for (let i = 0; i < 3 && (await focusedName(page, interview)) !== 'Held'; i++)
      await page.keyboard.press('ArrowLeft');
    await expect.poll(() => focusedName(page, interview)).toBe('Held');
    await tabTo(page, 'Save exit interview', 60, interview);
    // Once pressed, focus goes from the button straight to the field: never back to the button on
    // its way, which a screen reader would announce first (it did, as the form holds its own action).
    await page.evaluate((sel) => {
      const button = document.querySelector(`${sel} button[type="submit"]`)!;
      (window as unknown as { backToButton: number }).backToButton = 0;
      button.addEventListener('blur', () =>
        button.addEventListener(
          'focus',
          () => (window as unknown as { backToButton: number }).backToButton++,
        ),
      );
    }, interview);
    await page.keyboard.press('Enter');
    await page.locator(interview).getByText('Give the date the interview was held.').waitFor();
    await expect.poll(() => focusedName(page, interview)).toMatch(/^Held on/);
    expect(await page.evaluate(() => (window as unknown as { backToButton: number }).backToButton)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
