import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/contract/reports.ts';
import {
  neutraliseFormula,
  toCsv,
  wordText,
  xlsxSheet,
  xlsxWorkbook,
  xmlText,
} from '../../../src-main/export/safe-cells.ts';
import { ofstedSheet } from '../../../src-main/reports/export/ofsted-sheet.ts';
import { OFSTED_ROWS } from '../../../src-main/reports/ofsted-definitions.ts';

/**
 * One rule for every exported cell (src-main/export/safe-cells.ts): xlsx text is a text cell
 * holding exactly the text, CSV text is neutralised, numbers are numbers and dates are dates.
 */
const ROOT = join(import.meta.dirname, '../../..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('exported cells', () => {
  it('writes every sheet, workbook, csv and Word text through export/safe-cells.ts alone', () => {
    const writers =
      /aoa_to_sheet|json_to_sheet|book_new|book_append_sheet|bookSST|\bxlsx\(\)\.write\(|\.t = 's'|t: 's'|<w:t[\s>]/;
    const offenders = sourceFiles(join(ROOT, 'src-main'))
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => f !== 'src-main/export/safe-cells.ts' && !f.startsWith('src-main/import/'))
      .filter((f) => writers.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('neutralises a csv formula start after spaces, quotes or a line break too', () => {
    for (const bad of [' =1+1', '  +cmd', '"=1+1', '\n=1+1', ' \t-1+1', '\u00a0@SUM(A1)'])
      expect(neutraliseFormula(bad), JSON.stringify(bad)).toBe(`'${bad}`);
    for (const fine of ['Zoë Brontë', 'Smith-Jones', 'a = b', '07305 006212', ''])
      expect(neutraliseFormula(fine)).toBe(fine);
    expect(toCsv([[' =HYPERLINK("x")', -3, { date: '2024-01-10' }]])).toBe(
      '\uFEFF"\' =HYPERLINK(""x"")",-3,10/01/2024\r\n',
    );
  });

  it('escapes a Word text, keeps its spaces, tabs and line breaks, and drops what XML cannot hold', () => {
    expect(wordText('Tom & "Jerry" <b>')).toBe(
      '<w:t xml:space="preserve">Tom &amp; &quot;Jerry&quot; &lt;b&gt;</w:t>',
    );
    expect(wordText(' a\tb\r\nc\u0001\uFFFF ')).toBe(
      '<w:t xml:space="preserve"> a</w:t><w:tab/><w:t xml:space="preserve">b</w:t><w:br/><w:t xml:space="preserve">c </w:t>',
    );
    // A lone surrogate (half of an emoji cut off) is dropped; a whole one is kept.
    expect(wordText('x\uD83D y \uD83D\uDE00')).toBe('<w:t xml:space="preserve">x y \uD83D\uDE00</w:t>');
    expect(wordText(1234.5)).toBe('<w:t xml:space="preserve">1234.5</w:t>');
    expect(wordText({ date: '2024-01-10' })).toBe('<w:t xml:space="preserve">10/01/2024</w:t>');
    expect([wordText(null), wordText(undefined), wordText('')]).toEqual(['', '', '']);
    expect(xmlText('a"b<c>&\u0000')).toBe('a&quot;b&lt;c&gt;&amp;');
  });

  it('writes dates as dates and numbers as numbers in xlsx', () => {
    const bytes = xlsxWorkbook([
      {
        name: 'S',
        sheet: xlsxSheet([['=1+1', 3, { date: '2024-01-10' }, { date: '1900-03-01' }, null, '']]),
      },
    ]);
    const ws = XLSX.read(bytes, { cellNF: true, cellDates: false }).Sheets.S!;
    expect(ws.A1).toMatchObject({ t: 's', v: '=1+1' });
    expect(ws.A1!.f).toBeUndefined();
    expect(ws.B1).toMatchObject({ t: 'n', v: 3 });
    expect(ws.C1).toMatchObject({ t: 'n', v: 45301, z: 'dd/mm/yyyy', w: '10/01/2024' });
    expect(ws.D1).toMatchObject({ t: 'n', v: 61, w: '01/03/1900' });
    expect(ws.E1).toBeUndefined();
    // Empty text is no cell either: a text cell of "" is not blank to Excel's COUNTA or ISBLANK.
    expect(ws.F1).toBeUndefined();
  });

  it('keeps typed text holding an OOXML escape (_x0041_) as typed in xlsx, where Excel read "A"', () => {
    const typed = ['ref _x0041_ here', 'a_x000D_b _x005F_ c'];
    const bytes = xlsxWorkbook([{ name: 'S', sheet: xlsxSheet(typed.map((t) => [t])) }]);
    const ws = XLSX.read(bytes).Sheets.S!;
    expect([ws.A1!.v, ws.A2!.v]).toEqual(typed);
    // In the file, each escape's underscore is itself escaped, as the standard says.
    const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
    const strings = zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith('sharedStrings.xml'))]!;
    expect(Buffer.from(strings.content as Uint8Array).toString('utf8')).toContain('ref _x005F_x0041_ here');
  });

  it('the Ofsted return sheet writes text as text cells, with no apostrophe and no formula', () => {
    const row = OFSTED_ROWS[0]!;
    const report = {
      table: 'ofsted',
      title: '=Title',
      period: '2024/25',
      pathwayLabel: 'All',
      options: { suppress: false },
      columns: [{ key: 'all', label: '@All' }],
      rows: [{ key: row.key, label: '-1+1 households', kind: 'count', values: { all: 7 } }],
      sections: [{ key: 's', title: '+Section', columns: [], rows: [] }],
      definitions: [{ key: row.key, label: 'x', text: '=HYPERLINK("http://evil.example","x")' }],
    } as unknown as Report;
    const ws = ofstedSheet(report);
    const texts = Object.entries(ws)
      .filter(([k]) => !k.startsWith('!'))
      .map(([, c]) => c as XLSX.CellObject);
    expect(texts.filter((c) => c.t === 's' && String(c.v).startsWith("'"))).toEqual([]);
    expect(texts.filter((c) => c.f !== undefined)).toEqual([]);
    expect(texts.map((c) => c.v)).toEqual(
      expect.arrayContaining(['=Title', '@All', '-1+1 households', '+Section', 7]),
    );
  });
});
