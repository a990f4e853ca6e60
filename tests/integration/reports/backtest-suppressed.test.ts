import { describe, expect, it } from 'vitest';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';

// Found by a review of the suppressed tables, in a sample of 150 households (seed 3) on 06/12/2026:
// - the kinship backtest suppressed printed its 2025/26 actual as "<5" beside a forecast of 1 and a
//   mean absolute error of 0 over that one year, so the actual was 1: the error and the years within
//   range are not shown where a year compared had an actual of 1 to 4;
// - its accuracy column was headed with the years mainstream compares ("2024/25 to 2025/26"), as the
//   three pathways' tables are suppressed as one and each took its columns from the first.
const TODAY = '2026-12-06';

describe('the forecast backtest suppressed', () => {
  it('hides the error that would give a small actual back, and heads its accuracy with its own years', async () => {
    const app = await testApp({ today: TODAY });
    generateSample(app.ctx.store.db, { households: 150, seed: 3, today: TODAY });
    const options = { from: '2021/22', to: '2025/26', pathway: 'kinship' as const };
    const plain = await app.call('reports.getTable', { table: 'forecast-backtest', options });
    const suppressed = await app.call('reports.getTable', {
      table: 'forecast-backtest',
      options: { ...options, suppress: true },
    });
    const accuracy = (t: typeof plain) => t.sections.find((s) => s.key === 'accuracy')!;
    const value = (t: typeof plain, row: string) =>
      accuracy(t).rows.find((r) => r.key === row)!.values[accuracy(t).columns[0]!.key];
    // The data this needs: one year compared, its actual 1 to 4, and the error known unsuppressed.
    expect(accuracy(plain).columns.map((c) => c.label)).toEqual(['2025/26']);
    const actual = plain.rows.find((r) => r.key === 'actual')!.values['2025/26'] as number;
    expect(actual).toBeGreaterThanOrEqual(1);
    expect(actual).toBeLessThanOrEqual(4);
    expect(typeof value(plain, 'mae')).toBe('number');

    expect(accuracy(suppressed).columns.map((c) => c.label)).toEqual(['2025/26']);
    expect(value(suppressed, 'mae')).toBeNull();
    expect(value(suppressed, 'within_range')).toBeNull();
    expect(value(suppressed, 'years')).toBe(1);
    expect(accuracy(suppressed).notes?.at(-1)).toMatch(/^The error and the years within range are not shown/);
  });
});
