import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPRESSED, type Report } from '../../../src-main/contract/reports.ts';
import { OPEN_STAGES } from '../../../src-main/domain/stages.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { readDocx } from '../../support/docx.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, type EpisodeFacts } from './fixture.ts';

/**
 * A manager reports drop-outs to the executive quarterly (Q1 = April to June): the drop-out table
 * by quarter is one block of its stage columns per quarter, each closure in the quarter of its
 * closure date, counted as the table by financial years counts it (real SQLite).
 */
const TODAY = '2026-11-26';
const FY = { from: '2025/26', to: '2025/26', pathway: 'all' as const };
const Q = ['2025/26 Q1', '2025/26 Q2', '2025/26 Q3', '2025/26 Q4'];
let app: TestApp;

type Closure = NonNullable<EpisodeFacts['closure']>;
let n = 0;
const close = (date: string, stage: Closure['stage'], reason: string, endedBy: Closure['endedBy']) =>
  addHousehold(app.ctx.store.db, {
    reference: `D${String(++n).padStart(2, '0')}`,
    episodes: [{ milestones: { enquiry: '2025-01-06' }, closure: { date, stage, reason, endedBy } }],
  });

beforeAll(async () => {
  app = await testApp({ today: TODAY });
  // Each quarter's first and last day, and the days either side of the year (not counted).
  close('2025-03-31', 'enquiry', 'circumstances', 'applicant'); // 2024/25 Q4: not this year
  close('2025-04-01', 'enquiry', 'circumstances', 'applicant'); // D02 Q1
  close('2025-06-30', 'eoi', 'circumstances', 'applicant'); // D03 Q1
  close('2025-07-01', 'stage1', 'lost_contact', 'lost_contact'); // D04 Q2
  close('2025-09-30', 'stage1', 'other', 'service'); // D05 Q2
  close('2025-10-01', 'stage1', 'circumstances', 'applicant'); // D06 Q3
  close('2025-12-31', 'stage2', 'circumstances', 'service'); // D07 Q3
  close('2026-01-01', 'panel', 'other', 'service'); // D08 Q4
  close('2026-03-31', 'stage1', 'circumstances', 'applicant'); // D09 Q4
  close('2026-04-01', 'stage1', 'circumstances', 'applicant'); // 2026/27 Q1: not this year
});

const table = (options: object) =>
  app.call('reports.getTable', { table: 'dropout', options: { ...FY, ...options } });
const drill = async (row: string, column: string, section = '', options: object = { quarterly: true }) => {
  const r = await app.call('reports.listHouseholds', {
    table: 'dropout',
    options: { ...FY, ...options },
    section,
    row,
    column,
  });
  return { total: r.total, refs: r.households.map((h) => h.reference) };
};
const views = (r: Report) => [{ key: '', rows: r.rows }, ...r.sections];

describe('the drop-out table by quarter', () => {
  it('counts each closure in the quarter of its closure date, one block of stage columns per quarter', async () => {
    const r = await table({ quarterly: true });
    expect(r.columns.map((c) => c.key)).toEqual(
      Q.flatMap((q) => [...OPEN_STAGES, 'total'].map((s) => `${q} ${s}`)),
    );
    expect(r.columns.slice(12, 18).map((c) => c.label)).toEqual([
      '2025/26 Q3: Enquiry',
      '2025/26 Q3: EOI',
      '2025/26 Q3: Stage 1',
      '2025/26 Q3: Stage 2',
      '2025/26 Q3: Panel',
      '2025/26 Q3: Total',
    ]);
    expect(r.period).toContain('by quarter');
    const total = r.rows.find((x) => x.key === 'total')!.values;
    expect(Q.map((q) => total[`${q} total`])).toEqual([2, 2, 2, 2]);
    const circumstances = r.rows.find((x) => x.key === 'circumstances')!.values;
    expect(circumstances['2025/26 Q3 stage1']).toBe(1);
    expect(circumstances['2025/26 Q3 stage2']).toBe(1);
    expect(circumstances['2025/26 Q4 stage1']).toBe(1);
  });

  it("adds up, quarter by quarter, to the year's table in every view, row and stage", async () => {
    const annual = await table({});
    const quarterly = await table({ quarterly: true });
    expect(annual.rows.find((x) => x.key === 'total')!.values.total).toBe(8);
    const byQuarter = views(quarterly);
    for (const view of views(annual)) {
      const rows = byQuarter.find((v) => v.key === view.key)!.rows;
      expect(rows.map((x) => x.key)).toEqual(view.rows.map((x) => x.key));
      for (const row of view.rows) {
        const values = rows.find((x) => x.key === row.key)!.values;
        for (const col of annual.columns) {
          const sum = Q.reduce((s, q) => s + (values[`${q} ${col.key}`] as number), 0);
          expect(sum, `${view.key} ${row.key} ${col.key}`).toBe(row.values[col.key]);
        }
      }
    }
  });

  it('drills a quarter cell to exactly the households it counts, in every view', async () => {
    expect(await drill('circumstances', '2025/26 Q1 total')).toEqual({ total: 2, refs: ['D02', 'D03'] });
    expect(await drill('total', '2025/26 Q4 total')).toEqual({ total: 2, refs: ['D08', 'D09'] });
    expect(await drill('circumstances', '2025/26 Q3 stage1')).toEqual({ total: 1, refs: ['D06'] });
    expect(await drill('service', '2025/26 Q3 stage2', 'ended_by')).toEqual({ total: 1, refs: ['D07'] });
    expect(await drill('none', '2025/26 Q2 stage1', 'exit_interviews')).toEqual({
      total: 2,
      refs: ['D04', 'D05'],
    });
    const r = await table({ quarterly: true });
    for (const view of views(r)) {
      for (const row of view.rows) {
        for (const col of r.columns) {
          const d = await drill(row.key, col.key, view.key);
          expect(d.total, `${view.key} ${row.key} ${col.key}`).toBe(row.values[col.key]);
        }
      }
    }
    // The annual table's columns are not the quarterly table's, and a quarter out of the range is none.
    await expect(drill('total', 'stage1')).rejects.toMatchObject({ code: 'not_found', field: 'column' });
    await expect(drill('total', '2024/25 Q4 total')).rejects.toMatchObject({ field: 'column' });
  });
});

describe('the drop-out table by quarter, printed and saved', () => {
  const cli = async (...args: string[]) => {
    const said: string[] = [];
    const code = await runCli(
      [
        'report',
        'dropout',
        '--quarterly',
        '--fy',
        '2025/26',
        '--pathway',
        'all',
        '--db',
        app.dbPath,
        ...args,
      ],
      { out: (t) => said.push(t), err: (t) => said.push(t) },
      {},
    );
    return { code, text: said.join('\n') };
  };

  it('is printed by the CLI (report dropout --quarterly), each quarter headed by its label', async () => {
    const printed = await cli();
    expect(printed.code, printed.text).toBe(0);
    const lines = printed.text.split('\n');
    expect(lines[1]).toContain('2025/26 (1 April 2025 to 31 March 2026), by quarter');
    const head = lines.find((l) => l.startsWith('Reason'))!;
    for (const q of Q) expect(head).toContain(`${q}: Stage 1`);
    const r = await table({ quarterly: true });
    const total = r.rows.find((x) => x.key === 'total')!.values;
    const printedTotal = lines
      .find((l) => l.startsWith('Total'))!
      .trim()
      .split(/\s+/);
    expect(printedTotal).toEqual(['Total', ...r.columns.map((c) => String(total[c.key]))]);
  });

  it('is saved to Excel and Word with the quarter in every column heading, the same figures as on screen', async () => {
    const r = await table({ quarterly: true });
    const xlsx = join(app.dir, 'dropout-q.xlsx');
    const saved = await cli('--format', 'xlsx', '--out', xlsx);
    expect(saved.code, saved.text).toBe(0);
    const wb = XLSX.read(readFileSync(xlsx));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, {
      header: 1,
      defval: null,
    });
    const head = rows.find((line) => line[0] === 'Reason')!;
    expect(head).toEqual(['Reason', ...r.columns.map((c) => c.label)]);
    expect(head).toContain('2025/26 Q3: Stage 1');
    const totalLine = rows.find((line) => line[0] === 'Total')!;
    expect(totalLine).toEqual([
      'Total',
      ...r.columns.map((c) => r.rows.find((x) => x.key === 'total')!.values[c.key]),
    ]);
    expect(rows.some((line) => String(line[0]).includes('by quarter'))).toBe(true);

    const docx = join(app.dir, 'dropout-q.docx');
    expect((await cli('--format', 'docx', '--out', docx)).code).toBe(0);
    const doc = readDocx(readFileSync(docx));
    const main = doc.tables[0]!;
    expect(main.rows[0]).toEqual(['Reason', ...r.columns.map((c) => c.label)]);
    expect(main.rows.find((line) => line[0] === 'Total')).toEqual([
      'Total',
      ...r.columns.map((c) => String(r.rows.find((x) => x.key === 'total')!.values[c.key])),
    ]);
    expect(doc.paragraphs.some((p) => p.text.includes('by quarter'))).toBe(true);
  });
});

describe('the drop-out table by quarter, suppressed', () => {
  it('never gives back by its quarters a figure the table by financial years hides', async () => {
    const local = await testApp({ today: TODAY });
    let k = 0;
    const add = (date: string, reason: string) =>
      addHousehold(local.ctx.store.db, {
        reference: `S${++k}`,
        episodes: [
          {
            milestones: { enquiry: '2025-01-06' },
            closure: { date, stage: 'stage1', reason, endedBy: 'service' },
          },
        ],
      });
    // 'other' at Stage 1: 5 in Q1 and 5 in Q2 (10 in the year); 'circumstances': 3 in Q3.
    for (let i = 0; i < 5; i++) add('2025-05-01', 'other');
    for (let i = 0; i < 5; i++) add('2025-08-01', 'other');
    for (let i = 0; i < 3; i++) add('2025-11-01', 'circumstances');
    const get = (quarterly: boolean) =>
      local.call('reports.getTable', { table: 'dropout', options: { ...FY, quarterly, suppress: true } });
    const annual = await get(false);
    const quarterly = await get(true);
    // The year's 3 is hidden, so the 10 beside it in its stage column is hidden too.
    const other = annual.rows.find((x) => x.key === 'other')!.values;
    expect(other.stage1).toBe(SUPPRESSED);
    // The quarters 5 and 5 would give the 10 back: at least one of them is hidden with it.
    const otherQ = quarterly.rows.find((x) => x.key === 'other')!.values;
    expect(Q.map((q) => otherQ[`${q} stage1`]).some((v) => v === SUPPRESSED)).toBe(true);
    // And nowhere, in any view: every figure the year hides has a quarter hidden under it.
    const byQuarter = views(quarterly);
    for (const view of views(annual)) {
      for (const row of view.rows) {
        const values = byQuarter.find((v) => v.key === view.key)!.rows.find((x) => x.key === row.key)!.values;
        for (const col of annual.columns) {
          const parts = Q.map((q) => values[`${q} ${col.key}`]);
          if (row.values[col.key] === SUPPRESSED)
            expect(parts, `${view.key} ${row.key} ${col.key}`).toContain(SUPPRESSED);
          else if (parts.every((p) => typeof p === 'number'))
            expect(parts.reduce((s: number, p) => s + (p as number), 0)).toBe(row.values[col.key]);
        }
      }
    }
  });
});
