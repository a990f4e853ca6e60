import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/**
 * On 08/12/2026 the list read 8 days in stage for a household closed at Stage 1 eight days before
 * (helper-278): the days since its closure, beside the stage it had left. An ended household counts
 * no days; its cell shows a dash and says why, read out and on hover, while an open one counts on.
 */
describeE2E('days in stage of a closed household on the households list', () => {
  const e2e = useE2E(
    async (app) => {
      for (const [surname, close] of [
        ['Open', false],
        ['Closed', true],
      ] as const) {
        const { id } = await app.call('households.createHousehold', {
          enquiryDate: '2026-09-01',
          firstName: 'Sam',
          surname,
        });
        await app.call('households.recordMilestone', { id, kind: 'stage1', date: '2026-10-01' });
        if (close)
          await app.call('households.closeHousehold', {
            id,
            date: '2026-11-30',
            reasonKey: 'lost_contact',
            endedBy: 'lost_contact',
          });
      }
    },
    { today: '2026-12-08' },
  );

  it('shows a dash that says the days are not counted once closed, and an open household’s days', async () => {
    const page = await e2e.open('#/households');
    await page.getByRole('row', { name: /Sam Closed/ }).waitFor();
    const headers = await page.getByRole('columnheader').allTextContents();
    const days = headers.findIndex((h) => /Days in stage/.test(h));
    expect(days).toBeGreaterThan(-1);
    const cell = (name: string) =>
      page
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('cell')
        .nth(days);
    expect((await cell('Sam Open').textContent())?.trim()).toBe('68');
    const closed = cell('Sam Closed');
    expect(await closed.getAttribute('title')).toBe('Not counted once closed');
    expect(await closed.locator('.visually-hidden').textContent()).toBe('Not counted once closed');
    // The dash shown, the words read out (clipped, not shown): the cell holds nothing else.
    expect(await closed.locator('[aria-hidden="true"]').textContent()).toBe('–');
    expect((await closed.textContent())?.trim()).toBe('–Not counted once closed');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
