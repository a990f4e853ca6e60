import { describe, expect, it } from 'vitest';
import { NOT_STARTED } from '../../../src-main/contract/reports.ts';
import { testApp } from '../../support/temp.ts';

/**
 * The backtest at its edges: a year whose 1 April is still to come has no forecast made at it
 * (shown as "–", not a forecast from today's pipeline), and the forecast tables keep their own
 * columns whatever the Columns option says (the backtest's years were headed "by quarter").
 */
describe('forecast backtest edges', () => {
  it('makes no forecast at a 1 April still to come', async () => {
    const app = await testApp({ today: '2025-11-26' });
    await app.call('system.generateSample', { households: 400, seed: 7 });
    const options = { from: '2025/26', to: '2027/28' };
    const r = await app.call('reports.getTable', { table: 'forecast-backtest', options });
    const row = (key: string) => r.rows.find((x) => x.key === key)!.values;
    expect(typeof row('forecast')['2025/26']).toBe('number');
    // A year not yet started is blank throughout (its columns marked so), not "–" and 0 approvals.
    for (const fy of ['2026/27', '2027/28']) {
      expect(r.columns.find((c) => c.key === fy)?.notStarted).toBe(true);
      expect([row('forecast')[fy], row('low')[fy], row('high')[fy]]).toEqual([
        NOT_STARTED,
        NOT_STARTED,
        NOT_STARTED,
      ]);
      expect([row('actual')[fy], row('actual_all')[fy]]).toEqual([NOT_STARTED, NOT_STARTED]);
    }
    const drill = await app.call('reports.listHouseholds', {
      table: 'forecast-backtest',
      options,
      row: 'forecast',
      column: '2026/27',
    });
    expect(drill.total).toBe(0);
  });

  it('keeps its own columns when quarters are asked for', async () => {
    const app = await testApp({ today: '2025-11-26' });
    await app.call('system.generateSample', { households: 200, seed: 3 });
    for (const table of ['forecast', 'forecast-backtest'] as const) {
      const byYear = await app.call('reports.getTable', { table, options: {} });
      const asked = await app.call('reports.getTable', { table, options: { quarterly: true } });
      expect(asked.options.quarterly).toBe(false);
      expect(asked.period).toBe(byYear.period);
      expect(asked.period).not.toContain('quarter,');
      expect(asked.period).not.toMatch(/by quarter/);
      expect(asked.columns).toEqual(byYear.columns);
      expect(asked.rows).toEqual(byYear.rows);
    }
  });
});
