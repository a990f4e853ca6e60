import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness.ts';
import { focusedName } from './keyboard.ts';

/**
 * A refusal the core pins on a field takes focus to that field, in every form: Details, the journey
 * date form and Settings' alert timescales left it on the button (helper-241, helper-242), where a
 * keyboard user had to find the field the message was beside.
 */
describeE2E('focus after a refusal the core pins on a field', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2025-06-02',
      surname: 'Hart',
      pathway: 'kinship',
    });
  });
  const db = () => e2e.app.ctx.store.db;

  it('goes to the refused field of Details and of the journey date form', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /Hart/ }).waitFor();
    const details = page.getByRole('form', { name: 'Details' });
    await details.getByLabel('Postcode').fill('ZZ1 !!');
    await details.getByRole('button', { name: 'Save details' }).focus();
    await page.keyboard.press('Enter');
    await details.getByText('is not a UK postcode').waitFor();
    await expect.poll(() => focusedName(page)).toBe('Postcode');
    expect(db().prepare('SELECT postcode FROM households').pluck().get()).toBeNull();

    const steps = page.getByRole('form', { name: 'Record a journey date' });
    await steps.getByLabel('Step', { exact: true }).selectOption({ label: 'Viability assessment requested' });
    await steps.getByLabel('Step date').fill('01/05/2025');
    await steps.getByRole('button', { name: 'Record journey date' }).focus();
    await page.keyboard.press('Enter');
    await steps.getByText('before the enquiry date').waitFor();
    await expect.poll(() => focusedName(page)).toBe('Step date');
    expect(db().prepare('SELECT COUNT(*) FROM journey_dates').pluck().get()).toBe(0);
    await page.close();
  });

  it('goes to the refused field of the alert timescales in Settings', async () => {
    const page = await e2e.open('#/settings');
    await page.getByRole('heading', { name: 'Alert timescales' }).waitFor();
    const field = page.getByLabel('Kinship temporary approval, first limit (weeks)');
    await field.fill('17');
    await page.getByLabel('Kinship temporary approval with extension (weeks)').fill('30');
    await page.getByRole('button', { name: 'Save timescales' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('cannot be longer than the 16 weeks').waitFor();
    // Both faults at once, each beside its field (the second was said only after the first was put right).
    await page.getByText('cannot be longer than the 24 weeks').waitFor();
    await expect.poll(() => focusedName(page)).toBe('Kinship temporary approval, first limit (weeks)');
    await page.close();
  });
});
