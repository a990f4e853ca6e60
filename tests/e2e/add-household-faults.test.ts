import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// Add household said one wrong field a Save (found by a review in Chromium): now every field the
// core refuses is said beside itself at once, and focus goes to the first.
describeE2E('Add household in Chromium', () => {
  const e2e = useE2E();

  it('says a wrong email and a wrong telephone number at once, focus on the first', async () => {
    const page = await e2e.open('#/households');
    await page.getByRole('link', { name: 'Add household' }).click();
    const form = page.getByRole('form', { name: 'Add a household' });
    await form.getByLabel('Surname').fill('Okafor');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByLabel('Telephone').fill('12');
    await form.getByRole('button', { name: 'Save household' }).click();
    const email = form.getByLabel('Email');
    const telephone = form.getByLabel('Telephone');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await telephone.getAttribute('aria-invalid')).toBe('true');
    const described = (field: typeof email) =>
      field.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    expect(await described(email)).toMatch(/"not-an-email" is not an email address/);
    expect(await described(telephone)).toMatch(/"12" is not a UK telephone number/);
    await expect.poll(() => email.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(e2e.app.ctx.store.db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
    await page.close();
  });
});
