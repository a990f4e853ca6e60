import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportOptionsInput, ReportTableKey } from '../../../src-main/contract/reports.ts';
import { readDocx, unzip } from '../../support/docx.ts';
import { descendants, parseXml } from '../../support/xml.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addSmallFixture } from './fixture.ts';

/**
 * What a saved report's words and numbers are, read back from the files written: the Ofsted
 * return names its year once, its definitions say nothing a file cannot do ("open it"), a
 * percentage is stored as the figure shown (0.119, not 0.11900000000000001), and the funnel's
 * "Targets and comparators" definition is printed only above such rows.
 */
let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  addSmallFixture(app.ctx.store.db);
});

const save = async (tables: ReportTableKey[], options: ReportOptionsInput, format: 'xlsx' | 'docx' | 'csv') =>
  Buffer.from((await app.call('reports.exportTable', { tables, options, format })).base64, 'base64');

/** Every text an xlsx's sheets hold (shared strings), from its XML. */
const xlsxTexts = (bytes: Buffer): string[] =>
  [...unzip(bytes)]
    .filter(([name]) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name))
    .flatMap(([, data]) => descendants(parseXml(data.toString('utf8')), 't'))
    .map((t) => t.children.join(''));

const docxTexts = (bytes: Buffer): string[] => readDocx(bytes).paragraphs.map((p) => p.text);

const OFSTED = { from: '2024/25', to: '2024/25' } as const;

describe('the Ofsted return saved', () => {
  it('says its year once in its heading and period, on screen and in every file', async () => {
    const report = await app.call('reports.getTable', { table: 'ofsted', options: OFSTED });
    // The screen's caption is the title, the period and the pathway, joined.
    const caption = `${report.title}, ${report.period}`;
    expect(caption.split('2024/25')).toHaveLength(2);
    expect(report.period).toBe('1 April 2024 to 31 March 2025');
    const period = `Period: ${report.period}`;
    expect(xlsxTexts(await save(['ofsted'], OFSTED, 'xlsx'))).toContain(period);
    expect(docxTexts(await save(['ofsted'], OFSTED, 'docx'))).toContain(period);
    expect((await save(['ofsted'], OFSTED, 'csv')).toString('utf8')).toContain(period);
  });

  it('says in its files that the app lists the households behind a figure, where the screen says open it', async () => {
    const report = await app.call('reports.getTable', { table: 'ofsted', options: OFSTED });
    const screen = report.definitions.map((d) => d.text).join('\n');
    expect(screen).toContain('open it to list the households it would count');
    expect(screen).toContain('the list behind the figure says which');
    for (const texts of [
      xlsxTexts(await save(['ofsted'], OFSTED, 'xlsx')),
      docxTexts(await save(['ofsted'], OFSTED, 'docx')),
      [(await save(['ofsted'], OFSTED, 'csv')).toString('utf8')],
    ]) {
      const all = texts.join('\n');
      expect(all).not.toContain('open it');
      expect(all).not.toContain('the list behind the figure says which');
      expect(all).toContain('the app lists the households it would count');
      expect(all).toContain('the app lists the carers behind the figure and says which');
    }
  });
});

describe('a percentage in a saved xlsx', () => {
  it('is stored as the figure shown, without float noise', async () => {
    const bytes = await save(['funnel'], { from: '2022/23', to: '2024/25' }, 'xlsx');
    const sheet = [...unzip(bytes)].find(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))![1];
    const values = descendants(parseXml(sheet.toString('utf8')), 'v').map((v) => Number(v.children.join('')));
    const fractions = values.filter((v) => !Number.isInteger(v));
    expect(fractions.length).toBeGreaterThan(0);
    // A rate is shown to one decimal place of a percentage: three decimals of its fraction at most.
    for (const v of fractions) expect(String(v)).toMatch(/^-?\d+\.\d{1,3}$/);
  });
});

describe("the funnel's Targets and comparators definition", () => {
  const RANGE = { from: '2023/24', to: '2024/25' } as const;
  const said = async () => [
    ...xlsxTexts(await save(['funnel'], RANGE, 'xlsx')),
    ...docxTexts(await save(['funnel'], RANGE, 'docx')),
  ];
  it('is printed only when the table has such rows', async () => {
    const without = await said();
    expect(without.some((t) => t.startsWith('Targets and comparators:'))).toBe(false);
    await app.call('planning.setFigures', {
      fy: '2024/25',
      figures: [{ basis: 'target', measure: 'enquiries', value: 12 }],
    });
    const withTargets = await said();
    expect(withTargets.filter((t) => t.startsWith('Targets and comparators:'))).toHaveLength(2);
  });
});
