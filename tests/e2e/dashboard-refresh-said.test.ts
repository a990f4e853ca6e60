import { expect, it } from 'vitest';
import type { JSHandle } from 'playwright-core';
import { axeViolations, describeE2E, useE2E } from './harness.ts';
import { focusedName, tabTo } from './keyboard.ts';

// Home's Refresh, pressed by keyboard: focus stays on it and the figures may well not change, so
// nothing said it had done anything. Now a status line says so once the figures are read again,
// each time it is pressed.
describeE2E('Home: Refresh says it refreshed', () => {
  const e2e = useE2E(async (app) => {
    await app.call('households.createHousehold', {
      enquiryDate: '2026-05-04',
      firstName: 'New',
      surname: 'Enquirer',
    });
  });

  it('announces the figures brought up to date, again on a second press, focus kept on Refresh', async () => {
    const page = await e2e.open('#/');
    await page.getByRole('region', { name: /^Open pipeline by stage/ }).waitFor();
    const said = page.getByRole('status').filter({ hasText: 'Figures brought up to date.' });
    expect(await said.count()).toBe(0);
    await tabTo(page, 'Refresh');
    // The words said by the press before: a second press must replace them (said again), not leave them.
    let before: Awaited<ReturnType<typeof said.elementHandle>> | null = null;
    for (let press = 1; press <= 2; press++) {
      const reread = page.waitForResponse((r) => r.url().endsWith('/api/planning.getDashboard'));
      await page.keyboard.press('Enter');
      await reread;
      await expect.poll(() => said.count()).toBe(1);
      if (before) await expect.poll(() => before!.evaluate((el) => el.isConnected)).toBe(false);
      before = await said.locator('span').elementHandle();
      await expect.poll(() => focusedName(page)).toBe('Refresh');
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says a failed Refresh again when it fails a second time with the same words', async () => {
    const page = await e2e.open('#/');
    await page.getByRole('region', { name: /^Open pipeline by stage/ }).waitFor();
    // The figures cannot be read from now on: each Refresh fails with the same message.
    await page.route(/\/api\/planning\.getDashboard$/, (r) =>
      r.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'The figures could not be read.' } }),
      }),
    );
    const alert = page.getByRole('alert').filter({ hasText: 'The figures could not be read.' });
    await tabTo(page, 'Refresh');
    // The alert's words as drawn after the press before: the second failure must replace them (said
    // again). Left as they were, the alert did not change and a screen reader said nothing.
    let before: JSHandle<Node> | null = null;
    for (let press = 1; press <= 2; press++) {
      const reread = page.waitForResponse((r) => r.url().endsWith('/api/planning.getDashboard'));
      await page.keyboard.press('Enter');
      await reread;
      await expect.poll(() => alert.count()).toBe(1);
      await expect.poll(() => focusedName(page)).toBe('Refresh');
      if (before) await expect.poll(() => before!.evaluate((n) => n.isConnected)).toBe(false);
      before = await alert.evaluateHandle((el): Node => el.firstChild!);
    }
    expect(await alert.textContent()).toBe('The figures could not be read.');
    // The figures read before stay on screen beside it.
    expect(await page.getByRole('region', { name: /^Open pipeline by stage/ }).count()).toBe(1);
    await page.close();
  });
});
