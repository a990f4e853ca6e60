import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/**
 * An approved household whose panel date an import left out: the record offered only to correct
 * or remove the dates it had, so the panel could never be entered and the timescales never count
 * it (helper-237). It offers the steps the record lacks, which the order rules place before the approval.
 */
describeE2E('a step an approved household lacks', () => {
  const e2e = useE2E(async (app) => {
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2024-01-10',
      firstName: 'Ada',
      surname: 'Hart',
    });
    for (const [kind, date] of [
      ['eoi', '2024-02-01'],
      ['stage1', '2024-03-01'],
      ['stage2', '2024-06-01'],
      ['approval', '2024-10-20'],
    ] as const)
      await app.call('households.recordMilestone', { id: h.id, kind, date });
  });

  it('is recorded from the record, in its place before the approval', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Ada Hart/ }).waitFor();
    const form = page.getByRole('form', { name: 'Record a milestone' });
    await form.getByLabel('Milestone').selectOption({ label: 'Panel' });
    // After the approval: refused beside the date, nothing stored.
    await form.getByLabel('Date').fill('01/11/2024');
    await form.getByRole('button', { name: 'Record milestone' }).click();
    await form.getByText('Approved date 20/10/2024 is before the Panel date 01/11/2024.').waitFor();
    const panel = () =>
      e2e.app.ctx.store.db.prepare("SELECT date FROM milestones WHERE kind = 'panel'").pluck().get();
    expect(panel()).toBeUndefined();
    await form.getByLabel('Date').fill('10/10/2024');
    await form.getByRole('button', { name: 'Record milestone' }).click();
    await expect.poll(panel).toBe('2024-10-10');
    expect(await page.locator('.hh-summary').textContent()).toMatch(/^Approved · since 20\/10\/2024 · /);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
