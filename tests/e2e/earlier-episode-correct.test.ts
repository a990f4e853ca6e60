import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// A household that enquired twice: its first episode's EOI, typed a month wrong, is corrected from
// the record by keyboard (its year's reports count it), and is offered for correction, not removal.
describeE2E('an earlier episode on the record', () => {
  const e2e = useE2E(async (app) => {
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2024-01-10',
      firstName: 'Ola',
      surname: 'Twice',
    });
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2024-03-20' });
    await app.call('households.closeHousehold', {
      id,
      date: '2024-06-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    await app.call('households.reopenHousehold', { id, enquiryDate: '2025-01-10', notes: null });
  });

  it('corrects its date by keyboard, with a reason, and never offers to remove it', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Ola Twice/ }).waitFor();
    const form = page.getByRole('form', { name: 'Correct or remove a milestone' });
    const choice = form.getByLabel('Recorded milestone');
    expect(await choice.locator('option').allTextContents()).toEqual([
      'Enquiry (10/01/2025)',
      'Enquiry (10/01/2024), earlier enquiry of 10/01/2024',
      'EOI / application (20/03/2024), earlier enquiry of 10/01/2024',
    ]);
    expect(await form.getByRole('button', { name: 'Remove milestone' }).count()).toBe(1);
    await choice.focus();
    await choice.selectOption({ label: 'EOI / application (20/03/2024), earlier enquiry of 10/01/2024' });
    expect(await form.getByRole('button', { name: 'Remove milestone' }).count()).toBe(0);
    expect(await form.getByLabel('Correct date').inputValue()).toBe('20/03/2024');
    await form.getByLabel('Correct date').fill('05/04/2024');
    await form.getByLabel('Reason for the change').fill('Typed March for April');
    await form.getByLabel('Reason for the change').press('Enter');
    await expect
      .poll(() => choice.locator('option').allTextContents())
      .toContain('EOI / application (05/04/2024), earlier enquiry of 10/01/2024');
    expect(
      e2e.app.ctx.store.db
        .prepare("SELECT date FROM milestones WHERE household_id = 1 AND episode = 1 AND kind = 'eoi'")
        .pluck()
        .get(),
    ).toBe('2024-04-05');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
