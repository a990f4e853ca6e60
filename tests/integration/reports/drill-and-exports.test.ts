import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/contract/reports.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addSmallFixture, rowOf } from './fixture.ts';

const RANGE = { from: '2022/23', to: '2024/25' } as const;
let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  addSmallFixture(app.ctx.store.db);
});

const drill = async (table: string, row: string, column: string, section = '', options: object = {}) => {
  const r = await app.call('reports.listHouseholds', {
    table: table as 'funnel',
    options: { ...RANGE, ...options },
    section,
    row,
    column,
  });
  return { total: r.total, refs: r.households.map((h) => h.reference) };
};

describe('drill-down to the households behind a number', () => {
  it('lists exactly the households each cell counts, with id, reference, name and stage', async () => {
    expect(await drill('funnel', 'eoi', '2023/24')).toEqual({ total: 3, refs: ['H1', 'H2', 'H6'] });
    expect(await drill('funnel', 'enquiries', '2024/25')).toEqual({ total: 1, refs: ['H4'] });
    expect(await drill('funnel', 'enquiries', '2023/24', '', { pathway: 'kinship' })).toEqual({
      total: 1,
      refs: ['H3'],
    });
    expect(await drill('cohort', 'closed', '2022/23')).toEqual({ total: 1, refs: ['H2'] });
    expect(await drill('cohort', 'open', '2024/25')).toEqual({ total: 1, refs: ['H4'] });
    // H2 dropped out twice: two closures, one household, and the list says so.
    expect(await drill('dropout', 'total', 'total')).toEqual({ total: 1, refs: ['H2'] });
    const twice = await app.call('reports.listHouseholds', {
      table: 'dropout',
      options: RANGE,
      row: 'total',
      column: 'total',
    });
    expect(twice.note).toBe(
      'The figure counts 2: a household it counts more than once (for two enquiries in the period, or two carers, say) is listed once.',
    );
    expect(await drill('dropout', 'lost_contact', 'enquiry')).toEqual({ total: 1, refs: ['H2'] });
    expect(await drill('dropout', 'held', 'eoi', 'exit_interviews')).toEqual({ total: 1, refs: ['H2'] });
    expect(await drill('dropout', 'applicant', 'total', 'ended_by')).toEqual({ total: 1, refs: ['H2'] });
    expect(await drill('leaving', 'permanence', 'total')).toEqual({ total: 1, refs: ['H5'] });
    expect(await drill('leaving', 'total', '2024/25')).toEqual({ total: 1, refs: ['H1'] });
    expect(await drill('retention', 'households_start', '2023/24')).toEqual({ total: 1, refs: ['H5'] });
    expect(await drill('retention', 'households_end', '2024/25')).toEqual({ total: 1, refs: ['H6'] });
    expect(await drill('retention', 'ceased', '2024/25')).toEqual({ total: 1, refs: ['H1'] });
    expect(await drill('timescales', 'over_8_months', '2024/25')).toEqual({ total: 1, refs: ['H6'] });
    expect(await drill('timescales', 'enquiry_eoi_n', '2023/24')).toEqual({
      total: 3,
      refs: ['H1', 'H2', 'H6'],
    });
    expect(await drill('sources', 'event:eoi', '2023/24')).toEqual({ total: 1, refs: ['H2'] });
    expect(await drill('sources', 'total', '2022/23')).toEqual({ total: 2, refs: ['H1', 'H2'] });
    const one = await app.call('reports.listHouseholds', {
      table: 'funnel',
      options: RANGE,
      row: 'enquiries',
      column: '2024/25',
    });
    expect(one.households).toEqual([
      { id: expect.any(Number), reference: 'H4', name: 'Test H4', stage: 'enquiry', status: 'open' },
    ]);
  });

  it('drills a rate to its numerator and a days figure to the households measured', async () => {
    expect(await drill('funnel', 'eoi_to_approved', '2023/24')).toEqual({ total: 1, refs: ['H1'] });
    expect(await drill('cohort', 'approved_median', '2023/24')).toEqual({ total: 1, refs: ['H6'] });
    expect(await drill('timescales', 'panel_approval_median', '2024/25')).toEqual({ total: 1, refs: ['H6'] });
  });

  it('agrees with the table for every count cell', async () => {
    for (const table of ['funnel', 'cohort', 'dropout', 'leaving', 'retention', 'sources'] as const) {
      const r = await app.call('reports.getTable', { table, options: { ...RANGE, pathway: 'all' } });
      for (const row of r.rows.filter((x) => x.kind === 'count')) {
        for (const col of r.columns) {
          const d = await app.call('reports.listHouseholds', {
            table,
            options: { ...RANGE, pathway: 'all' },
            row: row.key,
            column: col.key,
          });
          // Distinct households: never more than the count (a re-enquiring household counts twice).
          const value = row.values[col.key] as number;
          expect(d.total).toBeLessThanOrEqual(value);
          if (value > 0) expect(d.total).toBeGreaterThan(0);
          // Where fewer, the list says why, so the two are not read as disagreeing (H2's two closures).
          expect(d.note, `${table} ${row.key} ${col.key}`).toBe(
            d.total < value
              ? `The figure counts ${value}: a household it counts more than once (for two enquiries in the period, or two carers, say) is listed once.`
              : undefined,
          );
        }
      }
    }
  });

  it('refuses an unknown row, column or view, naming it', async () => {
    await expect(drill('funnel', 'nope', '2023/24')).rejects.toMatchObject({
      code: 'not_found',
      field: 'row',
    });
    await expect(drill('funnel', 'eoi', '2019/20')).rejects.toMatchObject({
      code: 'not_found',
      field: 'column',
    });
    await expect(drill('dropout', 'held', 'eoi', 'nope')).rejects.toMatchObject({ field: 'section' });
  });
});

describe('suppression', () => {
  it('shows counts of 1 to 4 as "<5", prints no rate from them, and keeps zeros', async () => {
    const r = await app.call('reports.getTable', { table: 'funnel', options: { ...RANGE, suppress: true } });
    expect(rowOf(r.rows, 'enquiries')).toEqual({ '2022/23': '<5', '2023/24': '<5', '2024/25': '<5' });
    expect(rowOf(r.rows, 'stage1')).toEqual({ '2022/23': 0, '2023/24': '<5', '2024/25': 0 });
    expect(rowOf(r.rows, 'enquiry_to_stage2')).toEqual({ '2022/23': null, '2023/24': null, '2024/25': null });
    expect(r.definitions.map((d) => d.key)).toContain('suppression');
  });
});

describe('exports', () => {
  const opts = { ...RANGE, suppress: false };

  it("names each sheet in whole words within Excel's 31 characters, the same table twice apart", async () => {
    const file = await app.call('reports.exportTable', {
      tables: ['ofsted', 'diversity', 'retention', 'retention', 'retention', 'diversity'],
      options: opts,
      format: 'xlsx',
    });
    expect(XLSX.read(Buffer.from(file.base64, 'base64')).SheetNames).toEqual([
      'Ofsted data collection',
      'Applicant and carer diversity',
      'Retention',
      'Retention (2)',
      'Retention (3)',
      'Applicant and carer (2)',
    ]);
  });

  it('writes an xlsx sheet per table with title, period, pathway, definitions and the same numbers as the JSON', async () => {
    const file = await app.call('reports.exportTable', {
      tables: ['funnel', 'dropout'],
      options: opts,
      format: 'xlsx',
    });
    // Both tables are of the pathway chosen: the name says it plainly, not "mostly" (helper-269).
    expect(file.fileName).toBe('reports-2022-23-2024-25-mainstream.xlsx');
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'));
    expect(wb.SheetNames).toEqual(['Recruitment (conversion)', 'Drop-out reasons']);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Recruitment (conversion)']!, {
      header: 1,
      defval: null,
    });
    expect(grid[0]).toEqual(['Recruitment of foster carers', null, null, null]);
    expect(String(grid[1]![0])).toContain('2022/23 to 2024/25');
    expect(grid[2]![0]).toBe('Pathway: Mainstream');
    expect(grid[4]![0]).toBe('Produced on 26/11/2026');
    expect(grid[6]).toEqual(['Measure', '2022/23', '2023/24', '2024/25']);
    expect(grid[7]).toEqual(['Number of initial enquiries', 2, 2, 1]);
    expect(grid[13]).toEqual([
      'Conversion rate – enquiry to full assessment (expression of interest)',
      '–',
      0.667,
      '–',
    ]);
    expect(grid.some((line) => String(line[0]).startsWith('Period counting:'))).toBe(true);
    const ws = XLSX.read(Buffer.from(file.base64, 'base64'), { cellNF: true }).Sheets[
      'Recruitment (conversion)'
    ]!;
    expect(ws.C14!.z).toBe('0.0%');
    // Excel's own percentage: the cell holds the fraction, so a formula over it gives what it says.
    expect(ws.C14!.v).toBeCloseTo(0.667, 6);
    expect(ws.C14!.w ?? XLSX.utils.format_cell(ws.C14!)).toBe('66.7%');
  });

  it('writes csv with a BOM and the same rows; html with a table Word keeps', async () => {
    const csv = await app.call('reports.exportTable', { tables: ['leaving'], options: opts, format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\nReason for leaving,2022/23,2023/24,2024/25,Total\r\n');
    expect(text).toContain('\r\nPermanence plan for child (including Staying Put),0,1,0,1\r\n');
    expect(text).toContain('\r\nTotal,0,1,1,2\r\n');
    const html = await app.call('reports.exportTable', { tables: ['funnel'], options: opts, format: 'html' });
    const h = Buffer.from(html.base64, 'base64').toString('utf8');
    expect(html.mime).toContain('text/html');
    expect(h).toContain('<th scope="row" sdnum="2057;0;@" style="border:1px solid #767676;');
    // No header cell without text (a screen reader announces nothing; Word's checker flags it):
    // the corner over the funnel's row labels says "Measure", the drop-out table's "Reason".
    expect(h).not.toMatch(/<th[^>]*><\/th>/);
    expect(h).toMatch(/<thead><tr><th[^>]*>Measure<\/th><th scope="col"/);
    const reasons = await app.call('reports.exportTable', {
      tables: ['dropout'],
      options: opts,
      format: 'html',
    });
    expect(Buffer.from(reasons.base64, 'base64').toString('utf8')).toMatch(
      /<thead><tr><th[^>]*>Reason<\/th>/,
    );
    expect(h).toMatch(
      /Conversion rate – enquiry to approval \(EOI\)<\/th><td[^>]*>–<\/td><td[^>]*>33\.3%<\/td>/,
    );
  });

  it('neutralises a formula in any text it exports (a reason label typed by the service)', async () => {
    const db = app.ctx.store.db;
    db.prepare(
      "UPDATE reasons SET label = '=HYPERLINK(\"x\")' WHERE list = 'leaving' AND key = 'permanence'",
    ).run();
    try {
      const csv = await app.call('reports.exportTable', {
        tables: ['leaving'],
        options: opts,
        format: 'csv',
      });
      expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain(`"'=HYPERLINK(""x"")",0,1,0,1`);
      const x = await app.call('reports.exportTable', { tables: ['leaving'], options: opts, format: 'xlsx' });
      const ws = XLSX.read(Buffer.from(x.base64, 'base64')).Sheets['Reasons for leaving']!;
      expect(ws.A8).toMatchObject({ t: 's', v: '=HYPERLINK("x")' });
      expect(ws.A8!.f).toBeUndefined();
    } finally {
      db.prepare(
        "UPDATE reasons SET label = 'Permanence plan for child (including Staying Put)' WHERE key = 'permanence'",
      ).run();
    }
  });
});

describe('the report CLI', () => {
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, {});
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prints exactly one JSON object in the documented shape', async () => {
    const r = await cli(
      'report',
      'funnel',
      '--db',
      app.dbPath,
      '--from',
      '2022/23',
      '--to',
      '2024/25',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Report;
    expect(json.table).toBe('funnel');
    expect(json.options).toEqual({
      from: '2022/23',
      to: '2024/25',
      quarterly: false,
      pathway: 'mainstream',
      suppress: false,
    });
    expect(json.columns[0]).toEqual({ key: '2022/23', label: '2022/23' });
    expect(json.rows[0]).toMatchObject({
      key: 'enquiries',
      label: 'Number of initial enquiries',
      values: { '2022/23': 2 },
    });
    expect(rowOf(json.rows, 'eoi_to_stage2')).toEqual({ '2022/23': null, '2023/24': 66.7, '2024/25': null });
    const q = JSON.parse(
      (
        await cli(
          'report',
          'funnel',
          '--db',
          app.dbPath,
          '--quarterly',
          '--suppress',
          '--pathway',
          'all',
          '--json',
        )
      ).out,
    ) as Report;
    expect(q.columns[0]!.key).toBe('2021/22 Q1');
    expect(rowOf(q.rows, 'enquiries')['2023/24 Q1']).toBe('<5');
  });

  it('saves xlsx and csv files that hold the JSON numbers', async () => {
    const out = join(app.dir, 'retention.xlsx');
    const r = await cli(
      'report',
      'retention',
      '--db',
      app.dbPath,
      '--from',
      '2022/23',
      '--to',
      '2024/25',
      '--format',
      'xlsx',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(out)).Sheets.Retention!, {
      header: 1,
    });
    expect(grid.find((l) => l[0] === 'Households that ceased during the period')).toEqual([
      'Households that ceased during the period',
      0,
      1,
      1,
    ]);
    const csvPath = join(app.dir, 'sources.csv');
    expect(
      (await cli('report', 'sources', '--db', app.dbPath, '--format', 'csv', '--out', csvPath)).code,
    ).toBe(0);
    expect(readFileSync(csvPath, 'utf8')).toContain('Website / web form: enquiries,0,1,0,1,0');
  });

  // "--format Excel" (the Reports screen's "Save as Excel") was refused: "--format must be xlsx, csv or docx."
  it('takes --format by its extension or the Save button’s word, and refuses another naming both', async () => {
    const save = async (format: string, file: string) => {
      const out = join(app.dir, file);
      const r = await cli('report', 'funnel', '--db', app.dbPath, '--format', format, '--out', out);
      expect(r.code, r.err).toBe(0);
      return readFileSync(out);
    };
    const xlsx = XLSX.read(await save('Excel', 'funnel.xlsx'));
    expect(XLSX.utils.sheet_to_csv(xlsx.Sheets[xlsx.SheetNames[0]!]!)).toContain(
      'Number of initial enquiries',
    );
    expect((await save('csv', 'funnel.csv')).toString('utf8')).toContain('Number of initial enquiries');
    expect((await save('CSV', 'funnel-2.csv')).toString('utf8')).toContain('Number of initial enquiries');
    const docx = await save('word', 'funnel.docx');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    expect(docx.includes('word/document.xml')).toBe(true);
    const bad = await cli('report', 'funnel', '--db', app.dbPath, '--format', 'pdf', '--out', 'x.pdf');
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n').slice(0, 4)).toEqual([
      '--format "pdf" is not a file format. Give one of these, by its key or its words:',
      '  xlsx   Excel',
      '  csv    CSV',
      '  docx   Word',
    ]);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await cli('report', 'nope', '--db', app.dbPath)).code).toBe(2);
    expect((await cli('report', 'funnel', '--db', app.dbPath, '--pathway', 'fostering')).code).toBe(2);
    expect((await cli('report', 'funnel', '--db', app.dbPath, '--from', '2024-25')).code).toBe(2);
    expect((await cli('report', 'funnel', '--db', app.dbPath, '--format', 'xlsx')).code).toBe(2);
    const back = await cli('report', 'funnel', '--db', app.dbPath, '--from', '2024/25', '--to', '2020/21');
    expect(back.code).toBe(1);
    expect(back.err).toContain(
      'The From year (2024/25) is after the To year (2020/21): choose a From year no later than 2020/21, or a To year no earlier than 2024/25.',
    );
  });
});
