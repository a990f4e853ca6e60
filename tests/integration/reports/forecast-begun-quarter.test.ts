import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { columnHeading } from '../../../src-main/contract/report-shapes.ts';
import { drillTitle } from '../../../src-main/contract/drill-title.ts';
import { readDocx } from '../../support/docx.ts';
import { testApp } from '../../support/temp.ts';
import { fourAtPanel } from './forecast-pipeline.ts';

/**
 * helper-270: Home headed the forecast's begun quarter "2026/27 Q3 (from 29/11/2026)" (7eeccf7),
 * the Reports screen's forecast table, its files and its drill titles just "2026/27 Q3", as if its
 * figures were the whole quarter's. Every door now heads it as Home does; on a quarter's last day
 * nothing of it is left and the four whole quarters carry no "from".
 */
const heads = (t: { columns: Parameters<typeof columnHeading>[0][] }) => t.columns.map(columnHeading);

describe('the forecast’s begun quarter is headed from tomorrow', () => {
  it('on Reports, in its Excel and Word files and drill titles, as on Home', async () => {
    const app = await testApp({ today: '2026-11-28' });
    fourAtPanel(app.ctx.store.db);
    const begun = '2026/27 Q3 (from 29/11/2026)';
    const table = await app.call('reports.getTable', { table: 'forecast', options: {} });
    expect(heads(table)).toEqual([begun, '2026/27 Q4', '2027/28 Q1', '2027/28 Q2']);
    const home = await app.call('planning.getDashboard', {});
    expect(home.forecast.quarters.map((q) => q.heading)).toEqual(heads(table));

    const title = drillTitle(table, {
      section: '',
      row: { label: 'Expected approvals' },
      column: table.columns[0]!,
    });
    expect(title).toBe(`${table.title}, in ${begun}: Expected approvals`);

    const xlsx = await app.call('reports.exportTable', { tables: ['forecast'], options: {}, format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(xlsx.base64, 'base64'));
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(grid.find((line) => line.includes(begun))?.slice(1)).toEqual(heads(table));

    const docx = await app.call('reports.exportTable', { tables: ['forecast'], options: {}, format: 'docx' });
    const doc = readDocx(Buffer.from(docx.base64, 'base64'));
    expect(doc.tables[0]!.rows[0]!.slice(1)).toEqual(heads(table));
  });

  it('not on a quarter’s last day, when the columns are four whole quarters', async () => {
    const app = await testApp({ today: '2026-12-31' });
    fourAtPanel(app.ctx.store.db);
    const table = await app.call('reports.getTable', { table: 'forecast', options: {} });
    expect(heads(table)).toEqual(['2026/27 Q4', '2027/28 Q1', '2027/28 Q2', '2027/28 Q3']);
    const home = await app.call('planning.getDashboard', {});
    expect(home.forecast.quarters.map((q) => q.heading)).toEqual(heads(table));
    expect(home.forecast.restFrom).toBeNull();
  });
});
