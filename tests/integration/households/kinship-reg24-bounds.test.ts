import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The temporary approval "lasts up to 16 weeks from the placement, extendable once by up to 8
 * weeks (reg 25)". Settings took a first limit of 30 weeks and a final one of 52, and an extension
 * dated after the approval had run out moved its limit on; both showed an ended approval as
 * running (found by a review of the alerts).
 */
async function placed(app: TestApp, reference: string, extension?: string): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway: 'kinship',
    enquiryDate: '2026-04-20',
    surname: reference,
    confirmDuplicates: true,
  });
  await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: '2026-05-04' });
  if (extension)
    await app.call('households.recordJourneyDate', {
      id,
      kind: 'extension',
      date: extension,
      extensionReason: 'A late reference',
    });
  return id;
}
const reg24 = async (app: TestApp, id: number) =>
  (await app.call('households.getHousehold', { id })).alerts
    .filter((a) => a.kind.startsWith('reg24'))
    .map((a) => [a.kind, a.due, a.overdue]);

describe('the reg 24 limits are the law’s at most', () => {
  it('Settings refuse a limit past 16 or 24 weeks; one stored before is read as the law’s', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const { thresholds } = await app.call('alerts.getThresholds', {});
    for (const [field, weeks] of [
      ['kinshipFirstWeeks', 30],
      ['kinshipFinalWeeks', 52],
    ] as const) {
      const bad = (await app
        .call('alerts.setThresholds', { ...thresholds, [field]: weeks })
        .catch((e) => e)) as ApiError;
      expect(bad.field).toBe(field);
    }
    // A service may be warned sooner.
    await app.call('alerts.setThresholds', { ...thresholds, kinshipFirstWeeks: 14, kinshipFinalWeeks: 22 });
    const id = await placed(app, 'K1');
    // Placed 04/05/2026: 14 weeks is 10/08/2026.
    expect(await reg24(app, id)).toEqual([['reg24_first', '2026-08-10', true]]);
    // An extension in week 15 was made in time, as the law counts (16 weeks): 22 weeks is 05/10/2026.
    expect(await reg24(app, await placed(app, 'K1X', '2026-08-20'))).toEqual([
      ['reg24_final', '2026-10-05', true],
    ]);
    // A setting stored before the bound (as an earlier version took it) counts as 16 weeks: 24/08/2026.
    app.ctx.store.db
      .prepare(
        "UPDATE settings SET value = json_set(value, '$.kinshipFirstWeeks', 30) WHERE key = 'alerts.thresholds'",
      )
      .run();
    expect(await reg24(app, id)).toEqual([['reg24_first', '2026-08-24', true]]);
    // And Settings show it as the clocks use it.
    expect((await app.call('alerts.getThresholds', {})).thresholds.kinshipFirstWeeks).toBe(16);
  });

  it('an extension dated after the 16 weeks had run out does not bring the approval back', async () => {
    const app = await testApp({ today: '2026-11-26' });
    // Placed 04/05/2026: 16 weeks to 24/08/2026, 24 to 19/10/2026.
    const inTime = await placed(app, 'K2', '2026-08-20');
    const late = await placed(app, 'K3', '2026-09-20');
    expect(await reg24(app, inTime)).toEqual([['reg24_final', '2026-10-19', true]]);
    expect(await reg24(app, late)).toEqual([['reg24_first', '2026-08-24', true]]);
    const list = await app.call('households.listHouseholds', { search: 'K3' });
    expect(list.rows.map((r) => [r.nextAlert, r.nextAlertDate])).toEqual([['reg24_first', '2026-08-24']]);
  });
});
