import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

// The households list cuts a long cell short with an ellipsis, its whole text in a title seen on
// hover only (helper-247): the row holding the keyboard's focus shows every cell whole.
describeE2E('the households list’s cells cut short', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-06',
      firstName: 'Maximilian-Alexander',
      surname: 'Featherstonehaugh-Cholmondeley',
      email: 'maximilian.alexander.featherstonehaugh@example.org',
      telephone: '07700 900123',
    });
  });

  it('shows a row’s cells whole while the keyboard is in it', async () => {
    const page = await e2e.open('#/households');
    await page.setViewportSize({ width: 1024, height: 700 });
    const link = page.getByRole('link', { name: 'FF000001' });
    await link.waitFor();
    const name = page.getByRole('row').filter({ has: link }).getByRole('cell').nth(1);
    // Across, or down: a name wraps onto the row's second line, cut there (helper-273).
    const cut = () =>
      name.evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight);
    await expect.poll(cut).toBe(true);
    await link.focus();
    await expect.poll(cut).toBe(false);
    expect(await name.textContent()).toBe('Maximilian-Alexander Featherstonehaugh-Cholmondeley');
    // The row grows to hold it (its place is a fixed height), over the row below, not under it.
    const row = page.getByRole('row').filter({ has: link });
    expect(await row.evaluate((el) => el.scrollHeight <= el.clientHeight && el.clientHeight > 44)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
