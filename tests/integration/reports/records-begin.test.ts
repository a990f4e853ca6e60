import { describe, expect, it } from 'vitest';
import { REPORT_TABLES } from '../../../src-main/contract/reports.ts';
import { testApp } from '../../support/temp.ts';

/**
 * The recruitment table from 2019/20 printed plain 0s for the years before the first record, which
 * a report could publish as counts (helper-244). A table whose range begins before the records do
 * says where they begin; the Ofsted return says so itself (ofsted-before-records.test.ts).
 */
const BEGIN = 'The records begin on 01/05/2021: a 0 before that day is for want of records, not a count.';

describe('a table whose years begin before the records', () => {
  it('says where the records begin, and says nothing once its years are all recorded', async () => {
    const app = await testApp({ today: '2026-12-07' });
    const notes = async (table: (typeof REPORT_TABLES)[number], from: string) =>
      (await app.call('reports.getTable', { table, options: { from, to: '2023/24' } })).notes ?? [];
    expect(await notes('funnel', '2020/21')).toEqual([
      "No household's journey is recorded yet: the 0s are for want of records, not counts.",
    ]);
    await app.call('households.createHousehold', { enquiryDate: '2021-05-01', surname: 'First' });
    for (const table of ['funnel', 'cohort', 'dropout', 'leaving', 'retention', 'sources'] as const)
      expect({ table, notes: await notes(table, '2019/20') }).toEqual({ table, notes: [BEGIN] });
    // 2021/22 begins on 01/04/2021, before the first record: said too.
    expect(await notes('funnel', '2021/22')).toEqual([BEGIN]);
    expect(await notes('funnel', '2022/23')).toEqual([]);
  });
});
