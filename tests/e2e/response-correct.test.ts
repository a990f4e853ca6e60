import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// An enquiry answered on the wrong day is corrected on the record, by keyboard, and the history says so.
describeE2E('the enquiry response on the record', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2026-11-20',
      firstName: 'Amara',
      surname: 'Nwosu',
    });
  });

  it('is recorded, then corrected from the same form, and listed as entered by hand', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Amara Nwosu/ }).waitFor();
    const record = page.getByRole('form', { name: 'Record the enquiry response' });
    await record.getByLabel('Response date').fill('23/11/2026');
    await record.getByLabel('Response date').press('Enter');
    const correct = page.getByRole('form', { name: 'Correct the enquiry response' });
    await correct.waitFor();
    expect(await correct.getByLabel('Response date').inputValue()).toBe('23/11/2026');
    const row = page.getByRole('row', { name: /Enquiry answered/ });
    await expect.poll(() => row.textContent()).toContain('23/11/2026');
    expect(await row.textContent()).toContain('By hand');

    // A correction needs its reason, asked for beside the reason's box.
    await correct.getByLabel('Response date').fill('24/11/2026');
    await correct.getByRole('button', { name: 'Correct response' }).press('Enter');
    await expect
      .poll(() => correct.textContent())
      .toContain('The enquiry response is already recorded (23/11/2026); give a reason to correct it.');
    expect(await correct.getByLabel('Reason for the change').getAttribute('aria-invalid')).toBe('true');
    await correct.getByLabel('Reason for the change').fill('Answered the next day');
    await correct.getByLabel('Reason for the change').press('Enter');
    await expect.poll(() => row.textContent()).toContain('24/11/2026');
    expect(await correct.getByLabel('Reason for the change').inputValue()).toBe('');
    expect(
      e2e.app.ctx.store.db.prepare('SELECT responded_date FROM households WHERE id = 1').pluck().get(),
    ).toBe('2026-11-24');
    expect(await axeViolations(page)).toEqual([]);

    // A refused change does not stand beside what the last one saved.
    const savedLine = page.locator('article.hh-record > p.hh-saved');
    await expect.poll(() => savedLine.textContent()).toContain('Saved.');
    await correct.getByLabel('Response date').fill('19/11/2026');
    await correct.getByLabel('Reason for the change').fill('Checked the notes');
    await correct.getByRole('button', { name: 'Correct response' }).press('Enter');
    await expect
      .poll(() => correct.textContent())
      .toContain('Response date 19/11/2026 is before the Enquiry date 20/11/2026.');
    expect(await savedLine.textContent()).toBe('');
    await page.close();
  });
});
