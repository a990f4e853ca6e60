import { expect, it } from 'vitest';
import { setClock } from '../../src-main/clock.ts';
import { TEST_NOW } from '../support/clock-setup.ts';
import { answersRead, countAnswersRead, describeE2E, useE2E } from './harness.ts';

// The app is left open at the end of the day, and used again the next morning without restarting.
describeE2E('the app left open overnight', () => {
  const e2e = useE2E(async (app) => {
    for (const [firstName, surname] of [
      ['Amara', 'Nwosu'],
      ['Tomasz', 'Nowak'],
    ])
      await app.call('households.createHousehold', { enquiryDate: '2026-11-20', firstName, surname });
  });

  it("offers the next morning's date, not the day the app was opened, in a form drawn the next morning", async () => {
    const evening = new Date(2026, 10, 26, 23, 50); // 26/11/2026 23:50 where the user is
    const morning = new Date(2026, 10, 27, 8, 30); // 27/11/2026 08:30
    try {
      setClock(evening);
      const page = await e2e.open('#/household?id=1', {
        before: (p) => p.clock.install({ time: evening }),
      });
      await page.getByRole('heading', { level: 1, name: /FF000001 Amara Nwosu/ }).waitFor();
      await expect.poll(() => page.getByLabel('Response date').inputValue()).toBe('26/11/2026');

      // Overnight: the core's clock and the browser's move on together.
      setClock(morning);
      await page.clock.setSystemTime(morning);
      await page.getByRole('link', { name: '← All households' }).click();
      await page.getByRole('link', { name: 'FF000002' }).click();
      await page.getByRole('heading', { level: 1, name: /FF000002 Tomasz Nowak/ }).waitFor();
      expect(await page.getByLabel('Response date').inputValue()).toBe('27/11/2026');
      expect(await page.getByLabel('Closure date').inputValue()).toBe('27/11/2026');
      await page.getByRole('button', { name: 'Record response' }).click();
      await expect
        .poll(() =>
          e2e.app.ctx.store.db.prepare('SELECT responded_date FROM households WHERE id = 2').pluck().get(),
        )
        .toBe('2026-11-27');
      await page.close();
    } finally {
      setClock(TEST_NOW);
    }
  });

  it("asks the core its day again once the browser's day moves on, and keeps to the core's", async () => {
    // A clock only the browser's moves (a test's fixed clock; a core on another clock): the core's day rules.
    const evening = new Date(2026, 10, 26, 23, 50);
    try {
      setClock(evening);
      const page = await e2e.open('#/household?id=1', {
        before: async (p) => {
          await countAnswersRead(p);
          await p.clock.install({ time: evening });
        },
      });
      await page.getByRole('heading', { level: 1, name: /FF000001 Amara Nwosu/ }).waitFor();
      const asked = await answersRead(page, 'system.getStatus');
      await page.clock.setSystemTime(new Date(2026, 10, 27, 8, 30));
      await page.getByRole('link', { name: '← All households' }).click();
      await page.getByRole('link', { name: 'FF000002' }).click();
      await page.getByRole('heading', { level: 1, name: /FF000002 Tomasz Nowak/ }).waitFor();
      await expect.poll(() => answersRead(page, 'system.getStatus')).toBe(asked + 1);
      await page.getByRole('link', { name: '← All households' }).click();
      await page.getByRole('link', { name: 'FF000001' }).click();
      await page.getByRole('heading', { level: 1, name: /FF000001 Amara Nwosu/ }).waitFor();
      expect(await page.getByLabel('Response date').inputValue()).toBe('26/11/2026');
      await page.close();
    } finally {
      setClock(TEST_NOW);
    }
  });
});
