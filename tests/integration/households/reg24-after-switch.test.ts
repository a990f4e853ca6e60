import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * A household placed with under reg 24 and then switched to mainstream keeps its reg 24 clock (the
 * clock follows the placement, not the pathway), but the extension and the IRM review that lengthen
 * or stop it were refused as steps of the kinship journey, so its overdue limit could not be dealt
 * with (helper-242). A step that follows from one recorded is now taken whatever the pathway; a
 * mainstream household never placed with still has no kinship steps.
 */
const TODAY = '2026-12-07';

describe('the reg 24 clock of a household switched to mainstream', () => {
  it('takes the extension and the IRM review of its placement', async () => {
    const app = await testApp({ today: TODAY });
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-05-01',
      surname: 'Moss',
    });
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2026-06-01' });
    for (const [kind, date] of [
      ['viability_request', '2026-06-05'],
      ['reg24_placement', '2026-06-10'],
    ] as const)
      await app.call('households.recordJourneyDate', { id, kind, date });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2026-08-01' });
    const before = await app.call('households.getHousehold', { id });
    expect(before.alerts.map((a) => [a.kind, a.due])).toContainEqual(['reg24_first', '2026-09-30']);

    const extended = await app.call('households.recordJourneyDate', {
      id,
      kind: 'extension',
      date: '2026-09-20',
      extensionReason: 'Assessment delayed by a late reference',
      extensionWeeks: 8,
    });
    expect(extended.alerts.map((a) => [a.kind, a.due])).toContainEqual(['reg24_final', '2026-11-25']);
    const reviewed = await app.call('households.recordJourneyDate', {
      id,
      kind: 'irm_pending_from',
      date: '2026-11-20',
    });
    expect(reviewed.alerts.map((a) => a.kind)).not.toContain('reg24_final');
    await app.call('households.recordJourneyDate', {
      id,
      kind: 'viability_outcome',
      date: '2026-08-10',
      result: 'positive',
    });
  });

  it('still refuses a kinship step to a mainstream household never placed with', async () => {
    const app = await testApp({ today: TODAY });
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-05-01',
      surname: 'Lane',
    });
    await expect(
      app.call('households.recordJourneyDate', { id, kind: 'irm_pending_from', date: '2026-06-01' }),
    ).rejects.toThrow(/step of the kinship \(connected persons\) journey; this household is mainstream/);
  });
});
