import { beforeAll, describe, expect, it } from 'vitest';
import { drillTitle } from '../../../src-main/contract/drill-title.ts';
import type { Report, ReportTableKey } from '../../../src-main/contract/reports.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addSmallFixture } from './fixture.ts';

/**
 * The heading of the list behind a figure on Reports (ReportsPage's DrillPanel): it said the row and
 * column alone ("Total, Total"; "Total, 2023/24 Q4: Total"), with no table and no period. Here over
 * the real tables of the small fixture on 01/12/2024 (2024/25 in progress; its cohort immature).
 */
let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: '2024-12-01' });
  addSmallFixture(app.ctx.store.db);
});
const get = (table: ReportTableKey, options: object = {}) =>
  app.call('reports.getTable', {
    table,
    options: { from: '2022/23', to: '2024/25', ...options },
  }) as Promise<Report>;
/** The heading of the list behind the figure at (row, column) of the report, or of its further view. */
function titleOf(r: Report, row: string, column: string, section = ''): string {
  const view = section ? r.sections.find((s) => s.key === section)! : r;
  return drillTitle(r, {
    section,
    row: view.rows.find((x) => x.key === row)!,
    column: view.columns.find((c) => c.key === column)!,
  });
}

describe('the heading of a list behind a report figure', () => {
  it('says the table and the whole range for a grand total, not "Total, Total"', async () => {
    const leaving = await get('leaving');
    expect(titleOf(leaving, 'total', 'total')).toBe(
      'Approved households that ceased to foster, by reason for leaving, from 2022/23 to 2024/25',
    );
    expect(titleOf(leaving, 'permanence', '2023/24')).toBe(
      'Approved households that ceased to foster, by reason for leaving, in 2023/24: Permanence plan for child (including Staying Put)',
    );
  });

  it('says the drop-out table’s quarter apart from its stage, and a further view’s own title', async () => {
    const years = await get('dropout');
    const table = 'Applicants who dropped out, by reason and stage reached';
    expect(titleOf(years, 'lost_contact', 'total')).toBe(
      `${table}, from 2022/23 to 2024/25: Lost contact / no response`,
    );
    expect(titleOf(years, 'circumstances', 'eoi')).toBe(
      `${table}, from 2022/23 to 2024/25: Household circumstances changed, EOI`,
    );
    const quarters = await get('dropout', { quarterly: true });
    expect(titleOf(quarters, 'total', '2022/23 Q2 total')).toBe(`${table}, in 2022/23 Q2`);
    expect(titleOf(quarters, 'lost_contact', '2022/23 Q2 enquiry')).toBe(
      `${table}, in 2022/23 Q2: Lost contact / no response, Enquiry`,
    );
    const endedBy = years.sections.find((s) => s.key === 'ended_by')!;
    expect(titleOf(years, endedBy.rows[0]!.key, 'total', 'ended_by')).toBe(
      `Drop-outs by who ended them, from 2022/23 to 2024/25: ${endedBy.rows[0]!.label}`,
    );
  });

  it('says the diversity table’s year, not the whole range, for a column of one year’s people', async () => {
    // Its columns are "2023/24 enquirers" and the like: the heading said "from 2022/23 to 2024/25"
    // over a list of one year's enquirers (helper-269).
    const diversity = await get('diversity');
    const table = 'Diversity of enquirers, applicants and approved carers';
    const row = diversity.rows[0]!;
    expect(titleOf(diversity, row.key, '2023/24 enquirers')).toBe(
      `${table}, in 2023/24: ${row.label}, enquirers`,
    );
    expect(titleOf(diversity, row.key, '2024/25 approved')).toBe(
      `${table}, in 2024/25 (to date): ${row.label}, approved carers`,
    );
  });

  it('keeps a period’s marks, so a figure of an immature cohort is read as one', async () => {
    const cohort = await get('cohort');
    expect(titleOf(cohort, 'approved_rate', '2024/25')).toBe(
      'Cohort conversion by period of enquiry, in 2024/25 (immature, to date): Approved (% of cohort)',
    );
  });
});
