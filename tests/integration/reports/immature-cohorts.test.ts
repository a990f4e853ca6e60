import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/contract/reports.ts';
import { readDocx } from '../../support/docx.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, addSmallFixture, rowOf } from './fixture.ts';

/**
 * The cohort table and the sources table follow the same enquirers to today, so a period too young
 * for its enquirers to have reached approval is marked "(immature)" in both, by one rule
 * (reports/maturity.ts), and only while one of them is still open: a manager read the sources
 * table's 0.0% to approval for the year in progress, unmarked, as a failing channel, and the
 * cohort table marked a year whose 62 households had all finished.
 *
 * The small fixture on 01/12/2024: median to approval over 2022/23–2024/25 is 313.5 days (H1 252,
 * H6 375). 2023/24's enquirers (H2 on 29/02/2024, closed; H6, approved) have all finished, though
 * H2 enquired only 276 days ago; 2024/25's H4 (01/04/2024, 244 days ago) is still open.
 */
const TODAY = '2024-12-01';
const RANGE = { from: '2022/23', to: '2024/25' } as const;

async function smallApp(extra: (db: TestApp['ctx']['store']['db']) => void = () => {}) {
  const app = await testApp({ today: TODAY });
  addSmallFixture(app.ctx.store.db);
  extra(app.ctx.store.db);
  return app;
}
const immature = (r: Report) => r.columns.filter((c) => c.immature).map((c) => c.key);
const get = (app: TestApp, table: 'cohort' | 'sources', options: object = {}) =>
  app.call('reports.getTable', { table, options: { ...RANGE, ...options } });

describe('immature cohorts', () => {
  it('does not mark a cohort whose members have all finished, however recently they enquired', async () => {
    const app = await smallApp();
    const cohort = await get(app, 'cohort');
    expect(rowOf(cohort.rows, 'open')).toEqual({ '2022/23': 0, '2023/24': 0, '2024/25': 1 });
    expect(immature(cohort)).toEqual(['2024/25']);
    expect(cohort.definitions.find((d) => d.key === 'immature')!.text).toContain(
      'A cohort whose members have all finished (approved or closed) is not immature once its period is over',
    );
  });

  it('marks a cohort by its youngest member still open, not by one that has finished', async () => {
    // An old enquirer still open (596 days ago) leaves 2023/24 mature; a young one (275 days) makes it immature.
    const old = await smallApp((db) =>
      addHousehold(db, { reference: 'O1', episodes: [{ milestones: { enquiry: '2023-04-15' } }] }),
    );
    expect(immature(await get(old, 'cohort'))).toEqual(['2024/25']);
    const young = await smallApp((db) =>
      addHousehold(db, { reference: 'Y1', episodes: [{ milestones: { enquiry: '2024-03-01' } }] }),
    );
    expect(immature(await get(young, 'cohort'))).toEqual(['2023/24', '2024/25']);
  });

  it('marks a period still in progress whose enquirers have all finished: more may yet enquire in it', async () => {
    // 2024/25 Q3 (to date) holds one enquirer, closed a fortnight later: its 0.0% to approval stood
    // unmarked between the empty Q2 and Q4, both marked (helper-266).
    const app = await smallApp((db) =>
      addHousehold(db, {
        reference: 'Q3',
        episodes: [
          {
            milestones: { enquiry: '2024-11-01' },
            closure: {
              date: '2024-11-15',
              stage: 'enquiry',
              reason: 'lost_contact',
              endedBy: 'lost_contact',
            },
          },
        ],
      }),
    );
    for (const table of ['cohort', 'sources'] as const) {
      const r = await get(app, table, { quarterly: true });
      expect(immature(r)).toEqual(['2024/25 Q1', '2024/25 Q2', '2024/25 Q3', '2024/25 Q4']);
    }
    // Over, a year whose enquirers have all finished stays mature (2023/24, H2 closed 276 days on).
    expect(immature(await get(app, 'cohort'))).toEqual(['2024/25']);
  });

  it('marks the sources table’s periods as the cohort table marks them, by year and by quarter, defined alike', async () => {
    const app = await smallApp((db) =>
      addHousehold(db, { reference: 'Y1', episodes: [{ milestones: { enquiry: '2024-03-01' } }] }),
    );
    for (const quarterly of [false, true]) {
      const cohort = await get(app, 'cohort', { quarterly });
      const sources = await get(app, 'sources', { quarterly });
      expect(immature(cohort).length).toBeGreaterThan(0);
      expect(sources.columns).toEqual(cohort.columns);
    }
    // The rate that misled: 0.0% to approval for 2024/25, now under a heading that says why.
    const sources = await get(app, 'sources');
    expect(rowOf(sources.rows, 'total:approved_rate')['2024/25']).toBe(0);
    expect(immature(sources)).toEqual(['2023/24', '2024/25']);
    const cohort = await get(app, 'cohort');
    expect(sources.definitions.find((d) => d.key === 'immature')).toEqual(
      cohort.definitions.find((d) => d.key === 'immature'),
    );
  });

  it('heads the sources table’s immature columns "(immature)" in the Excel and Word files, as the cohort table’s', async () => {
    const app = await smallApp();
    const options = { ...RANGE };
    const xlsx = await app.call('reports.exportTable', {
      tables: ['sources', 'cohort'],
      options,
      format: 'xlsx',
    });
    const wb = XLSX.read(Buffer.from(xlsx.base64, 'base64'));
    const heads = wb.SheetNames.map((name) =>
      XLSX.utils
        .sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, defval: null })
        .find((line) => line.includes('2022/23')),
    );
    for (const head of heads)
      expect(head!.slice(1)).toEqual(['2022/23', '2023/24', '2024/25 (immature, to date)']);
    const docx = readDocx(
      Buffer.from(
        (await app.call('reports.exportTable', { tables: ['sources', 'cohort'], options, format: 'docx' }))
          .base64,
        'base64',
      ),
    );
    expect(docx.tables.map((t) => t.rows[0]!.slice(1))).toEqual([
      ['2022/23', '2023/24', '2024/25 (immature, to date)'],
      ['2022/23', '2023/24', '2024/25 (immature, to date)'],
    ]);
  });
});
