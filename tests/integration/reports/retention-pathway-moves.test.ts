import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/contract/reports.ts';
import { chartSpec } from '../../../src-renderer/src/reports/chart-spec.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from './fixture.ts';

/**
 * A carer household that changes pathway while approved. The retention table counted it on its
 * pathway at approval in every row, while the leaving table beside it (and the Ofsted return)
 * count a cessation on the pathway at its date: approved as mainstream on 10/02/2022, switched
 * to kinship on 01/06/2023 and ceased on 31/03/2024, its 2023/24 cessation was retention's
 * mainstream and the leaving table's kinship. Now every row counts a household on the pathway
 * of its own date, and the change is a move between the two pathways' households; the households
 * at the end of a year are then the Ofsted return's households at 31 March in each column too.
 */
const TODAY = '2026-11-26';
const RANGE = { from: '2021/22', to: '2025/26' } as const;
const STEPS = ['eoi', 'stage1', 'stage2', 'panel'] as const;

async function approved(app: TestApp, reference: string, enquiry: string, approval: string): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway: 'mainstream',
    enquiryDate: enquiry,
    surname: reference,
    confirmDuplicates: true,
  });
  // Each step a month after the one before, the approval on its own date.
  const start = new Date(`${enquiry}T00:00:00Z`);
  for (const [i, kind] of STEPS.entries()) {
    const d = new Date(start);
    d.setUTCMonth(d.getUTCMonth() + i + 1);
    await app.call('households.recordMilestone', { id, kind, date: d.toISOString().slice(0, 10) });
  }
  await app.call('households.recordMilestone', { id, kind: 'approval', date: approval });
  return id;
}

const cease = (app: TestApp, id: number, date: string) =>
  app.call('households.ceaseHousehold', { id, date, reasonKey: 'permanence', initiatedBy: 'carer' });
const switchTo = (app: TestApp, id: number, pathway: 'mainstream' | 'kinship', date: string) =>
  app.call('households.switchPathway', { id, pathway, date });

const table = (app: TestApp, t: 'retention' | 'leaving', pathway: string, quarterly = false) =>
  app.call('reports.getTable', {
    table: t,
    options: { ...RANGE, pathway: pathway as 'mainstream', quarterly, suppress: false },
  });

const drillCount = async (app: TestApp, pathway: string, quarterly: boolean, row: string, column: string) =>
  (
    await app.call('reports.listHouseholds', {
      table: 'retention',
      options: { ...RANGE, pathway: pathway as 'mainstream', quarterly, suppress: false },
      section: '',
      row,
      column,
    })
  ).total;

const num = (r: Report, row: string, col: string) => Number(rowOf(r.rows, row)[col] ?? 0);

describe('retention when a carer household changes pathway while approved', () => {
  it('counts each row on the pathway of its date, with the change as a move, and ceased as the leaving total', async () => {
    const app = await testApp({ today: TODAY });
    // The audit's household: mainstream approval, kinship from 01/06/2023, ceased 31/03/2024.
    const a = await approved(app, 'A1', '2021-04-10', '2022-02-10');
    await switchTo(app, a, 'kinship', '2023-06-01');
    await cease(app, a, '2024-03-31');
    // Switched on its approval day: approved as kinship, no move.
    const b = await approved(app, 'B1', '2022-05-01', '2022-11-15');
    await switchTo(app, b, 'kinship', '2022-11-15');
    // Switched to kinship and back within 2024/25: a move out and a move in that year.
    const c = await approved(app, 'C1', '2021-05-01', '2021-12-01');
    await switchTo(app, c, 'kinship', '2024-05-01');
    await switchTo(app, c, 'mainstream', '2024-09-01');
    // Switched on the day it ceased: it leaves from kinship, so it moved there first.
    const d = await approved(app, 'D1', '2021-06-01', '2022-01-05');
    await switchTo(app, d, 'kinship', '2025-07-01');
    await cease(app, d, '2025-07-01');

    // Switched to kinship a year after its approval and still approved: kinship at each 31 March since.
    const e = await approved(app, 'E1', '2021-03-01', '2022-03-01');
    await switchTo(app, e, 'kinship', '2023-01-10');
    // Switched to kinship and back on the same day (a mistake undone): no move.
    const f = await approved(app, 'F1', '2021-07-01', '2022-02-01');
    await switchTo(app, f, 'kinship', '2024-06-01');
    await switchTo(app, f, 'mainstream', '2024-06-01');

    const m = await table(app, 'retention', 'mainstream');
    const k = await table(app, 'retention', 'kinship');
    const all = await table(app, 'retention', 'all');
    expect(rowOf(m.rows, 'moved_out')).toEqual({
      '2021/22': 0,
      '2022/23': 1,
      '2023/24': 1,
      '2024/25': 1,
      '2025/26': 1,
    });
    expect(rowOf(m.rows, 'moved_in')['2024/25']).toBe(1);
    expect(rowOf(k.rows, 'moved_in')).toEqual({
      '2021/22': 0,
      '2022/23': 1,
      '2023/24': 1,
      '2024/25': 1,
      '2025/26': 1,
    });
    expect(rowOf(k.rows, 'moved_out')['2024/25']).toBe(1);
    expect(rowOf(m.rows, 'ceased')['2023/24']).toBe(0);
    expect(rowOf(k.rows, 'ceased')['2023/24']).toBe(1);
    expect(rowOf(k.rows, 'ceased')['2025/26']).toBe(1);
    expect(rowOf(k.rows, 'approved')['2022/23']).toBe(1); // B1, on kinship from its approval day
    expect(rowOf(m.rows, 'approved')['2022/23']).toBe(0);
    expect(rowOf(m.rows, 'households_end')['2025/26']).toBe(2); // C1, F1
    expect(rowOf(k.rows, 'households_end')['2025/26']).toBe(2); // B1, E1
    // With every pathway a change moves no one, and the table has no moves.
    expect(all.rows.map((r) => r.key)).toEqual([
      'households_start',
      'approved',
      'ceased',
      'households_end',
      'ceased_rate',
    ]);
    expect(rowOf(all.rows, 'households_end')['2025/26']).toBe(4);
    // The chart draws the moves as bars beside the approvals and cessations, for one pathway only.
    const bars = (r: Report) =>
      chartSpec(r)
        .series.filter((x) => x.as === 'bar')
        .map((x) => x.key);
    expect(bars(m)).toEqual(['approved', 'moved_in', 'moved_out', 'ceased']);
    expect(bars(all)).toEqual(['approved', 'ceased']);

    // The households at the end of each year are the Ofsted return's at 31 March, column by column.
    for (const year of ['2021/22', '2022/23', '2023/24', '2024/25', '2025/26']) {
      const ofsted = await app.call('reports.getTable', {
        table: 'ofsted',
        options: { from: year, to: year, pathway: 'all', quarterly: false, suppress: false },
      });
      expect(rowOf(ofsted.rows, 'households_31_march'), year).toEqual({
        mainstream: num(m, 'households_end', year),
        family_and_friends: num(k, 'households_end', year),
        all: num(all, 'households_end', year),
      });
    }

    for (const pathway of ['mainstream', 'kinship', 'all']) {
      const leaving = await table(app, 'leaving', pathway);
      for (const quarterly of [false, true]) {
        const r = await table(app, 'retention', pathway, quarterly);
        const cols = r.columns.map((col) => col.key);
        for (const [i, col] of cols.entries()) {
          const moves = pathway === 'all' ? 0 : num(r, 'moved_in', col) - num(r, 'moved_out', col);
          expect(
            num(r, 'households_start', col) + num(r, 'approved', col) + moves - num(r, 'ceased', col),
            `${pathway} ${col}`,
          ).toBe(num(r, 'households_end', col));
          if (i + 1 < cols.length)
            expect(num(r, 'households_end', col)).toBe(num(r, 'households_start', cols[i + 1]!));
          for (const row of r.rows.filter((x) => x.kind === 'count'))
            expect(
              await drillCount(app, pathway, quarterly, row.key, col),
              `${pathway} ${row.key} ${col}`,
            ).toBe(num(r, row.key, col));
        }
        if (!quarterly)
          for (const col of cols)
            expect(num(r, 'ceased', col), `${pathway} ${col}`).toBe(num(leaving, 'total', col));
      }
    }
  });
});
