import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName } from './keyboard.ts';

// The household record's Close (drop out) form said its faults in two passes: a reason left empty
// first (the browser's check), and only once a reason was chosen and the core asked, a closure
// date before the Stage 1 date; a date fault and an Ended by that does not fit the reason came one
// press apart as well (the core answers one refusal). Every fault the form can know is now said at
// once, each beside its field, by the rules the core refuses them by.
describeE2E('the close form says every fault it can know at once', () => {
  const e2e = useE2E(async (app) => {
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2025-04-01',
      firstName: 'Ann',
      surname: 'Lee',
    });
    await app.call('households.recordMilestone', { id: h.id, kind: 'stage1', date: '2025-06-01' });
    const k = await app.call('households.createHousehold', {
      enquiryDate: '2025-04-01',
      firstName: 'Ben',
      surname: 'Ode',
    });
    await app.call('households.recordMilestone', { id: k.id, kind: 'stage1', date: '2025-06-01' });
    await app.call('households.recordJourneyDate', {
      id: k.id,
      kind: 'stage1_information',
      date: '2025-09-01',
    });
  });
  const closures = (id = 1) =>
    e2e.app.ctx.store.db.prepare('SELECT COUNT(*) FROM closures WHERE household_id = ?').pluck().get(id);

  it('a date before Stage 1 beside an empty reason, then beside an Ended by that does not fit; fixed, it closes', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /Ann Lee/ }).waitFor();
    const close = page.getByRole('form', { name: 'Close the household' });
    const date = close.getByLabel('Closure date');
    await date.fill('01/05/2025');
    // Leaving the field says nothing yet (its words would move the button from under the pointer):
    // the click submits, and every field says its fault at once.
    await close.getByRole('button', { name: 'Close household' }).click();
    await expect
      .poll(() => close.getByRole('alert').allTextContents())
      .toEqual([
        'Closure date 01/05/2025 is before the Stage 1 date 01/06/2025.',
        'Reason: choose one.',
        'Ended by: choose one.',
      ]);
    await expect.poll(() => focusedName(page)).toBe('Closure date');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await close.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    // The reason says the service ends it; the officer says the applicant did.
    await close.getByLabel('Reason').selectOption({ label: 'Counselled out by the service' });
    await close.getByLabel('Ended by').selectOption({ label: 'Applicant withdrew' });
    await close.getByRole('button', { name: 'Close household' }).click();
    await expect
      .poll(() => close.getByRole('alert').allTextContents())
      .toEqual([
        'Closure date 01/05/2025 is before the Stage 1 date 01/06/2025.',
        'Ended by "Applicant withdrew" does not fit the reason "Counselled out by the service", which the service ends an assessment for: choose "Service ended it", or another reason.',
      ]);
    expect(await close.getByLabel('Ended by').getAttribute('aria-invalid')).toBe('true');
    expect(closures()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Each fault goes as its field is put right, and the household closes (by keyboard this time).
    await date.fill('01/07/2025');
    await close.getByLabel('Ended by').selectOption({ label: 'Service ended it' });
    await expect.poll(() => close.getByRole('alert').count()).toBe(0);
    await date.press('Enter');
    await expect.poll(() => closures()).toBe(1);
    await page.close();
  });

  it('a date before a dated step of the journey, in the core’s own words, beside the empty choices', async () => {
    // What the one writer answers for that date: the form says the same, from the same rule.
    const refusal = await e2e.app
      .call('households.closeHousehold', {
        id: 2,
        date: '2025-08-01',
        reasonKey: 'other',
        endedBy: 'applicant',
        notes: null,
      })
      .then(
        () => 'closed',
        (e: unknown) => (e as Error).message,
      );
    expect(refusal).toContain('is before the');
    const page = await e2e.open('#/household?id=2');
    await page.getByRole('heading', { level: 1, name: /Ben Ode/ }).waitFor();
    const close = page.getByRole('form', { name: 'Close the household' });
    await close.getByLabel('Closure date').fill('01/08/2025');
    await close.getByRole('button', { name: 'Close household' }).click();
    await expect
      .poll(() => close.getByRole('alert').allTextContents())
      .toEqual([refusal, 'Reason: choose one.', 'Ended by: choose one.']);
    expect(closures(2)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
