import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { rowOf } from './fixture.ts';
import { fourAtPanel } from './forecast-pipeline.ts';

// Four households at panel, where 49 of the last 50 to reach panel were approved within ten days:
// the runs approve all four nine times in ten, so the 80 % range is 4 to 4, and the mean, 3.9,
// read "3.9 expected (80% range 4 to 4)": a figure outside its own range. Households are approved
// whole, as the range counts them: the expected approvals are now whole numbers too, on Home, in
// the report table (so its exports and chart), and in the backtest.
const TODAY = '2026-11-26';

describe('the forecast’s expected approvals sit in their own range', () => {
  it('on Home, in the report table and its export, as whole approvals', async () => {
    const app = await testApp({ today: TODAY });
    fourAtPanel(app.ctx.store.db);
    const home = await app.call('planning.getDashboard', {});
    const year = home.forecast.year;
    expect(year).toEqual({ expected: 4, low: 4, high: 4 });
    expect(home.forecast.quarters[0]).toEqual({
      key: '2026/27 Q3',
      heading: '2026/27 Q3 (from 27/11/2026)',
      expected: 4,
      low: 4,
      high: 4,
    });

    const table = await app.call('reports.getTable', { table: 'forecast', options: {} });
    const q = '2026/27 Q3';
    expect(['expected', 'low', 'high'].map((k) => rowOf(table.rows, k)[q])).toEqual([4, 4, 4]);
    // The breakdown by stage keeps its decimal: it is the mean, before it is rounded.
    expect(rowOf(table.rows, 'expected_from_panel')[q]).toBeCloseTo(3.9, 1);
    expect(table.definitions.find((d) => d.key === 'expected')?.text).toContain('whole');
    const csv = await app.call('reports.exportTable', { tables: ['forecast'], options: {}, format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toMatch(/Expected approvals,4,/);
  });
});
