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
    // Q1 is 6 and reads "<5": the definition beside the table must not say every "<5" is 1 to 4.
    const marker = quarterly.definitions!.find((d) => d.label === '<5 (suppressed)')!.text;
    expect(marker).toMatch(
      /a second count is hidden too and also shown as <5, although it may be larger \(or 0\)/,
    );
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

describe('retention beside the recruitment table, by quarter', () => {
  it('hides an approvals count wherever the recruitment table hides it', async () => {
    const app = await testApp({ today: TODAY });
    // 2021/22: 5 approved in Q3 and 2 in Q4. The recruitment table hides the 2 and, since the
    // year's 7 is printed, the 5 with it; retention printing the 5 would give the 2 back.
    let n = 0;
    const approve = (date: string) =>
      addHousehold(app.ctx.store.db, {
        reference: `A${++n}`,
        episodes: [{ milestones: { enquiry: '2021-04-05', approval: date } }],
      });
    for (let i = 0; i < 5; i++) approve('2021-10-15');
    for (let i = 0; i < 2; i++) approve('2022-01-20');
    const options = {
      from: '2021/22',
      to: '2021/22',
      pathway: 'mainstream' as const,
      quarterly: true,
      suppress: true,
    };
    const funnel = await app.call('reports.getTable', { table: 'funnel', options });
    const retention = await app.call('reports.getTable', { table: 'retention', options });
    expect(rowOf(funnel.rows, 'approved')).toMatchObject({
      '2021/22 Q3': SUPPRESSED,
      '2021/22 Q4': SUPPRESSED,
    });
    expect(rowOf(retention.rows, 'approved')).toMatchObject({
      '2021/22 Q3': SUPPRESSED,
      '2021/22 Q4': SUPPRESSED,
    });
  });
});

describe('retention by quarter beside retention by year', () => {
  /** Households approved on `approved`, ceasing on `ceased` where given. */
  async function retention(households: Array<{ approved: string; ceased?: string }>, year: string) {
    const app = await testApp({ today: TODAY });
    households.forEach((h, i) =>
      addHousehold(app.ctx.store.db, {
        reference: `S${i}`,
        episodes: [{ milestones: { enquiry: '2019-04-01', approval: h.approved } }],
        ...(h.ceased ? { cessation: { date: h.ceased, reason: 'other' } } : {}),
      }),
    );
    const options = { from: year, to: year, pathway: 'mainstream' as const, suppress: true };
    const get = (quarterly: boolean) =>
      app.call('reports.getTable', { table: 'retention', options: { ...options, quarterly } });
    const [annual, quarterly] = [await get(false), await get(true)];
    const q = (row: string) => rowOf(quarterly.rows, row);
    const hidden = (row: string, c: string) => q(row)[c] === SUPPRESSED;
    const quarters = quarterly.columns.map((c) => c.key);
    return { annual: (row: string) => rowOf(annual.rows, row)[year], q, hidden, quarters };
  }

  it('does not end a chain of hidden stocks where the next quarter gives them back', async () => {
    // 7 carers at the start of 2023/24; one approved in each of Q1 and Q2; one ceased in each of
    // Q1, Q2 and Q3: 7, 7, 7, 6 at the quarters' ends.
    const t = await retention(
      [
        ...Array.from({ length: 7 }, (_, i) => ({
          approved: '2022-06-01',
          ceased: ['2023-05-15', '2023-08-15', '2023-11-15'][i],
        })),
        { approved: '2023-05-01' },
        { approved: '2023-08-01' },
      ],
      '2023/24',
    );
    expect(t.q('ceased')['2023/24 Q3']).toBe(SUPPRESSED);
    // Hiding Q3's end (6) alone would hide Q4's start with it, yet Q4's start is its end (the
    // year's, printed by the annual table) with nobody approved or ceased: 6, so the one ceased
    // in Q3 was 7 − 6. Q3's start is hidden instead, with Q2's end.
    for (const c of t.quarters) {
      const four = ['households_start', 'approved', 'ceased', 'households_end'];
      expect(
        four.filter((k) => t.hidden(k, c)),
        c,
      ).not.toHaveLength(1);
    }
    // Either Q3's start is hidden (with Q2's end), or the chain from Q3's end runs hidden to the
    // year's end in both tables (suppressed as one, the table by years may hide it for the quarters).
    const chainHidden =
      t.hidden('households_end', '2023/24 Q3') &&
      t.hidden('households_start', '2023/24 Q4') &&
      t.hidden('households_end', '2023/24 Q4') &&
      t.annual('households_end') === SUPPRESSED;
    expect(
      chainHidden || (t.hidden('households_start', '2023/24 Q3') && t.hidden('households_end', '2023/24 Q2')),
    ).toBe(true);
  });

  it('hides the first quarter’s start where the annual table hides the year’s', async () => {
    // 5 carers at the start of 2021/22 and one approved in Q3: the annual table hides the 1
    // approved and, to cover it, the start (5); printing Q1's start (the same 5) would give both.
    const t = await retention(
      [...Array.from({ length: 5 }, () => ({ approved: '2020-06-01' })), { approved: '2021-11-01' }],
      '2021/22',
    );
    expect(t.annual('approved')).toBe(SUPPRESSED);
    expect(t.annual('households_start')).toBe(SUPPRESSED);
    expect(t.hidden('households_start', '2021/22 Q1')).toBe(true);
    // And Q3's approval is not Q3's end less its start.
    expect(t.hidden('households_start', '2021/22 Q3') || t.hidden('households_end', '2021/22 Q3')).toBe(true);
  });
});
