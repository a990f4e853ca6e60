import { describe, expect, it } from 'vitest';
import { computeAlerts } from '../../../src-main/domain/alerts.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The kinship table's 16-week row and the reg 24 alert are one clock: a decision on the alert's
 * due date (placement + 112 days) is within 16 weeks, the day after is not. Worked by hand over
 * 29 February 2024 and over a financial year's end.
 */
async function placed(app: TestApp, reference: string, placement: string, approval: string) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway: 'kinship',
    enquiryDate: '2023-12-01',
    surname: reference,
    confirmDuplicates: true,
  });
  await app.call('households.recordJourneyDate', { id, kind: 'viability_request', date: '2023-12-02' });
  await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: placement });
  for (const [kind, date] of [
    ['stage2', placement],
    ['approval', approval],
  ] as const)
    await app.call('households.recordMilestone', { id, kind, date });
}

describe('the reg 24 clock in the kinship table and the alerts', () => {
  it('agree on the 16-week limit over a leap day and a financial year end', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const alertDue = (placement: string) =>
      computeAlerts({
        status: 'open',
        pathway: 'kinship',
        milestones: { enquiry: '2023-12-01' },
        journey: { reg24_placement: { date: placement } },
        respondedDate: '2023-12-01',
      } as Parameters<typeof computeAlerts>[0])[0]!.due;
    // 29/02/2024 + 112 days = 20/06/2024; 20/12/2024 + 112 days = 11/04/2025 (2025/26).
    expect(alertDue('2024-02-29')).toBe('2024-06-20');
    expect(alertDue('2024-12-20')).toBe('2025-04-11');
    await placed(app, 'L1', '2024-02-29', '2024-06-20'); // on the due date: within 16 weeks
    await placed(app, 'L2', '2024-02-29', '2024-06-21'); // a day late
    await placed(app, 'F1', '2024-12-20', '2025-04-11'); // within, decided in 2025/26
    await placed(app, 'F2', '2024-12-20', '2025-04-12');
    const t = await app.call('reports.getTable', {
      table: 'kinship',
      options: { from: '2023/24', to: '2025/26' },
    });
    const row = (k: string) => t.rows.find((r) => r.key === k)!.values;
    expect(row('decided_within_16_weeks')).toEqual({ '2023/24': 0, '2024/25': 1, '2025/26': 1, total: 2 });
    expect(row('decided_within_24_weeks')).toEqual({ '2023/24': 0, '2024/25': 2, '2025/26': 2, total: 4 });
    expect(row('reg24_placements')).toEqual({ '2023/24': 2, '2024/25': 2, '2025/26': 0, total: 4 });
  });
});
