import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_TABLES,
  type ReportOptionsInput,
  type ReportTableKey,
} from '../../../src-main/contract/reports.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { readDocx, unzip } from '../../support/docx.ts';
import { childElements, descendants, parseXml, type XmlElement } from '../../support/xml.ts';
import { tempDir, testApp, type TestApp } from '../../support/temp.ts';
import { addSmallFixture } from './fixture.ts';

/**
 * What a saved report says of itself, read back from the files written: its name says whether
 * small numbers were suppressed and, for every table, what pathways it holds; a Word table too
 * wide for a page is captioned "(continued)" where it is seen, not only in its alt text; the
 * Ofsted return's heading says its collection year, as the screen titles it.
 */
const RANGE = { from: '2022/23', to: '2024/25' } as const;
let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  addSmallFixture(app.ctx.store.db);
});

const save = (tables: ReportTableKey[], options: ReportOptionsInput, format: 'xlsx' | 'docx') =>
  app.call('reports.exportTable', { tables, options, format });

/** Every text an xlsx's sheets hold (inline or shared strings), from its XML. */
function xlsxTexts(bytes: Buffer): string[] {
  const parts = unzip(bytes);
  return [...parts]
    .filter(([name]) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name))
    .flatMap(([, data]) => descendants(parseXml(data.toString('utf8')), 't'))
    .map((t) => t.children.join(''));
}

const wordText = (p: XmlElement) =>
  descendants(p, 'w:t')
    .map((t) => t.children.join(''))
    .join('');

describe('a saved report file name', () => {
  it('says when small numbers are suppressed, for one table and for all, the files holding what they say', async () => {
    const open = await save(['funnel'], { ...RANGE }, 'xlsx');
    const hidden = await save(['funnel'], { ...RANGE, suppress: true }, 'xlsx');
    expect([open.fileName, hidden.fileName]).toEqual([
      'funnel-2022-23-2024-25-mainstream.xlsx',
      'funnel-2022-23-2024-25-mainstream-suppressed.xlsx',
    ]);
    expect(xlsxTexts(Buffer.from(open.base64, 'base64'))).toContain('Small numbers not suppressed');
    const hiddenTexts = xlsxTexts(Buffer.from(hidden.base64, 'base64'));
    expect(hiddenTexts).toContain('Small numbers suppressed (<5)');
    expect(hiddenTexts).toContain('<5');

    const all = await save([...REPORT_TABLES], { ...RANGE, quarterly: true, suppress: true }, 'docx');
    expect(all.fileName).toBe('reports-2022-23-2024-25-quarterly-mostly-mainstream-suppressed.docx');
    const doc = readDocx(Buffer.from(all.base64, 'base64'));
    expect(doc.paragraphs.map((p) => p.text)).toContain('Small numbers suppressed (<5)');
  });

  it('saving every table, says the pathway is mostly the one chosen: the kinship table and the Ofsted return are not', async () => {
    const all = await save([...REPORT_TABLES], { ...RANGE }, 'xlsx');
    expect(all.fileName).toBe('reports-2022-23-2024-25-mostly-mainstream.xlsx');
    const texts = xlsxTexts(Buffer.from(all.base64, 'base64'));
    // What made "mainstream" untrue of the whole file: tables of other pathways in it.
    expect(texts).toContain('Pathway: Mainstream');
    expect(texts).toContain('Pathway: Kinship (connected persons)');
    expect(texts).toContain('Pathway: Mainstream and family and friends (connected persons), in columns');
    const kinship = await save([...REPORT_TABLES], { ...RANGE, pathway: 'kinship' }, 'xlsx');
    expect(kinship.fileName).toBe('reports-2022-23-2024-25-mostly-kinship.xlsx');
    // All pathways leaves none out: so named.
    const every = await save([...REPORT_TABLES], { ...RANGE, pathway: 'all' }, 'xlsx');
    expect(every.fileName).toBe('reports-2022-23-2024-25-all.xlsx');
  });

  it('is the one the CLI saves under when --out is a folder', async () => {
    const dir = tempDir('ff-report-out-');
    const said: string[] = [];
    const io = { out: (t: string) => said.push(t), err: (t: string) => said.push(t) };
    const report = (...more: string[]) =>
      runCli(
        ['report', 'funnel', '--db', app.dbPath, '--from', '2022/23', '--to', '2024/25', ...more],
        io,
        {},
      );
    expect(await report('--format', 'xlsx', '--out', dir), said.join('\n')).toBe(0);
    expect(await report('--suppress', '--format', 'xlsx', '--out', dir), said.join('\n')).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'funnel-2022-23-2024-25-mainstream-suppressed.xlsx',
      'funnel-2022-23-2024-25-mainstream.xlsx',
    ]);
    const suppressed = join(dir, 'funnel-2022-23-2024-25-mainstream-suppressed.xlsx');
    expect(said.at(-1)).toContain(`to ${suppressed}.`);
    expect(xlsxTexts(readFileSync(suppressed))).toContain('Small numbers suppressed (<5)');
    expect(xlsxTexts(readFileSync(join(dir, 'funnel-2022-23-2024-25-mainstream.xlsx')))).toContain(
      'Small numbers not suppressed',
    );
    // A file named outright is still written under that name.
    const named = join(dir, 'mine.xlsx');
    expect(await report('--suppress', '--format', 'xlsx', '--out', named)).toBe(0);
    expect(existsSync(named)).toBe(true);
    // With --json, the one object printed says where the file went (helper-269: it was not said).
    said.length = 0;
    expect(await report('--json', '--format', 'csv', '--out', dir)).toBe(0);
    expect(said).toHaveLength(1);
    expect(JSON.parse(said[0]!)).toMatchObject({
      table: 'funnel',
      savedTo: join(dir, 'funnel-2022-23-2024-25-mainstream.csv'),
    });
    expect(existsSync(join(dir, 'funnel-2022-23-2024-25-mainstream.csv'))).toBe(true);
  });
});

describe('Save as Word', () => {
  it('captions a wide table\'s further part "(continued)" on the page, keeping its alt text', async () => {
    // The drop-out table by quarter: 4 quarters of 6 columns, two Word tables.
    const options = { from: '2024/25', to: '2024/25', quarterly: true, pathway: 'all' as const };
    const report = await app.call('reports.getTable', { table: 'dropout', options });
    expect(report.columns).toHaveLength(24);
    const file = await save(['dropout'], options, 'docx');
    const doc = readDocx(Buffer.from(file.base64, 'base64'));
    const body = childElements(doc.xml.get('word/document.xml')!, 'w:body')[0]!;
    const blocks = body.children.filter((c): c is XmlElement => typeof c !== 'string');
    const tables = blocks.flatMap((b, i) => (b.name === 'w:tbl' ? [i] : []));
    // Its further views (what applicants said) are split likewise; the main table is the first two.
    expect(tables.length).toBeGreaterThanOrEqual(2);
    const caption = (at: number) => descendants(blocks[at]!, 'w:tblCaption')[0]!.attributes['w:val'];
    expect([caption(tables[0]!), caption(tables[1]!)]).toEqual([report.title, `${report.title} (continued)`]);
    // Right before the second table, a paragraph saying so, in Word's caption style.
    const before = blocks[tables[1]! - 1]!;
    expect(before.name).toBe('w:p');
    expect(wordText(before)).toBe(`${report.title} (continued)`);
    expect(descendants(before, 'w:pStyle')[0]!.attributes['w:val']).toBe('Caption');
    const styles = readDocx(Buffer.from(file.base64, 'base64')).xml.get('word/styles.xml')!;
    expect(descendants(styles, 'w:style').some((s) => s.attributes['w:styleId'] === 'Caption')).toBe(true);
  });

  it('heads the Ofsted return with its collection year, as the screen titles it', async () => {
    const years = ['2023/24', '2024/25'] as const;
    for (const fy of years) {
      const options = { from: fy, to: fy };
      const report = await app.call('reports.getTable', { table: 'ofsted', options });
      expect(report.title).toBe(`Ofsted annual fostering data collection ${fy}`);
      const file = await save(['ofsted'], options, 'docx');
      const doc = readDocx(Buffer.from(file.base64, 'base64'));
      expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([report.title]);
      // The document's own title (File → Info) and the alt text of its table say the year too.
      expect(doc.parts.get('docProps/core.xml')!.toString('utf8')).toContain(
        `<dc:title>${report.title}</dc:title>`,
      );
      expect(doc.rawTables[0]!.caption).toBe(report.title);
    }
  });
});
