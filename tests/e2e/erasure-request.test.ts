import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { tabTo } from './keyboard.ts';

// An enquirer who never applied asks to be forgotten: their record closed last month, years before
// any purge would take it (helper-228 found no way to do it).
describeE2E('An erasure request on the Purge screen, in Chromium', () => {
  const e2e = useE2E(
    async (app) => {
      for (const [surname, stage1] of [
        ['Forgetme', null],
        ['Applied', '2026-09-01'],
      ] as const) {
        const h = await app.call('households.createHousehold', {
          enquiryDate: '2026-08-03',
          firstName: 'Ann',
          surname,
        });
        if (stage1) await app.call('households.recordMilestone', { id: h.id, kind: 'stage1', date: stage1 });
        await app.call('households.closeHousehold', {
          id: h.id,
          date: '2026-10-30',
          reasonKey: 'lost_contact',
          endedBy: 'lost_contact',
          notes: null,
        });
      }
    },
    { today: '2026-11-26' },
  );

  it("erases a closed enquirer's details by keyboard, asking first; refuses an applicant's, saying why", async () => {
    const page = await e2e.open('#/purge');
    const { rows } = await e2e.app.call('households.listHouseholds', {});
    const enquirer = rows.find((r) => r.name === 'Ann Forgetme');
    const applicant = rows.find((r) => r.name === 'Ann Applied');
    await tabTo(page, 'Reference to erase', 250, '#erasure-request');
    await page.keyboard.type(applicant!.reference);
    await page.keyboard.press('Enter');
    // The question opens on Cancel: Enter pressed twice erases nothing, and focus is back on the button.
    const question = page.getByRole('group', { name: 'Confirm erasure' });
    await question.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => question.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Erase on request…');
    await page.keyboard.press('Enter');
    await question.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const status = page.locator('#erase-outcome');
    await status.filter({ hasText: 'reg 32(3)' }).waitFor();
    expect(await status.textContent()).toMatch(
      /applied: .*\(reg 32\(3\)\)\. It can be erased from 30\/10\/2029\. Nothing was erased\.$/,
    );
    expect(await page.locator('#erase-reference').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#erase-reference').fill(enquirer!.reference);
    await page.getByRole('button', { name: 'Erase on request…' }).click();
    await page.getByRole('button', { name: 'Yes, erase' }).click();
    await status.filter({ hasText: 'Erased the personal details' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const after = await e2e.app.call('households.getHousehold', { id: enquirer!.id });
    expect(after).toMatchObject({ surname: null, purged: true });
    await page.close();
  });
});
