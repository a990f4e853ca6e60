import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness.ts';

/**
 * From a filtered list into a record and back by its link: the link went to the whole list (the
 * filter gone), and focus fell to the page's body with the title unchanged, as the record and the
 * list are one screen (helper-237). Back by the link finds the list as left, focus at its start.
 */
describeE2E('a record and the list it was opened from', () => {
  const e2e = useE2E(async (app) => {
    for (const surname of ['Hart', 'Okafor']) {
      const h = await app.call('households.createHousehold', { enquiryDate: '2025-05-01', surname });
      if (surname === 'Okafor')
        await app.call('households.closeHousehold', {
          id: h.id,
          date: '2025-06-01',
          reasonKey: 'lost_contact',
          endedBy: 'lost_contact',
        });
    }
  });

  it('goes back to the list as it was left, and moves focus and the title both ways', async () => {
    const page = await e2e.open('#/households?status=open');
    const row = page.getByRole('row', { name: /Hart/ });
    await row.waitFor();
    expect(await page.getByRole('row', { name: /Okafor/ }).count()).toBe(0);
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Hart/ }).waitFor();
    await expect.poll(() => page.title()).toBe('FF000001 – Households – Fostering Funnel');
    await page.getByRole('link', { name: '← All households' }).click();
    await page.getByRole('heading', { level: 1, name: 'Households' }).waitFor();
    expect(new URL(page.url()).hash).toContain('status=open');
    await page.getByRole('row', { name: /Hart/ }).waitFor();
    expect(await page.getByRole('row', { name: /Okafor/ }).count()).toBe(0);
    await expect.poll(() => page.title()).toBe('Households – Fostering Funnel');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('drops a filter the list cannot take from the address, rather than standing at Loading', async () => {
    // pathway=all is the Reports screen's own; the list stood at "Loading…" under the core's
    // refusal in its words (helper-248). A filter it can take is kept beside it.
    const page = await e2e.open('#/households?pathway=all&status=open&fy=2025-26');
    await page.getByRole('row', { name: /Hart/ }).waitFor();
    expect(await page.getByRole('row', { name: /Okafor/ }).count()).toBe(0);
    expect(await page.getByText('Loading…').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});
