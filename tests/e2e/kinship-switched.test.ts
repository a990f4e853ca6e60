import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness.ts';

/**
 * A connected-persons carer who became a mainstream carer keeps its kinship steps: the record
 * still shows them as the kinship journey (not under "Journey dates"), and a reg 24 placement
 * typed wrongly while it was on kinship can be corrected there after the switch.
 */
describeE2E('a kinship household switched to mainstream', () => {
  const e2e = useE2E(
    async (app) => {
      const { id } = await app.call('households.createHousehold', {
        pathway: 'kinship',
        enquiryDate: '2025-06-01',
        firstName: 'Ruth',
        surname: 'Okafor',
      });
      await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: '2025-06-20' });
      await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2025-09-01' });
    },
    { today: '2025-11-26' },
  );
  const placement = () =>
    e2e.app.ctx.store.db
      .prepare("SELECT date FROM journey_dates WHERE household_id = 1 AND kind = 'reg24_placement'")
      .pluck()
      .get();

  it('shows its kinship steps as such and corrects the placement dated while it was kinship', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /Ruth Okafor/ }).waitFor();
    const section = page.getByRole('region', { name: 'Kinship journey' });
    await expect.poll(() => section.getByRole('table').textContent()).toContain('20/06/2025');

    await section
      .getByLabel('Step', { exact: true })
      .selectOption({ label: 'Reg 24 placement (temporary approval) (recorded 20/06/2025)' });
    await expect.poll(() => section.getByLabel('Step date').inputValue()).toBe('20/06/2025');
    await section.getByLabel('Step date').fill('21/06/2025');
    await section.getByLabel('Reason for correcting or removing it').fill('Placement date misread');
    await section.getByRole('button', { name: 'Correct journey date' }).click();
    await expect.poll(placement).toBe('2025-06-21');
    await expect.poll(() => section.getByRole('table').textContent()).toContain('21/06/2025');
    // A placement dated after the switch, when the household was mainstream, is refused, naming the field.
    await section
      .getByLabel('Step', { exact: true })
      .selectOption({ label: 'Reg 24 placement (temporary approval) (recorded 21/06/2025)' });
    await expect.poll(() => section.getByLabel('Step date').inputValue()).toBe('21/06/2025');
    await section.getByLabel('Step date').fill('02/09/2025');
    await section.getByLabel('Reason for correcting or removing it').fill('Later date');
    await section.getByRole('button', { name: 'Correct journey date' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('this household was mainstream on 02/09/2025');
    expect(placement()).toBe('2025-06-21');

    // Its placement's extension is taken after the switch, as the clock follows the placement
    // (it was refused as a kinship step: helper-242); dated after the first limit (11/10/2025), the
    // record says it extends nothing, where the save said nothing of it.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Ruth Okafor/ }).waitFor();
    await section.getByLabel('Step', { exact: true }).selectOption({ label: 'Reg 25 extension' });
    await section.getByLabel('Step date').fill('01/11/2025');
    await section.getByLabel('Why it was extended').fill('Assessment delayed');
    await section.getByRole('button', { name: 'Record journey date' }).click();
    await expect.poll(() => section.getByRole('table').textContent()).toContain('01/11/2025');
    await expect
      .poll(() => section.textContent())
      .toContain('The extension of 01/11/2025 came after the first limit had passed, so it extends nothing');
    await page.close();
  });
});
