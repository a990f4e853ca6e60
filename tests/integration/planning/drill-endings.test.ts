import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { addHousehold } from '../reports/fixture.ts';
import { addEndings, ENDINGS_TODAY } from './endings-fixture.ts';

/**
 * The households behind Home's figures of endings say when each closed or left and why: a list of
 * drop-outs or of the net change (approvals less cessations) gave a manager references and names
 * only, and the reason had to be looked up in each record.
 */

describe("Home's drill lists of endings", () => {
  it('give each household the closure or cessation it was counted for, dated, with its reason in words', async () => {
    const app = await testApp({ today: ENDINGS_TODAY });
    const db = app.ctx.store.db;
    addEndings(db);

    const d = await app.call('planning.getDashboard', {});
    const net = d.yearToDate.find((r) => r.key === 'net_change')!.thisYear;
    expect(net.value).toBe(1); // 3 approved (A1, A2, C2) less 2 ceased (C1, C2)
    const netList = await app.call('planning.listHouseholds', { drill: net.drill });
    expect(netList.households.map((h) => [h.reference, h.events])).toEqual([
      ['A1', [{ kind: 'approved', date: '2025-06-10', stage: null, reason: null }]],
      ['A2', [{ kind: 'approved', date: '2025-07-01', stage: null, reason: null }]],
      [
        'C1',
        [
          {
            kind: 'ceased',
            date: '2025-09-03',
            stage: null,
            reason: 'Transfer to an independent fostering agency',
            // No exit interview held: nothing said (drill-interview-said.test.ts has one held).
            said: null,
            mightReturn: null,
          },
        ],
      ],
      [
        'C2',
        [
          { kind: 'approved', date: '2025-05-02', stage: null, reason: null },
          {
            kind: 'ceased',
            date: '2025-10-20',
            stage: null,
            reason: 'Personal circumstances e.g. separation, bereavement, retirement',
            // No exit interview held: nothing said (drill-interview-said.test.ts has one held).
            said: null,
            mightReturn: null,
          },
        ],
      ],
    ]);

    const dropouts = await app.call('planning.listHouseholds', { drill: d.dropouts.total.drill });
    expect(dropouts.households.map((h) => [h.reference, h.events])).toEqual([
      [
        'D1',
        [
          {
            kind: 'closed',
            date: '2025-08-01',
            stage: 'stage1',
            reason: 'Counselled out',
            // No exit interview held: nothing said (drill-interview-said.test.ts has those held).
            said: null,
            mightReturn: null,
          },
        ],
      ],
    ]);
    const byReason = await app.call('planning.listHouseholds', { drill: d.dropouts.top[0]!.count.drill });
    expect(byReason.households[0]!.events).toEqual(dropouts.households[0]!.events);

    // A figure of no endings (households approved) lists no events.
    const approvals = await app.call('planning.listHouseholds', { drill: d.forecast.approvedSoFar.drill });
    expect(approvals.households.map((h) => [h.reference, h.events])).toEqual([
      ['A1', undefined],
      ['A2', undefined],
      ['C2', undefined],
    ]);
  });

  it('say what the net change adds up: approvals, cessations, and the households that were both', async () => {
    const app = await testApp({ today: ENDINGS_TODAY });
    const db = app.ctx.store.db;
    addEndings(db);
    // Last year to the same point (26/11/2024): one cessation and no approval.
    addHousehold(db, {
      reference: 'L1',
      episodes: [
        {
          milestones: {
            enquiry: '2020-01-01',
            eoi: '2020-01-01',
            stage1: '2020-01-01',
            stage2: '2020-01-01',
            panel: '2020-09-01',
            approval: '2020-09-01',
          },
        },
      ],
      cessation: { date: '2024-09-01', reason: 'permanence' },
    });
    const d = await app.call('planning.getDashboard', {});
    const row = d.yearToDate.find((r) => r.key === 'net_change')!;
    const list = (drill: string) => app.call('planning.listHouseholds', { drill });
    const now = await list(row.thisYear.drill);
    expect([row.thisYear.value, now.total]).toEqual([1, 4]);
    expect(now.note).toBe(
      '3 approved and 2 ceased to foster: net change +1. 1 household was both, listed once.',
    );
    const before = await list(row.lastYear.drill);
    expect(row.lastYear.value).toBe(-1);
    expect(before.note).toBe('0 approved and 1 ceased to foster: net change \u22121.');
    // Only the net change's list has a line: the figures of one kind say what they count in their title.
    expect((await list(d.dropouts.total.drill)).note).toBeUndefined();
  });
});
