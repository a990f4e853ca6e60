import { describe, expect, it } from 'vitest';
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
