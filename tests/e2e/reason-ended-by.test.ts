import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

/**
 * Who ends an assessment for a drop-out reason (which every closure recorded with it must fit)
 * was neither shown nor changed in Settings: a manager could not see why a closure was refused,
 * nor set it on a reason the service added. Keyboard only: Tab, arrows, typing and Enter.
 */
describeE2E("Settings: a drop-out reason's ended by, by keyboard", () => {
  const e2e = useE2E(async (app) => {
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      surname: 'Shah',
    });
    await app.call('households.closeHousehold', {
      id,
      date: '2026-02-01',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
      notes: null,
    });
  });
  const stored = async (key: string) =>
    (await e2e.app.call('reasons.listReasons', { list: 'dropout', includeRetired: true })).find(
      (r) => r.key === key,
    );

  it('shows each reason’s ended by, changes it, refuses a change its closures would not fit, and sets it on a new reason', async () => {
    const page = await e2e.open('#/settings');
    const section = page.getByRole('region', { name: 'Drop-out reasons (applicants)' });
    await section.getByRole('columnheader', { name: 'Ended by' }).waitFor();
    const shown = (label: string) =>
      section
        .getByLabel(`Ended by for ${label}`, { exact: true })
        .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.text);
    expect(await shown('No spare bedroom / housing')).toBe('Applicant');
    expect(await shown('Lost contact / no response')).toBe('Lost contact');
    expect(await shown('Counselled out by the service')).toBe('Service');
    expect(await shown('Other reason / unknown')).toBe('Anyone');
    // Leaving reasons have no ended by.
    const leaving = page.getByRole('region', { name: 'Leaving reasons (approved households)' });
    expect(await leaving.getByRole('columnheader', { name: 'Ended by' }).count()).toBe(0);

    // No closure stands against "No spare bedroom / housing": Applicant → Service is saved.
    await tabTo(page, 'Ended by for No spare bedroom / housing', 400);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Save No spare bedroom / housing', 40);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => section.getByRole('status').textContent())
      .toBe('Saved “No spare bedroom / housing”.');
    await expect.poll(() => focusedName(page)).toBe('Saved “No spare bedroom / housing”.');
    expect((await stored('housing'))?.endedBy).toBe('service');
    expect(await shown('No spare bedroom / housing')).toBe('Service');

    // Shah's closure was ended by the applicant: "Household circumstances changed" may not become
    // the service's. Refused beside its own field, kept as chosen, nothing stored.
    const circumstances = section
      .getByRole('row')
      .filter({ has: page.getByLabel('Ended by for Household circumstances changed') });
    await tabTo(page, 'Ended by for Household circumstances changed', 400);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'Save Household circumstances changed', 40);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => circumstances.getByRole('alert').textContent())
      .toBe(
        'Ended by cannot become "Service": 1 closure recorded with "Household circumstances changed" was ended by "Applicant withdrew" and would no longer fit it. Add a new reason ended by "Service" instead (and retire this one if no more should be recorded with it), or choose "Anyone".',
      );
    const select = page.getByLabel('Ended by for Household circumstances changed');
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    expect(await select.inputValue()).toBe('service');
    expect(await section.getByRole('alert').count()).toBe(1);
    await expect.poll(() => focusedName(page)).toBe('Save Household circumstances changed');
    expect((await stored('circumstances'))?.endedBy).toBe('applicant');

    // A new reason the service ends assessments for: Anyone by default, two up is Service.
    const form = page.getByRole('form', { name: 'Add a drop-out reason' });
    expect(await form.getByLabel('Ended by').inputValue()).toBe('any');
    await tabTo(page, 'New reason', 200, 'section[aria-labelledby="reasons-dropout-title"]');
    await page.keyboard.type('Household circumstances (service)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Ended by');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, 'Add reason', 10);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => section.getByRole('status').textContent())
      .toBe('Added “Household circumstances (service)”.');
    expect(await stored('household_circumstances_service')).toMatchObject({ endedBy: 'service' });
    await expect.poll(() => shown('Household circumstances (service)')).toBe('Service');
    await expect.poll(() => form.getByLabel('Ended by').inputValue()).toBe('any');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
