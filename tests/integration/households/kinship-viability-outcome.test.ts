import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * The viability outcome decides whether a connected person goes on to the full assessment, so it
 * comes before the full approval, as its request does. Dated after the approval it was stored, and
 * the kinship table counted a positive viability outcome in a year after the household was
 * approved. Households written through the contract on a real SQLite file; the clock is the app's.
 */
describe('a kinship household’s viability outcome', () => {
  it('is dated on or before the approval, and the approval is not moved before it', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'K1',
      pathway: 'kinship',
      enquiryDate: '2025-04-02',
      surname: 'K1',
      confirmDuplicates: true,
    });
    await app.call('households.recordJourneyDate', { id, kind: 'viability_request', date: '2025-04-07' });
    await app.call('households.recordMilestone', { id, kind: 'stage2', date: '2025-05-01' });
    await app.call('households.recordMilestone', { id, kind: 'panel', date: '2025-08-25' });
    await app.call('households.recordMilestone', { id, kind: 'approval', date: '2025-09-01' });
    const outcomes = async () =>
      (
        await app.call('reports.getTable', {
          table: 'kinship',
          options: { from: '2025/26', to: '2026/27', pathway: 'kinship' },
        })
      ).rows.find((r) => r.key === 'viability_positive')!.values;
    const before = await outcomes();
    await expect(
      app.call('households.recordJourneyDate', {
        id,
        kind: 'viability_outcome',
        date: '2026-04-10',
        result: 'positive',
      }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'date',
      message:
        'Viability outcome date 10/04/2026 is after the approval date 01/09/2025: a viability assessment comes before the approval.',
    });
    expect(await outcomes()).toEqual(before);
    // Dated before the approval (recorded late, here after the panel), it is taken; the approval is
    // then not moved before it.
    await app.call('households.recordJourneyDate', {
      id,
      kind: 'viability_outcome',
      date: '2025-08-28',
      result: 'positive',
    });
    await expect(
      app.call('households.correctMilestone', { id, kind: 'approval', date: '2025-08-27', reason: 'Typo' }),
    ).rejects.toMatchObject({
      code: 'rule_violation',
      message: expect.stringContaining(
        'Approved date 27/08/2025 is before the viability outcome date 28/08/2025: correct that first.',
      ),
    });
  });
});
