import { describe, expect, it } from 'vitest';
import { NOT_STARTED } from '../../../src-main/contract/reports.ts';
import { testApp } from '../../support/temp.ts';
import { addHousehold } from './fixture.ts';

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

describe('forecast backtest: years with three full years of records before them', () => {
  it('are not made so by a carers register: an approval alone is no history a forecast learns from', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    db.transaction(() => {
      addHousehold(db, { reference: 'REG1', episodes: [{ milestones: { approval: '2015-06-01' } }] });
      // The recruitment records begin in May 2024.
      addHousehold(db, {
        reference: 'E1',
        episodes: [
          {
            milestones: {
              enquiry: '2024-05-01',
              eoi: '2024-06-01',
              stage1: '2024-07-01',
              stage2: '2024-09-01',
              panel: '2025-03-01',
              approval: '2025-03-10',
            },
          },
        ],
      });
      addHousehold(db, {
        reference: 'E2',
        episodes: [{ milestones: { enquiry: '2025-02-01', eoi: '2025-03-01' } }],
      });
    })();
    const r = await app.call('reports.getTable', {
      table: 'forecast-backtest',
      options: { from: '2024/25', to: '2025/26' },
    });
    const accuracy = r.sections.find((s) => s.key === 'accuracy')!;
    expect(accuracy.rows.find((x) => x.key === 'years')!.values.all).toBe(0);
    // With an enquiry on record from 2020, 2024/25 has three full years before it.
    addHousehold(db, { reference: 'E0', episodes: [{ milestones: { enquiry: '2020-06-01' } }] });
    const again = await app.call('reports.getTable', {
      table: 'forecast-backtest',
      options: { from: '2024/25', to: '2025/26' },
    });
    expect(
      again.sections.find((s) => s.key === 'accuracy')!.rows.find((x) => x.key === 'years')!.values.all,
    ).toBe(2);
  });
});
