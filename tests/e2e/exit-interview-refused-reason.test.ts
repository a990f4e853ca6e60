import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness.ts';
import { addClosedHousehold } from './closed-household.ts';

// The core names a reason it refuses by its place in the list sent (reasons.0). The form read that
// place in the boxes ticked now, so unticking the refused reason moved the red mark onto the box
// that had come to take its place (helper-268).
describeE2E('exit interview: a refused reason stays marked on its own box', () => {
  const e2e = useE2E(addClosedHousehold, { today: '2025-07-01' });

  it('unticking the refused reason leaves no other box marked; ticking it again marks it', async () => {
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Ada Hart/ }).waitFor();
    const interview = page.getByRole('form', { name: /Exit interview after the closure/ });
    await interview.getByLabel('Held', { exact: true }).check();
    await interview.getByLabel('Offered on').fill('02/06/2025');
    await interview.getByLabel('Held on').fill('09/06/2025');
    await interview.getByLabel('Held by').fill('R. Officer');
    const financial = interview.getByRole('checkbox', { name: 'Unable to continue for financial reasons' });
    const changed = interview.getByRole('checkbox', { name: 'Household circumstances changed' });
    await financial.check();
    await changed.check();
    // Retired in another window after this one drew its choices: the core refuses it, first in the list.
    e2e.app.ctx.store.db
      .prepare("UPDATE reasons SET retired = 1 WHERE list = 'dropout' AND key = 'financial'")
      .run();
    await interview.getByRole('button', { name: 'Save exit interview' }).click();
    const error = interview.getByRole('group', { name: 'Reasons given' }).locator('.field-error');
    await expect.poll(() => error.textContent()).toMatch(/is retired/);
    expect(await financial.getAttribute('aria-invalid')).toBe('true');
    expect(await changed.getAttribute('aria-invalid')).toBeNull();

    // Unticked: the reason still ticked is now first in the list, and was marked in its place.
    await financial.uncheck();
    await expect.poll(() => financial.isChecked()).toBe(false);
    expect(await changed.getAttribute('aria-invalid')).toBeNull();
    expect(await financial.getAttribute('aria-invalid')).toBeNull();
    expect(await interview.locator('[aria-invalid="true"]').count()).toBe(0);

    // Ticked again (after the other, so now second): still the reason refused, marked as such.
    await financial.check();
    await expect.poll(() => financial.getAttribute('aria-invalid')).toBe('true');
    expect(await changed.getAttribute('aria-invalid')).toBeNull();
    expect(e2e.app.ctx.store.db.prepare('SELECT count(*) FROM exit_interviews').pluck().get()).toBe(0);
    await page.close();
  });
});
