import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';
import { oneLeftOutOneAtPanel } from './forecast-pipeline.ts';

// helper-230: a pipeline with no history behind it printed a forecast of 0 approvals, as if the
// records said none would come. Households at a stage no one in the training years passed through
// are now not forecast: "–" in their row, and a line under the table (and on Home) says why.
const TODAY = '2026-11-26';
const Q = '2026/27 Q3';

describe('open households the forecast has no history for', () => {
  it('are no figure, not 0, where no household can be forecast: table, its file and Home say so', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    addHousehold(db, { reference: 'E1', episodes: [{ milestones: { enquiry: '2026-10-01' } }] });
    addHousehold(db, {
      reference: 'S1',
      episodes: [{ milestones: { enquiry: '2026-07-01', stage1: '2026-08-01' } }],
    });

    const table = await app.call('reports.getTable', { table: 'forecast', options: {} });
    for (const row of ['expected', 'low', 'high', 'expected_from_enquiry', 'expected_from_stage1'])
      expect(rowOf(table.rows, row)[Q], row).toBeNull();
    // A stage no household is at has nothing to forecast: 0 is true there.
    expect(rowOf(table.rows, 'expected_from_panel')[Q]).toBe(0);
    expect(table.notes).toEqual([
      'Households now at Enquiry and Stage 1 are not in this forecast: no household entered Enquiry or Stage 1 in 2023/24 to 2025/26 and moved on or dropped out, so the records do not say how they would go on. There is no forecast until the records hold such a history.',
    ]);
    const csv = await app.call('reports.exportTable', { tables: ['forecast'], options: {}, format: 'csv' });
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain('are not in this forecast');

    const home = await app.call('planning.getDashboard', {});
    expect(home.forecast).toMatchObject({ none: true, status: null, forecastFrom: 0, open: { value: 2 } });
    expect(home.forecast.notForecast).toBe(table.notes![0]);
  });

  it('leaves out only those households, the others forecast as before', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    oneLeftOutOneAtPanel(db);

    const table = await app.call('reports.getTable', { table: 'forecast', options: {} });
    expect(rowOf(table.rows, 'expected_from_enquiry')[Q]).toBeNull();
    expect(rowOf(table.rows, 'expected_from_panel')[Q]).toBeGreaterThan(0.5);
    expect(rowOf(table.rows, 'expected')[Q]).toBe(1);
    expect(table.notes).toEqual([
      'Households now at Enquiry are not in this forecast: no household entered Enquiry in 2023/24 to 2025/26 and moved on or dropped out, so the records do not say how they would go on. The expected approvals and their range are those of the other open households alone.',
    ]);
    // Home counts E1 among the open households, not among those forecast, and its year figure
    // adds the approvals so far (none here) to P1's forecast.
    const home = await app.call('planning.getDashboard', {});
    expect(home.forecast).toMatchObject({ none: false, forecastFrom: 1, open: { value: 2 } });
    expect(home.forecast.status).toBe('no_target');
    expect(home.forecast.notForecast).toBe(
      table.notes![0]!.replace(
        'The expected approvals and their range are those of the other open households alone.',
        "The year's expected approvals and their range are the approvals so far plus the forecast for the other open households only.",
      ),
    );
    expect(home.forecast.notForecast).not.toBe(table.notes![0]);
  });

  it('forecasts 0 where the history says none moved on, whatever comes after it (helper-233)', async () => {
    // Every household that entered Stage 2 in the training years dropped out there, so none reached
    // Panel: the walk stops at Stage 2 with the history's answer, and Panel's want of it is no matter.
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    for (const [i, year] of ['2023', '2023', '2024'].entries())
      addHousehold(db, {
        reference: `D${i}`,
        episodes: [
          {
            milestones: {
              enquiry: `${year}-05-01`,
              eoi: `${year}-06-01`,
              stage1: `${year}-07-01`,
              stage2: `${year}-09-01`,
            },
            closure: { date: `${year}-11-0${i + 1}`, stage: 'stage2', reason: 'other', endedBy: 'applicant' },
          },
        ],
      });
    addHousehold(db, {
      reference: 'S1',
      episodes: [
        {
          milestones: {
            enquiry: '2026-05-01',
            eoi: '2026-06-01',
            stage1: '2026-07-01',
            stage2: '2026-10-01',
          },
        },
      ],
    });
    const table = await app.call('reports.getTable', { table: 'forecast', options: {} });
    expect(rowOf(table.rows, 'expected_from_stage2')[Q]).toBe(0);
    expect(rowOf(table.rows, 'expected')[Q]).toBe(0);
    expect(table.notes).toBeUndefined();
    // Its conversion is 0, with no days to a stage none reached ("median null days" before).
    expect(table.definitions.find((d) => d.key === 'model_stage2')?.text).toMatch(
      /^0\.0% moved on \(0 of 3 [^;]*\.$/,
    );
    expect((await app.call('planning.getDashboard', {})).forecast).toMatchObject({
      none: false,
      notForecast: null,
    });
  });

  it('says nothing where every open household has its history', async () => {
    const app = await testApp({ today: TODAY });
    addHousehold(app.ctx.store.db, { reference: 'none', episodes: [] });
    const table = await app.call('reports.getTable', { table: 'forecast', options: {} });
    expect(table.notes).toBeUndefined();
    expect(rowOf(table.rows, 'expected')[Q]).toBe(0);
    const home = await app.call('planning.getDashboard', {});
    expect(home.forecast).toMatchObject({ none: false, notForecast: null });
  });
});
