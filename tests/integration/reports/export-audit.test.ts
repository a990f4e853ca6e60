import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_TABLES,
  columnHeading,
  definitionLine,
  firstHeading,
  formatCell,
  type Report,
  type ReportOptionsInput,
  type ReportRow,
} from '../../../src-main/contract/reports.ts';
import { readDocx } from '../../support/docx.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, addSmallFixture } from './fixture.ts';

/**
 * Every table's Excel, CSV and Word (HTML) export, opened as a user's program opens it, holds
 * the figures the API (and so the screen, which prints them with formatCell) gives: each number
 * a number cell that Excel displays as the screen does, each "<5", "–" and "not recorded" a text
 * cell, with the table's headings and definitions.
 */
const RANGE = { from: '2022/23', to: '2024/25' } as const;
let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  const db = app.ctx.store.db;
  addSmallFixture(db);
  // Medians of a half day and whole days over a thousand, to see how each file displays them.
  addHousehold(db, {
    reference: 'H8',
    source: 'radio',
    episodes: [
      {
        milestones: {
          enquiry: '2023-04-03',
          eoi: '2023-04-06',
          stage1: '2023-05-01',
          stage2: '2023-06-01',
          panel: '2024-01-03',
          approval: '2024-01-06',
        },
      },
    ],
  });
  // Targets and comparators: rows of figures typed in, beside the counted ones (annual tables).
  for (const fy of ['2023/24', '2024/25'])
    await app.call('planning.setFigures', {
      fy,
      figures: [
        { basis: 'target', measure: 'enquiries', value: 1200 },
        { basis: 'target', measure: 'approved', value: 3 },
        { basis: 'target', measure: 'net_change', value: -2 },
        { basis: 'england', measure: 'enquiry_to_approved', value: 12.5 },
      ],
    });
});

type Grid = (XLSX.CellObject | undefined)[][];
const gridOf = (ws: XLSX.WorkSheet): Grid => {
  const range = XLSX.utils.decode_range(ws['!ref']!);
  const out: Grid = [];
  for (let r = 0; r <= range.e.r; r++) {
    const line: (XLSX.CellObject | undefined)[] = [];
    for (let c = 0; c <= range.e.c; c++) line.push(ws[XLSX.utils.encode_cell({ r, c })]);
    out.push(line);
  }
  return out;
};
const textOf = (c: XLSX.CellObject | undefined) => (c ? String(c.v) : '');

/** A csv as its fields (quotes undone), one array a line. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted && ch === '"' && body[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted || (ch !== '"' && ch !== ',' && ch !== '\r')) field += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else {
      // CRLF: the line ends.
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    }
  }
  return rows;
}

/** What Excel shows for an xlsx value cell, and whether it is a number. */
const shown = (c: XLSX.CellObject | undefined) =>
  c === undefined
    ? ''
    : c.t === 'n'
      ? XLSX.SSF.format((c.z as string | undefined) ?? 'General', c.v)
      : String(c.v);

function expectXlsxRow(
  line: (XLSX.CellObject | undefined)[],
  r: ReportRow,
  cols: Report['columns'],
  where: string,
) {
  expect(textOf(line[0]), where).toBe(r.label);
  cols.forEach((c, i) => {
    const value = r.values[c.key] ?? null;
    const cell = line[i + 1];
    const at = `${where} / ${r.key} / ${c.key}`;
    if (typeof value === 'number') {
      // A rate is Excel's own percentage: the cell holds its fraction (11.6% is 0.116).
      expect(cell, at).toMatchObject({ t: 'n', z: r.kind === 'rate' ? '0.0%' : expect.anything() });
      expect(cell!.v, at).toBeCloseTo(r.kind === 'rate' ? value / 100 : value, 9);
    } else {
      expect(cell, at).toMatchObject({ t: 's', v: formatCell(value, r.kind) });
    }
    expect(shown(cell), at).toBe(formatCell(value, r.kind));
  });
}

function checkXlsx(report: Report, ws: XLSX.WorkSheet, where: string) {
  const grid = gridOf(ws);
  const col0 = grid.map((l) => textOf(l[0]));
  expect(col0[0]).toBe(report.title);
  expect(col0).toContain(`Period: ${report.period}`);
  for (const d of report.definitions) expect(col0, where).toContain(definitionLine(d));
  expect(col0, where).toContain(`Pathway: ${report.pathwayLabel}`);
  if (report.table === 'ofsted') {
    for (const r of report.rows) {
      const at = col0.indexOf(r.label);
      expect(at, `${where} ${r.key} missing`).toBeGreaterThan(0);
      expectXlsxRow(grid[at]!, r, report.columns, where);
    }
    for (const s of report.sections) {
      const at = col0.indexOf(s.title);
      expect(at, `${where} ${s.key}`).toBeGreaterThan(0);
      // Its header row says what its rows are ("Age band"), as on screen, in the csv and in Word.
      expect(grid[at + 1]!.slice(0, 1 + s.columns.length).map(textOf), `${where} ${s.key}`).toEqual([
        s.rowHeading,
        ...s.columns.map(columnHeading),
      ]);
      s.rows.forEach((r, i) => expectXlsxRow(grid[at + 2 + i]!, r, s.columns, `${where} ${s.key}`));
    }
    return;
  }
  const head = grid.findIndex(
    (l) =>
      textOf(l[0]) === firstHeading(report.table) &&
      report.columns.every((c, i) => textOf(l[i + 1]) === columnHeading(c)),
  );
  expect(head, `${where} header`).toBeGreaterThan(0);
  report.rows.forEach((r, i) => expectXlsxRow(grid[head + 1 + i]!, r, report.columns, where));
  for (const s of report.sections) {
    const at = col0.indexOf(s.title, head);
    expect(at, `${where} ${s.key}`).toBeGreaterThan(0);
    expect(grid[at + 1]!.slice(1, 1 + s.columns.length).map(textOf)).toEqual(s.columns.map(columnHeading));
    s.rows.forEach((r, i) => expectXlsxRow(grid[at + 2 + i]!, r, s.columns, `${where} ${s.key}`));
  }
}

const csvValue = (v: Report['rows'][number]['values'][string] | undefined, kind: ReportRow['kind']) =>
  typeof v === 'number' ? String(v) : formatCell(v ?? null, kind);

function checkCsv(report: Report, text: string, where: string) {
  const lines = parseCsv(text);
  const col0 = lines.map((l) => l[0] ?? '');
  expect(col0[0]).toBe(report.title);
  for (const d of report.definitions) expect(col0, where).toContain(definitionLine(d));
  const blocks = [
    { key: '', columns: report.columns, rows: report.rows, first: firstHeading(report.table) },
    ...report.sections.map((s) => ({ key: s.key, columns: s.columns, rows: s.rows, first: s.rowHeading })),
  ];
  let from = 0;
  for (const b of blocks) {
    const head = lines.findIndex(
      (l, i) => i >= from && l[0] === b.first && b.columns.every((c, j) => l[j + 1] === columnHeading(c)),
    );
    expect(head, `${where} ${b.key} header`).toBeGreaterThan(0);
    b.rows.forEach((r, i) => {
      const line = lines[head + 1 + i]!;
      expect(line[0]).toBe(r.label);
      expect(line.slice(1), `${where} ${b.key} ${r.key}`).toEqual(
        b.columns.map((c) => csvValue(r.values[c.key], r.kind)),
      );
    });
    from = head + 1 + b.rows.length;
  }
}

const unescape = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
  );

/** A figure as pasted: as the screen shows it, a negative one with the ASCII minus a spreadsheet reads. */
const pasted = (v: Parameters<typeof formatCell>[0], kind: Parameters<typeof formatCell>[1]) =>
  formatCell(v, kind).replace(/^\u2212/, '-');

function checkHtml(report: Report, html: string, where: string) {
  const rows = [...html.matchAll(/<tr><th scope="row"[^>]*>(.*?)<\/th>(.*?)<\/tr>/g)].map((m) => [
    unescape(m[1]!),
    ...[...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((t) => unescape(t[1]!)),
  ]);
  const all = [
    ...report.rows.map((r) => ({ r, cols: report.columns })),
    ...report.sections.flatMap((s) => s.rows.map((r) => ({ r, cols: s.columns }))),
  ];
  expect(rows.length, where).toBe(all.length);
  all.forEach(({ r, cols }, i) =>
    expect(rows[i], `${where} ${r.key}`).toEqual([
      r.label,
      ...cols.map((c) => pasted(r.values[c.key] ?? null, r.kind)),
    ]),
  );
  for (const d of report.definitions) expect(unescape(html), where).toContain(definitionLine(d));
}

/** The clipboard's plain-text twin: each row's label and figures as the screen shows them, tab-separated. */
function checkText(report: Report, text: string, where: string) {
  const lines = text.split('\n');
  const all = [
    ...report.rows.map((r) => ({ r, cols: report.columns })),
    ...report.sections.flatMap((s) => s.rows.map((r) => ({ r, cols: s.columns }))),
  ];
  for (const { r, cols } of all) {
    const line = [r.label, ...cols.map((c) => pasted(r.values[c.key] ?? null, r.kind))].join('\t');
    expect(lines, `${where} ${r.key}`).toContain(line);
  }
}

const exported = async (
  table: (typeof REPORT_TABLES)[number],
  options: ReportOptionsInput,
  format: 'xlsx' | 'csv' | 'html',
) =>
  Buffer.from((await app.call('reports.exportTable', { tables: [table], options, format })).base64, 'base64');

describe('every table, every way, in every file', () => {
  for (const table of REPORT_TABLES) {
    it(`${table}: xlsx, csv and html hold the API's figures as the screen shows them`, async () => {
      for (const quarterly of [false, true])
        for (const pathway of ['mainstream', 'kinship', 'all'] as const)
          for (const suppress of [false, true]) {
            const options = { ...RANGE, quarterly, pathway, suppress };
            const where = `${table} ${JSON.stringify(options)}`;
            const report = await app.call('reports.getTable', { table, options });
            if (suppress)
              for (const r of [...report.rows, ...report.sections.flatMap((s) => s.rows)])
                if (r.kind === 'count' && r.drillable !== false)
                  for (const [col, v] of Object.entries(r.values))
                    expect(typeof v === 'number' && v >= 1 && v <= 4, `${where} ${r.key} ${col} = ${v}`).toBe(
                      false,
                    );
            const wb = XLSX.read(await exported(table, options, 'xlsx'), { cellNF: true });
            checkXlsx(report, wb.Sheets[wb.SheetNames[0]!]!, where);
            checkCsv(report, (await exported(table, options, 'csv')).toString('utf8'), where);
            const html = await app.call('reports.exportTable', { tables: [table], options, format: 'html' });
            checkHtml(report, Buffer.from(html.base64, 'base64').toString('utf8'), where);
            checkText(report, html.text!, where);
          }
    });
  }
});

describe('Save all tables to Excel', () => {
  it('writes a sheet per table, each holding what that table shows', async () => {
    for (const options of [
      { ...RANGE, quarterly: true, pathway: 'all' as const, suppress: true },
      { ...RANGE, quarterly: false, pathway: 'kinship' as const, suppress: false },
    ]) {
      const file = await app.call('reports.exportTable', {
        tables: [...REPORT_TABLES],
        options,
        format: 'xlsx',
      });
      expect(file.fileName).toBe(
        options.suppress
          ? 'reports-2022-23-2024-25-quarterly-all-suppressed.xlsx'
          : 'reports-2022-23-2024-25-mostly-kinship.xlsx',
      );
      const wb = XLSX.read(Buffer.from(file.base64, 'base64'), { cellNF: true });
      expect(wb.SheetNames).toHaveLength(REPORT_TABLES.length);
      for (const [i, table] of REPORT_TABLES.entries()) {
        const report = await app.call('reports.getTable', { table, options });
        checkXlsx(report, wb.Sheets[wb.SheetNames[i]!]!, `all tables: ${table}`);
      }
    }
  });
});

describe('the Ofsted return in Excel', () => {
  it('shows a count over a thousand as the screen does (1,001)', async () => {
    const big = await testApp({ today: '2026-11-26' });
    const db = big.ctx.store.db;
    db.transaction(() => {
      for (let i = 0; i < 1001; i++)
        addHousehold(db, { reference: `B${i}`, episodes: [{ milestones: { enquiry: '2024-05-01' } }] });
    })();
    const options = { from: '2024/25', to: '2024/25' };
    const report = await big.call('reports.getTable', { table: 'ofsted', options });
    const file = await big.call('reports.exportTable', { tables: ['ofsted'], options, format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'), { cellNF: true });
    const grid = gridOf(wb.Sheets[wb.SheetNames[0]!]!);
    const row = grid.find((l) => textOf(l[0]) === 'Initial enquiries')!;
    expect(report.rows.find((r) => r.key === 'initial_enquiries')!.values.mainstream).toBe(1001);
    expect(row.slice(1, 4).map(shown)).toEqual(['1,001', 'not collected', '1,001']);
  });
});

describe('a label typed by the service that a spreadsheet could run', () => {
  it('is a text cell in xlsx, neutralised in csv and the pasted text, a text cell in the Word table', async () => {
    const db = app.ctx.store.db;
    const labels = ['=1+2', '+44 reason', '-1 reason', '@SUM(A1)', ' =cmd|x'];
    const keys = ['lost_contact', 'circumstances', 'other', 'process', 'financial'];
    const before = keys.map(
      (k) =>
        db.prepare("SELECT label FROM reasons WHERE list = 'dropout' AND key = ?").pluck().get(k) as string,
    );
    const set = (k: string, l: string) =>
      db.prepare("UPDATE reasons SET label = ? WHERE list = 'dropout' AND key = ?").run(l, k);
    keys.forEach((k, i) => set(k, labels[i]!));
    try {
      const options = { ...RANGE, pathway: 'all' as const };
      const report = await app.call('reports.getTable', { table: 'dropout', options });
      const shownLabels = report.rows.map((r) => r.label);
      for (const l of labels) expect(shownLabels).toContain(l);
      const wb = XLSX.read(await exported('dropout', options, 'xlsx'));
      const ws = wb.Sheets[wb.SheetNames[0]!]!;
      const cells = Object.entries(ws).filter(([a]) => !a.startsWith('!'));
      for (const l of labels)
        expect(cells.find(([, c]) => (c as XLSX.CellObject).v === l)?.[1]).toMatchObject({ t: 's' });
      for (const [, c] of cells) expect((c as XLSX.CellObject).f).toBeUndefined();
      const csv = parseCsv((await exported('dropout', options, 'csv')).toString('utf8'));
      for (const l of labels) expect(csv.map((line) => line[0])).toContain(`'${l}`);
      for (const line of csv) for (const f of line) expect(f).not.toMatch(/^[\s"]*[=+\-@]/);
      const html = await app.call('reports.exportTable', { tables: ['dropout'], options, format: 'html' });
      const h = Buffer.from(html.base64, 'base64').toString('utf8');
      for (const l of labels)
        expect(h).toContain(
          `sdnum="2057;0;@" style="border:1px solid #767676;padding:2pt 5pt;font-family:Arial,sans-serif;font-size:10pt;mso-number-format:'\\@';text-align:left;font-weight:normal">${l}</th>`,
        );
      for (const line of html.text!.split('\n')) expect(line).not.toMatch(/^[\s"]*[=+\-@]/);
    } finally {
      keys.forEach((k, i) => set(k, before[i]!));
    }
  });
});

describe('the line saying whether small numbers are suppressed', () => {
  it('says so in every file of the Ofsted return, its carer characteristics with the rest', async () => {
    for (const suppress of [false, true]) {
      const options = { ...RANGE, suppress };
      const report = await app.call('reports.getTable', { table: 'ofsted', options });
      expect(report.sections.length).toBeGreaterThan(0);
      const note = suppress ? 'Small numbers suppressed (<5)' : 'Small numbers not suppressed';
      const wb = XLSX.read(await exported('ofsted', options, 'xlsx'));
      const col0 = gridOf(wb.Sheets[wb.SheetNames[0]!]!).map((l) => textOf(l[0]));
      expect(col0).toContain(note);
      const csv = parseCsv((await exported('ofsted', options, 'csv')).toString('utf8'));
      expect(csv.map((l) => l[0])).toContain(note);
      // Copy for Word says it only where a cell may read "<5", as for every table.
      const html = (await exported('ofsted', options, 'html')).toString('utf8');
      if (suppress) expect(html).toContain('>Small numbers suppressed (&lt;5)</p>');
      else expect(html).not.toContain('Small numbers');
      // Not suppressed, no cell of the return or its sections says "<5".
      if (!suppress)
        for (const t of [report, ...report.sections])
          for (const row of t.rows) expect(Object.values(row.values), row.key).not.toContain('<5');
    }
    const funnel = parseCsv(
      (await exported('funnel', { ...RANGE, suppress: false }, 'csv')).toString('utf8'),
    );
    expect(funnel[3]![0]).toBe('Small numbers not suppressed');
  });
});

describe('a year not yet ended', () => {
  it('is said in the period line of the screen and every file, with the day its figures run to', async () => {
    const open = '(1 April 2025 to 31 March 2027; figures to 26/11/2026, as 2026/27 has not ended)';
    for (const table of ['funnel', 'retention', 'ofsted'] as const) {
      const options = { from: '2025/26', to: '2026/27' };
      const report = await app.call('reports.getTable', { table, options });
      expect(report.period, table).toContain(table === 'ofsted' ? '1 April 2026 to 31 March 2027;' : open);
      expect(report.period, table).toContain('figures to 26/11/2026, as 2026/27 has not ended');
      const csv = parseCsv((await exported(table, options, 'csv')).toString('utf8'));
      expect(csv[1]![0], table).toBe(`Period: ${report.period}`);
      // A year ended says nothing of it.
      const ended = await app.call('reports.getTable', { table, options: RANGE });
      expect(ended.period, table).not.toContain('figures to');
    }
  });
});

describe('header cells', () => {
  it('are never empty, in Excel, CSV or Word (a screen reader reads an empty one as nothing; Word flags it)', async () => {
    const options = { ...RANGE, pathway: 'all' as const };
    const tables = [...REPORT_TABLES];
    const xlsx = await app.call('reports.exportTable', { tables, options, format: 'xlsx' });
    const wb = XLSX.read(Buffer.from(xlsx.base64, 'base64'));
    for (const name of wb.SheetNames)
      gridOf(wb.Sheets[name]!).forEach((line, i) => {
        // A line of several cells is a table's header or row: its first cell says what it is.
        if (line.filter(Boolean).length > 1) expect(textOf(line[0]), `${name} row ${i + 1}`).not.toBe('');
      });
    const csv = await app.call('reports.exportTable', { tables, options, format: 'csv' });
    parseCsv(Buffer.from(csv.base64, 'base64').toString('utf8')).forEach((line, i) => {
      if (line.filter(Boolean).length > 1) expect(line[0], `csv line ${i + 1}`).not.toBe('');
    });
    const docx = await app.call('reports.exportTable', { tables, options, format: 'docx' });
    for (const t of readDocx(Buffer.from(docx.base64, 'base64')).rawTables)
      expect(t.rows[0], t.caption).not.toContain('');
  });
});

describe('Excel column widths', () => {
  it("fit every table's column headings and row labels, which Excel cuts off where the next cell is filled", async () => {
    const options = { from: '2022/23', to: '2025/26', pathway: 'all' as const };
    const file = await app.call('reports.exportTable', {
      tables: [...REPORT_TABLES],
      options,
      format: 'xlsx',
    });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'), { cellStyles: true });
    for (const [i, table] of REPORT_TABLES.entries()) {
      const report = await app.call('reports.getTable', { table, options });
      const ws = wb.Sheets[wb.SheetNames[i]!]!;
      const width = (c: number) => (ws['!cols']?.[c]?.wch ?? 0) as number;
      for (const b of [report, ...report.sections]) {
        for (const r of b.rows)
          expect(width(0), `${table}: ${r.label}`).toBeGreaterThanOrEqual(r.label.length);
        b.columns.forEach((c, j) =>
          expect(width(j + 1), `${table}: ${columnHeading(c)}`).toBeGreaterThanOrEqual(
            columnHeading(c).length,
          ),
        );
      }
    }
  });
});

describe('the day a file was made', () => {
  it('is said under the title of every file, dd/mm/yyyy, as a report author must say which version was sent', async () => {
    const made = 'Produced on 26/11/2026';
    for (const table of ['funnel', 'ofsted', 'dropout'] as const) {
      const options = { ...RANGE, suppress: true };
      expect((await app.call('reports.getTable', { table, options })).madeOn).toBe('2026-11-26');
      const wb = XLSX.read(await exported(table, options, 'xlsx'));
      const col0 = gridOf(wb.Sheets[wb.SheetNames[0]!]!).map((l) => textOf(l[0]));
      expect(col0.slice(0, 6), table).toContain(made);
      const csv = parseCsv((await exported(table, options, 'csv')).toString('utf8'));
      expect(
        csv.slice(0, 6).map((l) => l[0]),
        table,
      ).toContain(made);
      expect((await exported(table, options, 'html')).toString('utf8'), table).toContain(`>${made}</p>`);
      const docx = await app.call('reports.exportTable', { tables: [table], options, format: 'docx' });
      const lines = readDocx(Buffer.from(docx.base64, 'base64')).paragraphs.map((p) => p.text);
      expect(lines.slice(0, 6), table).toContain(made);
    }
  });
});

describe('file names', () => {
  it('name the years or quarters the file holds, safe on any system', async () => {
    const names: Record<string, string> = {};
    for (const table of REPORT_TABLES)
      for (const options of [{ ...RANGE, quarterly: true, pathway: 'kinship' as const }, {}]) {
        const file = await app.call('reports.exportTable', { tables: [table], options, format: 'csv' });
        expect(file.fileName).toMatch(/^[a-z0-9-]+\.csv$/i);
        names[`${table} ${JSON.stringify(options)}`] = file.fileName;
      }
    expect(names['funnel {"from":"2022/23","to":"2024/25","quarterly":true,"pathway":"kinship"}']).toBe(
      'funnel-2022-23-2024-25-quarterly-kinship.csv',
    );
    expect(names['ofsted {"from":"2022/23","to":"2024/25","quarterly":true,"pathway":"kinship"}']).toBe(
      'ofsted-2024-25-all.csv',
    );
    // The forecast holds the rest of this quarter and the next three (today 26/11/2026), whatever years are chosen.
    expect(names['forecast {}']).toBe('forecast-2026-27-Q3-2027-28-Q2-mainstream.csv');
    expect(names['forecast {"from":"2022/23","to":"2024/25","quarterly":true,"pathway":"kinship"}']).toBe(
      'forecast-2026-27-Q3-2027-28-Q2-kinship.csv',
    );
  });
});

describe('a negative figure', () => {
  it('reads with the minus sign of the row labels (−2) on screen and in Word; a number in xlsx, csv and pasted text (-2)', async () => {
    const options = { ...RANGE, pathway: 'mainstream' as const };
    const report = await app.call('reports.getTable', { table: 'funnel', options });
    const row = report.rows.find((r) => r.key === 'target_net_change')!;
    expect(row.label).toBe('Target: net change in approved households');
    expect(row.values['2023/24']).toBe(-2);
    // U+2212, as "approved − ceased" in the label above it, not a hyphen.
    expect(formatCell(-2, row.kind)).toBe('\u22122');
    const wb = XLSX.read(await exported('funnel', options, 'xlsx'), { cellNF: true });
    const xlsx = gridOf(wb.Sheets[wb.SheetNames[0]!]!);
    const inXlsx = xlsx.find((l) => textOf(l[0]) === row.label)!;
    expect(inXlsx[2]).toMatchObject({ t: 'n', v: -2 });
    expect(shown(inXlsx[2])).toBe('\u22122');
    const csv = parseCsv((await exported('funnel', options, 'csv')).toString('utf8'));
    expect(csv.find((l) => l[0] === row.label)!.slice(2, 4)).toEqual(['-2', '-2']);
    const html = await app.call('reports.exportTable', { tables: ['funnel'], options, format: 'html' });
    // Pasted (HTML and text alike), the ASCII minus: a spreadsheet takes "−2" for text, not a number.
    expect(Buffer.from(html.base64, 'base64').toString('utf8')).toMatch(/>-2<\/td>/);
    expect(html.text!.split('\n')).toContain(`${row.label}\t–\t-2\t-2`);
  });
});

describe('no rate from a suppressed count', () => {
  // The domain guide's rates: [rate row, numerator, denominator].
  const FUNNEL_RATES = [
    ['enquiry_to_stage2', 'stage2', 'enquiries'],
    ['eoi_to_stage2', 'stage2', 'eoi'],
    ['stage2_to_approved', 'approved', 'stage2'],
    ['enquiry_to_approved', 'approved', 'enquiries'],
    ['eoi_to_approved', 'approved', 'eoi'],
  ] as const;

  it('prints "–" for a rate whose numerator or denominator is hidden, in the funnel and sources tables', async () => {
    let hidden = 0;
    for (const quarterly of [false, true])
      for (const pathway of ['mainstream', 'kinship', 'all'] as const) {
        const options = { ...RANGE, quarterly, pathway, suppress: true };
        const funnel = await app.call('reports.getTable', { table: 'funnel', options });
        const at = (rows: ReportRow[], key: string) => rows.find((r) => r.key === key)!.values;
        for (const c of funnel.columns)
          for (const [rate, num, den] of FUNNEL_RATES)
            if (at(funnel.rows, num)[c.key] === '<5' || at(funnel.rows, den)[c.key] === '<5') {
              hidden++;
              expect(at(funnel.rows, rate)[c.key], `${rate} ${c.key}`).toBeNull();
            }
        const sources = await app.call('reports.getTable', { table: 'sources', options });
        for (const r of sources.rows.filter((x) => x.kind === 'rate')) {
          const [key, what] = r.key.split(':') as [string, string];
          const num = `${key}:${what.replace('_rate', '')}`;
          for (const c of sources.columns)
            if (at(sources.rows, num)[c.key] === '<5' || at(sources.rows, key)[c.key] === '<5') {
              hidden++;
              expect(r.values[c.key], `${r.key} ${c.key}`).toBeNull();
            }
        }
      }
    expect(hidden).toBeGreaterThan(0);
  });
});
