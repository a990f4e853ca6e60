import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { twoAtFourInTen } from '../reports/forecast-pipeline.ts';

// Home rounds each quarter's expected approvals on its own, as it does the year's, so the approvals
// so far and this year's quarters can add up to other than the year's figure; Home then says so
// (note 61).
const TODAY = '2026-11-26';

describe("Home's approvals by quarter against the year's figure", () => {
  it('adds up this year’s quarters as shown, which here is one less than the year', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    twoAtFourInTen(db);

    const f = (await app.call('planning.getDashboard', {})).forecast;
    expect(f.quarters.map((q) => [q.key, q.expected])).toEqual([
      ['2026/27 Q3', 0],
      ['2026/27 Q4', 0],
      ['2027/28 Q1', 1],
      ['2027/28 Q2', 0],
    ]);
    expect(f.approvedSoFar.value).toBe(0);
    expect(f.year.expected).toBe(1);
    expect(f.quartersAddUpTo).toBe(0);

    // The report's table rounds its quarters as Home does; its unrounded rows hold the 0.4s.
    const table = await app.call('reports.getTable', { table: 'forecast', options: {} });
    const row = (key: string) => table.rows.find((r) => r.key === key)!.values;
    expect(row('expected_from_panel')['2026/27 Q3']).toBeCloseTo(0.4, 1);
    expect(row('expected_from_stage2')['2026/27 Q4']).toBeCloseTo(0.4, 1);
    expect(row('expected_from_enquiry')['2027/28 Q1']).toBeGreaterThan(0.5);
  });

  it('sets the year against the target: on track at the expected figure, at risk within the range, off track beyond it', async () => {
    const app = await testApp({ today: TODAY });
    twoAtFourInTen(app.ctx.store.db);
    const statusAt = async (approved: number) => {
      await app.call('planning.setFigures', {
        fy: '2026/27',
        figures: [{ basis: 'target', measure: 'approved', value: approved }],
      });
      return (await app.call('planning.getDashboard', {})).forecast.status;
    };
    expect((await app.call('planning.getDashboard', {})).forecast).toMatchObject({
      status: 'no_target',
      year: { expected: 1, low: 0, high: 2 },
    });
    expect(await statusAt(1)).toBe('on_track');
    expect(await statusAt(2)).toBe('at_risk');
    expect(await statusAt(3)).toBe('off_track');
  });
});
