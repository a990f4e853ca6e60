import { describe, expect, it } from 'vitest';
import type { Input } from '../../../src-main/contract/index.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The forecast, its backtest and Home count a household on the pathway it was on when it is
 * counted, as every other table does (an event on the pathway at its date): the pipeline at a
 * day on the pathway that day, an approval on the pathway at the approval. Read by the pathway
 * at the enquiry, a household switched before the day sat in the other pathway's pipeline, and
 * the backtest's "All approvals in the year" disagreed with the recruitment table's approvals.
 * Every household is written through the contract, as a user would.
 */
const TODAY = '2026-11-26';
type Milestones = Array<['eoi' | 'stage1' | 'stage2' | 'panel' | 'approval', string]>;

async function household(
  app: TestApp,
  reference: string,
  pathway: 'mainstream' | 'kinship',
  enquiry: string,
  steps: Array<Milestones[number] | ['switch', string, 'mainstream' | 'kinship']>,
): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway,
    enquiryDate: enquiry,
    surname: reference,
    confirmDuplicates: true,
  });
  for (const s of steps) {
    if (s[0] === 'switch') await app.call('households.switchPathway', { id, pathway: s[2], date: s[1] });
    else await app.call('households.recordMilestone', { id, kind: s[0], date: s[1] });
  }
  return id;
}

async function setUp(): Promise<TestApp> {
  const app = await testApp({ today: TODAY });
  // Approved in 2024/25 from the mainstream pipeline at 1 April 2024.
  await household(app, 'M1', 'mainstream', '2024-01-10', [
    ['stage1', '2024-02-01'],
    ['approval', '2024-10-01'],
  ]);
  // Kinship at its enquiry, mainstream from 1 March 2024: in the mainstream pipeline at 1 April,
  // approved on mainstream in September.
  await household(app, 'K1', 'kinship', '2024-02-01', [
    ['switch', '2024-03-01', 'mainstream'],
    ['stage1', '2024-03-10'],
    ['approval', '2024-09-01'],
  ]);
  // Mainstream at 1 April 2024, kinship from June: approved on kinship in October.
  await household(app, 'M2', 'mainstream', '2024-02-01', [
    ['stage1', '2024-03-01'],
    ['switch', '2024-06-01', 'kinship'],
    ['approval', '2024-10-01'],
  ]);
  // Enquired and approved inside 2024/25 (not in the pipeline at 1 April).
  await household(app, 'M3', 'mainstream', '2024-05-01', [
    ['stage1', '2024-06-01'],
    ['approval', '2025-03-01'],
  ]);
  // Open today: mainstream at its enquiry, kinship since October 2026.
  await household(app, 'M4', 'mainstream', '2026-05-01', [
    ['stage1', '2026-06-01'],
    ['switch', '2026-10-01', 'kinship'],
  ]);
  // Open today: kinship at its enquiry, mainstream since October 2026.
  await household(app, 'K2', 'kinship', '2026-05-01', [
    ['stage1', '2026-06-01'],
    ['switch', '2026-10-01', 'mainstream'],
  ]);
  return app;
}

const drill = async (
  app: TestApp,
  table: 'forecast' | 'forecast-backtest' | 'funnel',
  options: Input<'reports.listHouseholds'>['options'],
  row: string,
  column: string,
) =>
  (
    await app.call('reports.listHouseholds', {
      table,
      options,
      row,
      column,
    })
  ).households
    .map((h) => h.reference)
    .sort();

describe('planning counts a household on its pathway at the day counted', () => {
  it('the backtest: the pipeline at 1 April on the pathway that day, approvals on the pathway at approval', async () => {
    const app = await setUp();
    for (const pathway of ['mainstream', 'kinship', 'all'] as const) {
      const options = { from: '2024/25', to: '2024/25', pathway };
      const funnel = await drill(app, 'funnel', options, 'approved', '2024/25');
      expect(await drill(app, 'forecast-backtest', options, 'actual_all', '2024/25'), pathway).toEqual(
        funnel,
      );
    }
    const mainstream = { from: '2024/25', to: '2024/25', pathway: 'mainstream' as const };
    const kinship = { ...mainstream, pathway: 'kinship' as const };
    expect(await drill(app, 'forecast-backtest', mainstream, 'forecast', '2024/25')).toEqual([
      'K1',
      'M1',
      'M2',
    ]);
    expect(await drill(app, 'forecast-backtest', kinship, 'forecast', '2024/25')).toEqual([]);
    // Of the pipeline at 1 April, those approved in the year on the same pathway.
    expect(await drill(app, 'forecast-backtest', mainstream, 'actual', '2024/25')).toEqual(['K1', 'M1']);
    expect(await drill(app, 'forecast-backtest', kinship, 'actual', '2024/25')).toEqual([]);
    const table = await app.call('reports.getTable', { table: 'forecast-backtest', options: mainstream });
    const values = Object.fromEntries(table.rows.map((r) => [r.key, r.values['2024/25']]));
    expect(values).toMatchObject({ actual: 2, actual_all: 3 });
  });

  it('the live forecast and Home: today’s pipeline on the pathway today', async () => {
    const app = await setUp();
    const quarter = '2026/27 Q3';
    expect(await drill(app, 'forecast', { pathway: 'mainstream' }, 'expected', quarter)).toEqual(['K2']);
    expect(await drill(app, 'forecast', { pathway: 'kinship' }, 'expected', quarter)).toEqual(['M4']);
    // Home's forecast counts the open mainstream households it forecasts from, as its pipeline does.
    const home = await app.call('planning.getDashboard', {});
    expect(home.forecast.open.value).toBe(1);
    expect(home.pipeline.reduce((n, s) => n + s.count.value, 0)).toBe(1);
    const opened = await app.call('planning.listHouseholds', { drill: home.forecast.open.drill });
    expect(opened.households.map((h) => h.reference)).toEqual(['K2']);
  });
});
