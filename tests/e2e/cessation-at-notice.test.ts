import { expect, it } from 'vitest';
import { axeViolations, describeE2E, useE2E } from './harness.ts';

/**
 * A carer resigns on 20/11/2026 and the officer records it that day: fostering ends 28 days on,
 * 18/12/2026. On 26/11/2026 (the tests' today) the record said "Ceased · since 18/12/2026" and the
 * list 0 days in a stage not yet begun (helper-237). It says when fostering ends, and no days (as
 * for every ceased household since helper-278).
 */
describeE2E('a cessation recorded at its notice', () => {
  const e2e = useE2E(async (app) => {
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2023-05-02',
      firstName: 'Grace',
      surname: 'Okafor',
    });
    for (const [kind, date] of [
      ['stage1', '2023-06-01'],
      ['approval', '2024-02-12'],
    ] as const)
      await app.call('households.recordMilestone', { id: h.id, kind, date });
    await app.call('households.ceaseHousehold', {
      id: h.id,
      noticeDate: '2026-11-20',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
    });
  });

  it('says when fostering ends, not since when it has ceased, and counts no days in it', async () => {
    expect(e2e.app.ctx.store.db.prepare('SELECT date FROM cessations').pluck().get()).toBe('2026-12-18');
    const page = await e2e.open('#/household?id=1');
    await page.getByRole('heading', { level: 1, name: /FF000001 Grace Okafor/ }).waitFor();
    expect(await page.locator('.hh-summary').textContent()).toMatch(
      /^Ceased · fostering ends on 18\/12\/2026 · /,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(page.url().replace(/#.*/, '#/households'));
    const row = page.getByRole('row', { name: /FF000001/ });
    await row.waitFor();
    const headers = await page.getByRole('columnheader').allTextContents();
    const days = headers.findIndex((h) => /Days in stage/.test(h));
    expect(days).toBeGreaterThan(-1);
    // As for every ceased household: none counted (households-order.ts STANDING_SINCE), and it says so.
    expect(await row.getByRole('cell').nth(days).getAttribute('title')).toBe('Not counted once ceased');
    await page.close();
  });
});
