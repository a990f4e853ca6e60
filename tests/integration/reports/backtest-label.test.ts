import { describe, expect, it } from 'vitest';
import { LIKELY_RANGE } from '../../../src-main/contract/vocab.ts';
import { testApp } from '../../support/temp.ts';

// The backtest's accuracy section heads its one column with the years it compared.
describe('forecast backtest: the accuracy column names the years compared in words', () => {
  it('says one year once, and "No year compared" when there is none', async () => {
    const app = await testApp();
    const label = async (from: string, to: string) =>
      (await app.call('reports.getTable', { table: 'forecast-backtest', options: { from, to } })).sections[0]!
        .columns[0]!.label;
    expect(await label('2024/25', '2025/26')).toBe('No year compared');
    await app.call('system.generateSample', { households: 400, seed: 1 });
    const one = await label('2025/26', '2025/26');
    expect(one).toBe('2025/26');
  });
});

describe('forecast and backtest: the range in words', () => {
  it('writes the range as Home and the charts do, in one phrase', async () => {
    // The backtest said "within the 80 % range" and the forecast "Low and high (80 % range)", beside
    // Home's "80% range" and the charts' descriptions: one way of writing it, now in plain words
    // (LIKELY_RANGE, helper-262) rather than a percentage of runs.
    const app = await testApp();
    await app.call('system.generateSample', { households: 200, seed: 1 });
    for (const table of ['forecast', 'forecast-backtest'] as const) {
      const r = await app.call('reports.getTable', { table, options: {} });
      const words = JSON.stringify([r.rows, r.sections, r.definitions]);
      expect(words, table).toContain(LIKELY_RANGE);
      expect(words, table).not.toMatch(/80 ?%/);
    }
  });
});
