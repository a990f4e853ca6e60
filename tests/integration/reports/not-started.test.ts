import { inflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_STARTED, type Report } from '../../../src-main/contract/reports.ts';
import { reportsToCsv } from '../../../src-main/reports/export/files.ts';
import { markColumn } from '../../../src-main/reports/not-started.ts';
import { lastCompleteYears } from '../../../src-main/domain/financial-year.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Quarters not yet started, by the app's one clock (set here to 26/11/2026: 2026/27 Q3 in
 * progress, Q4 from 01/01/2027 to come): blank and marked in every door, never 0 or a rate, and
 * taking no part in suppression. A manager read "0 enquiries in Q4" as a bad quarter.
 */
const TODAY = '2026-11-26';
const Q3 = '2026/27 Q3';
const Q4 = '2026/27 Q4';
const quarterly = { from: '2026/27', to: '2026/27', quarterly: true };

let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: TODAY });
  await app.call('system.generateSample', { households: 400, seed: 1 });
});

const table = (t: 'funnel' | 'retention' | 'dropout' | 'cohort' | 'leaving', suppress = false) =>
  app.call('reports.getTable', { table: t, options: { ...quarterly, suppress } });

/** Every cell of the main table and its views, by column key. */
const cellsOf = (r: Report, column: (key: string) => boolean) =>
  [r, ...r.sections].flatMap((t) =>
    t.rows.flatMap((row) =>
      Object.entries(row.values)
        .filter(([c]) => column(c))
        .map(([, v]) => v),
    ),
  );

/** The text of a .docx's document part (stored or deflated, as export/zip.ts writes it). */
function docxText(base64: string): string {
  const zip = Buffer.from(base64, 'base64');
  for (let at = zip.indexOf('PK\u0003\u0004'); at >= 0; at = zip.indexOf('PK\u0003\u0004', at + 4)) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 30, at + 30 + nameLength);
    if (name !== 'word/document.xml') continue;
    const data = zip.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    return (method === 8 ? inflateRawSync(data) : data).toString('utf8').replace(/<[^>]+>/g, ' ');
  }
  throw new Error('no word/document.xml');
}

describe('periods not yet started', () => {
  it('leaves a quarter that starts after today blank and marks it, and marks the quarter in progress "to date" (recruitment)', async () => {
    const r = await table('funnel');
    const q4 = r.columns.find((c) => c.key === Q4)!;
    expect(q4.notStarted).toBe(true);
    expect(r.columns.find((c) => c.key === Q3)!.toDate).toBe(true);
    expect(r.columns.find((c) => c.key === '2026/27 Q2')).toEqual({ key: '2026/27 Q2', label: '2026/27 Q2' });
    // Counts and rates alike: blank, not 0 and not "–".
    for (const row of r.rows) expect(row.values[Q4]).toBe(NOT_STARTED);
    expect(r.rows.find((x) => x.key === 'enquiries')!.values[Q3]).toBeGreaterThan(0);
  });

  it('marks a period "to date" on its own last day too, as figures may still come that day', () => {
    // On 31/03 the year was neither complete (the default range still ended a year before) nor
    // marked "to date" (found by a report author's check of the boundaries).
    const column = { key: '2025/26', label: '2025/26' };
    expect(markColumn(column, '2026-03-31')).toMatchObject({ toDate: true });
    expect(markColumn(column, '2026-04-01')).toEqual(column);
    expect(lastCompleteYears('2026-03-31').to).toBe('2024/25');
    expect(lastCompleteYears('2026-04-01').to).toBe('2025/26');
  });

  it('shows retention no figures, rates or households carried forward for a quarter not yet started', async () => {
    const r = await table('retention');
    for (const row of r.rows) expect(row.values[Q4]).toBe(NOT_STARTED);
    expect(r.rows.find((x) => x.key === 'households_end')!.values[Q3]).toBeGreaterThan(0);
  });

  it('blanks the drop-out table’s quarter blocks and the cohort still to enquire alike', async () => {
    for (const t of ['dropout', 'cohort', 'leaving'] as const) {
      const r = await table(t);
      const later = r.columns.filter((c) => c.key.startsWith(Q4)).map((c) => c.key);
      expect(later.length, t).toBeGreaterThan(0);
      expect(new Set(cellsOf(r, (c) => later.includes(c))), t).toEqual(new Set([NOT_STARTED]));
    }
  });

  it('blanks a year that starts after today, and its annual cells, by years too', async () => {
    const r = await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: '2025/26', to: '2027/28' },
    });
    expect(r.columns.map((c) => [c.key, !!c.notStarted, !!c.toDate])).toEqual([
      ['2025/26', false, false],
      ['2026/27', false, true],
      ['2027/28', true, false],
    ]);
    for (const row of r.rows) expect(row.values['2027/28']).toBe(NOT_STARTED);
  });

  it('never hides a blank cell nor takes it as cover when small numbers are suppressed', async () => {
    for (const t of ['funnel', 'retention', 'dropout', 'leaving'] as const) {
      const r = await table(t, true);
      const later = r.columns.filter((c) => c.notStarted).map((c) => c.key);
      expect(new Set(cellsOf(r, (c) => later.includes(c))), t).toEqual(new Set([NOT_STARTED]));
    }
  });

  it('says so under the table in the CSV, Word file and the CLI, with the headings marked', async () => {
    const r = await table('funnel');
    const csv = reportsToCsv([r]).split(/\r?\n/);
    const head = csv.findIndex((l) => l.startsWith('Measure,'));
    expect(csv[head]).toContain(`${Q3} (to date),${Q4} (not yet started)`);
    // Each row's Q4 cell is empty; right under the table's last row, the two lines.
    const last = head + r.rows.length;
    expect(csv[last]!.endsWith(',')).toBe(true);
    expect(csv[last + 1]).toMatch(/^"?To date: the period in progress on 26\/11\/2026/);
    expect(csv[last + 2]).toMatch(/^"?Not yet started: a period that starts after 26\/11\/2026/);

    const docx = await app.call('reports.exportTable', {
      tables: ['funnel'],
      options: quarterly,
      format: 'docx',
    });
    const words = docxText(docx.base64);
    expect(words).toContain(`${Q4} (not yet started)`);
    expect(words).toContain('Not yet started: a period that starts after 26/11/2026');

    const out: string[] = [];
    const code = await runCli(
      ['report', 'funnel', '--db', app.dbPath, '--fy', '2026/27', '--quarterly'],
      { out: (t) => out.push(t), err: () => {} },
      {},
    );
    expect(code).toBe(0);
    const lines = out.join('\n').split('\n');
    const enquiries = lines.find((l) => l.startsWith('Number of initial enquiries'))!;
    expect(enquiries.trimEnd()).not.toMatch(/ 0$/);
    expect(lines.find((l) => l.startsWith('Measure'))).toContain(`${Q4} (not yet started)`);
    expect(lines).toContain(
      'Not yet started: a period that starts after 26/11/2026, the day this table was produced; its cells are left blank, as nothing can be counted in it yet (not 0, and no rate).',
    );
  });

  // The Ofsted return for a year not yet begun printed 0 in every cell (its columns are pathways,
  // so no column was marked), under a period line saying "no figures yet, as 2027/28 has not begun".
  it('blanks the Ofsted return for a year not yet begun and heads its columns so, in the contract and the CLI', async () => {
    const r = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: '2027/28', to: '2027/28', suppress: true },
    });
    expect(r.sections.length).toBeGreaterThan(0);
    for (const t of [r, ...r.sections]) expect(t.columns.every((c) => c.notStarted)).toBe(true);
    expect(new Set(cellsOf(r, () => true))).toEqual(new Set([NOT_STARTED]));
    // The year in progress is counted to today, and headed so: its figures "at 31 March" are today's.
    const now = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: '2026/27', to: '2026/27' },
    });
    expect(now.columns.some((c) => c.notStarted)).toBe(false);
    expect(now.columns.every((c) => c.toDate)).toBe(true);
    const nowOut: string[] = [];
    await runCli(
      ['report', 'ofsted', '--db', app.dbPath, '--fy', '2026/27'],
      { out: (t) => nowOut.push(t), err: () => {} },
      {},
    );
    expect(nowOut.join('\n')).toMatch(
      /Mainstream \(to date\) +Family and friends \(to date\) +All \(to date\)\n/,
    );
    expect(nowOut.join('\n')).toContain(
      'To date: the period in progress on 26/11/2026; its figures run to that day, not to the period’s end.',
    );
    expect(now.rows.find((x) => x.key === 'initial_enquiries')!.values.mainstream).toBeGreaterThan(0);

    const out: string[] = [];
    const code = await runCli(
      ['report', 'ofsted', '--db', app.dbPath, '--fy', '2027/28'],
      { out: (t) => out.push(t), err: () => {} },
      {},
    );
    expect(code).toBe(0);
    const lines = out.join('\n').split('\n');
    expect(lines.find((l) => l.startsWith('Measure'))).toMatch(
      /Mainstream \(not yet started\) +Family and friends \(not yet started\) +All \(not yet started\)$/,
    );
    expect(lines.find((l) => l.startsWith('Initial enquiries'))!.trim()).toBe('Initial enquiries');
    expect(lines).toContain(
      'Not yet started: a period that starts after 26/11/2026, the day this table was produced; its cells are left blank, as nothing can be counted in it yet (not 0, and no rate).',
    );

    // The return's own sheet, for typing into Ofsted's portal: headed and said alike, no 0s.
    const file = await app.call('reports.exportTable', {
      tables: ['ofsted'],
      options: { to: '2027/28' },
      format: 'xlsx',
    });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'));
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(sheet.find((l) => l[0] === 'Measure')?.slice(1, 4)).toEqual([
      'Mainstream (not yet started)',
      'Family and friends (not yet started)',
      'All (not yet started)',
    ]);
    expect(
      sheet
        .find((l) => l[0] === 'Initial enquiries')
        ?.slice(1, 4)
        .filter((v) => v !== '' && v != null),
    ).toEqual([]);
    expect(
      sheet.some((l) => String(l[0]).startsWith('Not yet started: a period that starts after 26/11/2026')),
    ).toBe(true);
  });
});
