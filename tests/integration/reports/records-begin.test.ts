import { describe, expect, it } from 'vitest';
import { REPORT_TABLES, type ReportTableKey } from '../../../src-main/contract/reports.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The recruitment table from 2019/20 printed plain 0s for the years before the first record, which
 * a report could publish as counts (helper-244). Every table whose columns are periods, by years
 * and by quarter, says where the records begin when its range begins before them; one pathway's
 * table, where that pathway's begin (helper-249). The Ofsted return says so itself
 * (ofsted-before-records.test.ts); the forecast looks ahead.
 */
const BEGIN =
  'The records begin on 01/05/2021: a figure before that day is 0 for want of records, not a count.';
const PERIOD_TABLES = REPORT_TABLES.filter((t) => t !== 'forecast' && t !== 'ofsted');

const notes = async (app: TestApp, table: ReportTableKey, o: Record<string, unknown>) =>
  (
    await app.call('reports.getTable', { table, options: { to: '2023/24', pathway: 'all', ...o } })
  ).notes?.filter((n) => /records|recorded yet/.test(n)) ?? [];

describe('a table whose years begin before the records', () => {
  it('says where the records begin, by years and by quarter, and nothing once its years are recorded', async () => {
    const app = await testApp({ today: '2026-12-07' });
    expect(await notes(app, 'funnel', { from: '2020/21' })).toEqual([
      "No household's journey is recorded yet: the 0s are for want of records, not counts.",
    ]);
    await app.call('households.createHousehold', { enquiryDate: '2021-05-01', surname: 'First' });
    for (const table of PERIOD_TABLES.filter((t) => t !== 'kinship'))
      for (const quarterly of [false, true])
        expect({ table, quarterly, notes: await notes(app, table, { from: '2019/20', quarterly }) }).toEqual({
          table,
          quarterly,
          notes: [BEGIN],
        });
    // 2021/22 begins on 01/04/2021, before the first record: said too.
    expect(await notes(app, 'funnel', { from: '2021/22' })).toEqual([BEGIN]);
    expect(await notes(app, 'funnel', { from: '2022/23' })).toEqual([]);
  });

  it('for one pathway, says where that pathway’s records begin', async () => {
    const app = await testApp({ today: '2026-12-07' });
    await app.call('households.createHousehold', { enquiryDate: '2021-05-01', surname: 'First' });
    expect(await notes(app, 'kinship', { from: '2021/22' })).toEqual([
      "No kinship household's journey is recorded up to the end of the period: its 0s are for want of records, not counts.",
    ]);
    await app.call('households.createHousehold', {
      enquiryDate: '2022-06-01',
      surname: 'Kin',
      pathway: 'kinship',
    });
    const kinship =
      'The kinship records begin on 01/06/2022: a figure before that day is 0 for want of records, not a count.';
    expect(await notes(app, 'kinship', { from: '2021/22' })).toEqual([kinship]);
    expect(await notes(app, 'funnel', { from: '2021/22', pathway: 'kinship' })).toEqual([kinship]);
    expect(await notes(app, 'funnel', { from: '2021/22', pathway: 'mainstream' })).toEqual([
      'The mainstream records begin on 01/05/2021: a figure before that day is 0 for want of records, not a count.',
    ]);
  });
});
