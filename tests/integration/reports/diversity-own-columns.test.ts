import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

// The diversity table's columns are its cohorts by financial year: the Columns option (quarters)
// does not apply to it, as to the forecast's. Asked by quarter, it said "by quarter" over columns
// by year, and a suppressed one was built and solved once for years and again for "quarters".
describe('diversity asked by quarter', () => {
  it('is the table by year, said as by year, and its period line does not say "by quarter"', async () => {
    const app = await testApp();
    await app.call('households.createHousehold', { enquiryDate: '2024-06-03', firstName: 'A', surname: 'B' });
    const ask = (quarterly: boolean) =>
      app.call('reports.getTable', {
        table: 'diversity',
        options: { from: '2024/25', to: '2024/25', pathway: 'mainstream', quarterly, suppress: true },
      });
    const byQuarter = await ask(true);
    expect(byQuarter.options.quarterly).toBe(false);
    expect(byQuarter.period).not.toContain('by quarter');
    expect(byQuarter).toEqual(await ask(false));
  });
});
