import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../../src-main/contract/reports.ts';
import { testApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * A report author publishes the annual table and, for the executive, the same year by quarter,
 * both suppressed. Whatever the quarterly table hides must not be the annual figure less the
 * quarters it shows.
 */
const TODAY = '2026-11-26';

describe('a quarterly table beside the annual one', () => {
  it('hides a second quarter wherever one hidden quarter is the year less the others', async () => {
    const app = await testApp({ today: TODAY });
    // Enquiries in 2024/25: 6 in Q1, 7 in Q2, 8 in Q3 and 3 in Q4 (24 in the year).
    const perQuarter: Array<[string, number]> = [
      ['2024-05-', 6],
      ['2024-08-', 7],
      ['2024-11-', 8],
      ['2025-02-', 3],
    ];
    let n = 0;
    for (const [month, count] of perQuarter) {
      for (let i = 1; i <= count; i++) {
        n++;
        await app.call('households.createHousehold', {
          reference: `Q${n}`,
          pathway: 'mainstream',
          enquiryDate: `${month}${String(i + 1).padStart(2, '0')}`,
          surname: `Q${n}`,
          confirmDuplicates: true,
        });
      }
    }
    const options = { from: '2024/25', to: '2024/25', pathway: 'mainstream' as const, suppress: true };
    const annual = await app.call('reports.getTable', { table: 'funnel', options });
    const quarterly = await app.call('reports.getTable', {
      table: 'funnel',
      options: { ...options, quarterly: true },
    });
    const enquiries = (r: typeof annual) => r.rows.find((x) => x.key === 'enquiries')!.values;
    expect(enquiries(annual)['2024/25']).toBe(24);
    const q = enquiries(quarterly);
    expect(q['2024/25 Q4']).toBe(SUPPRESSED);
    // Q4 alone hidden would be 24 − 6 − 7 − 8 = 3: the smallest other quarter is hidden with it.
    expect(q['2024/25 Q1']).toBe(SUPPRESSED);
    expect([q['2024/25 Q2'], q['2024/25 Q3']]).toEqual([7, 8]);
    // And so is any rate built on it.
    const rate = quarterly.rows.find((x) => x.key === 'enquiry_to_stage2')!.values;
    expect(rate['2024/25 Q1']).toBeNull();
  });
});

describe('the retention table beside the recruitment and leaving tables', () => {
  it('never hides the approvals to cover a small number ceased: the recruitment table prints them', async () => {
    const app = await testApp({ today: TODAY });
    // 20 households approved in 2023/24, 8 approved in 2024/25; 3 of the first cease in 2024/25.
    let n = 0;
    const approve = (date: string, ceased?: string) =>
      addHousehold(app.ctx.store.db, {
        reference: `R${++n}`,
        episodes: [{ milestones: { enquiry: '2023-04-03', approval: date } }],
        ...(ceased ? { cessation: { date: ceased, reason: 'other' } } : {}),
      });
    for (let i = 0; i < 20; i++) approve('2023-06-01', i < 3 ? '2024-09-01' : undefined);
    for (let i = 0; i < 8; i++) approve('2024-07-01');
    const options = { from: '2024/25', to: '2024/25', pathway: 'mainstream' as const, suppress: true };
    const funnel = await app.call('reports.getTable', { table: 'funnel', options });
    const retention = await app.call('reports.getTable', { table: 'retention', options });
    expect(rowOf(funnel.rows, 'approved')).toEqual({ '2024/25': 8 });
    // start 20 + approved 8 − ceased 3 = end 25: with the 8 hidden, the funnel's 8 gave the 3 back.
    expect(rowOf(retention.rows, 'ceased')).toEqual({ '2024/25': SUPPRESSED });
    expect(rowOf(retention.rows, 'approved')).toEqual({ '2024/25': 8 });
    const stocks = [rowOf(retention.rows, 'households_start'), rowOf(retention.rows, 'households_end')];
    expect(stocks.filter((s) => s['2024/25'] === SUPPRESSED)).toHaveLength(1);
  });
});
