import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readXlsxFast } from '../../../src-main/import/read/fast-xlsx.ts';
import { openImportFile } from '../../../src-main/import/read/open-file.ts';
import type { RawSheet } from '../../../src-main/import/read/raw-sheet.ts';
import { readWorkbook } from '../../../src-main/import/read/workbook.ts';
import { inspectZip } from '../../../src-main/import/read/zip-guard.ts';
import { tempDir } from '../../support/temp.ts';
import { writeWorkbook, xlDate, xlDate1904 } from './fixtures.ts';
import { readParts, writeParts } from './zip-parts.ts';

/**
 * The fast xlsx reader must give exactly what SheetJS gives (readWorkbook): every sheet, row
 * number, cell position and value. Each workbook here is read both ways and compared.
 */
const shape = (sheets: RawSheet[]) =>
  sheets.map((s) => ({
    name: s.name,
    totalRows: s.totalRows,
    date1904: s.date1904,
    mergedAcross: s.mergedAcross,
    rows: [...s.rows()],
  }));

/** Where the fast reader must read every row itself. */
const noSheetJs = (): never => {
  throw new Error('the fast reader handed a row to SheetJS');
};

function bothWays(buf: Buffer) {
  const { problem, parts, sheetRows } = inspectZip(buf);
  expect(problem).toBeNull();
  // The rows where the zip guard's check saw them start (as the app reads), and searched for.
  const fast = readXlsxFast(parts, noSheetJs, sheetRows);
  expect(fast, 'the fast reader declined the workbook').not.toBeNull();
  const slow = readWorkbook(buf, parts);
  expect(fast!.date1904).toBe(slow.date1904);
  expect(fast!.tooManyRows).toBe(slow.tooManyRows);
  expect(shape(fast!.sheets)).toEqual(shape(slow.sheets));
  expect(shape(readXlsxFast(parts, noSheetJs)!.sheets)).toEqual(shape(slow.sheets));
  return shape(fast!.sheets);
}

/**
 * A workbook whose one sheet is this XML, read as the app reads it (the rows where the check saw
 * them start, SheetJS for what the reader declines), by the search of the bytes, and by SheetJS.
 */
function threeWays(xml: string) {
  const parts = readParts(readFileSync(writeWorkbook(join(tempDir(), 'base.xlsx'), { S: [['a']] })));
  parts.set('xl/worksheets/sheet1.xml', Buffer.from(xml));
  const buf = writeParts(parts);
  const z = inspectZip(buf);
  expect(z.problem).toBeNull();
  const sheetJs = () => readWorkbook(buf, z.parts).sheets;
  const read = (rows?: typeof z.sheetRows): ReturnType<typeof shape> | 'declined' => {
    const fast = readXlsxFast(z.parts, sheetJs, rows);
    return fast ? shape(fast.sheets) : 'declined';
  };
  return { noted: read(z.sheetRows), searched: read(), sheetJs: shape(sheetJs()) };
}

/** A worksheet part holding these row tags, as a program writes one. */
const sheetXml = (rows: string) =>
  Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
  );
/** A text cell (t="str") whose value is written as given. */
const str = (ref: string, v: string) => `<c r="${ref}" t="str"><v>${v}</v></c>`;

const mixed = [
  ['Reference', 'Enquiry Date', 'Name', 'Amount', 'Flag', 'Note'],
  ['R1', xlDate('2024-03-03'), 'Zoë & "Bo" <x>', 12.5, { t: 'b', v: true } as XLSX.CellObject, "it's"],
  [],
  ['R2', { t: 'n', v: 45000, z: 'm/d/yy' } as XLSX.CellObject, 'tab\there\u0007bell', 7, null, null],
  [null, null, null, { t: 'n', v: 3.25, z: '0.00' } as XLSX.CellObject],
  ['R3', '01/02/2024', '  spaced  ', -1, { t: 'b', v: false } as XLSX.CellObject, 'line\r\nbreak'],
  // Two-, three- and four-byte characters, at a row's start and end: each row is decoded alone.
  ['Siân', 'Łódź', '李华 👩‍👧', 'Ó Súilleabháin', 'é'],
  ['👍'],
];

describe('the fast xlsx reader', () => {
  it('reads what SheetJS reads: text, numbers, date formats, booleans, blank rows, sparse cells, two sheets', () => {
    const dir = tempDir();
    const file = writeWorkbook(join(dir, 'mixed.xlsx'), { 'A & B': mixed, Second: [['x'], [null, 2]] });
    const read = bothWays(readFileSync(file));
    expect(read[0]!.rows[1]!.cells[1]).toBe('2024-03-03');
  });

  it('merged cells: those across columns, as SheetJS reads them (a group heading reaches as far as its merge)', () => {
    const file = writeWorkbook(
      join(tempDir(), 'merged.xlsx'),
      { S: [[null, 'Carer 1', null, 'Carer 2', null, 'Notes'], mixed[0]!, mixed[2]!], T: [['x']] },
      { merges: { S: ['B1:C1', 'D1:E1', 'F1:F3', 'A2:B3'] } },
    );
    const read = bothWays(readFileSync(file));
    // F1:F3 is merged down alone; A2:B3 across and down, by its top row.
    expect(read.map((s) => s.mergedAcross)).toEqual([
      [
        { row: 1, from: 1, to: 2 },
        { row: 1, from: 3, to: 4 },
        { row: 2, from: 0, to: 1 },
      ],
      [],
    ]);
  });

  it('merged cells written in other forms: found as SheetJS finds them, or declined', () => {
    const sheet = (merges: string) =>
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${str('B1', 'Carer 1')}</row></sheetData>${merges}</worksheet>`;
    const forms = [
      '<mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>',
      '<x:mergeCells count="1"><x:mergeCell ref="B1:C1"/></x:mergeCells>',
      '<mergeCells><mergeCell ref=\'B1:C1\' /><mergeCell ref="D1"/><mergeCell ref="F1:E1"/></mergeCells>',
      // Not SheetJS's pattern: left out by both.
      '<mergeCells><mergeCell ref="$B$1:$C$1"/><mergeCell xr:uid="{1}" ref="B1:C1"/><mergeCell  ref="B1:C1"/></mergeCells>',
    ];
    const found = forms.map((merges) => {
      const read = threeWays(sheet(merges));
      expect(read.noted).toEqual(read.sheetJs);
      expect(read.searched).toEqual(read.sheetJs);
      return read.sheetJs[0]!.mergedAcross;
    });
    const across = [{ row: 1, from: 1, to: 2 }];
    expect(found).toEqual([across, across, across, []]);
    // A reference SheetJS's pattern takes but no cell's form: SheetJS reads the sheet.
    expect(threeWays(sheet('<mergeCells><mergeCell ref="B1:C"/></mergeCells>')).noted).toBe('declined');
  });

  it('shared strings, as Excel writes them', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(mixed), 'S');
    bothWays(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: true }) as Buffer);
  });

  it('rows hidden in the sheet, as Excel ("1") and LibreOffice ("true") mark them', () => {
    const ws = XLSX.utils.aoa_to_sheet(mixed);
    ws['!rows'] = [];
    ws['!rows'][1] = { hidden: true };
    ws['!rows'][3] = { hidden: true };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const parts = readParts(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const hiddenRows = (buf: Buffer) =>
      bothWays(buf)[0]!
        .rows.filter((r) => r.hidden)
        .map((r) => r.rowNumber);
    expect(hiddenRows(writeParts(parts))).toEqual([2, 4]);
    const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('hidden="1"');
    parts.set('xl/worksheets/sheet1.xml', Buffer.from(sheet.replace(/hidden="1"/g, 'hidden="true"')));
    expect(hiddenRows(writeParts(parts))).toEqual([2, 4]);
  });

  it('a sheet name that is escaped text itself is unescaped once, as SheetJS does (the hidden-rows reader finds it by that name)', () => {
    // A sheet named 'A &lt; B' (typed so) is written name="A &amp;lt; B"; unescaping twice read 'A < B'.
    const ws = XLSX.utils.aoa_to_sheet(mixed);
    ws['!rows'] = [];
    ws['!rows'][3] = { hidden: true };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'A &lt; B');
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    expect(readParts(buf).get('xl/workbook.xml')!.toString('utf8')).toContain('name="A &amp;lt; B"');
    const read = bothWays(buf);
    expect(read[0]!.name).toBe('A &lt; B');
    expect(read[0]!.rows.filter((r) => r.hidden).map((r) => r.rowNumber)).toEqual([4]);
  });

  it('row tags as programs write them: attributes around r, single quotes, spaces about "=", empty rows', () => {
    // The rows are found in the sheet's bytes, their r and hidden attributes read there.
    const dir = tempDir();
    const parts = readParts(readFileSync(writeWorkbook(join(dir, 'base.xlsx'), { S: [['a']] })));
    parts.set(
      'xl/worksheets/sheet1.xml',
      sheetXml(
        `<row spans="1:2" r="1" ht="15">${str('A1', 'Reference')}${str('B1', 'Note')}</row>` +
          `<row r='2' hidden='true' customHeight='1'>${str('A2', 'R1')}</row>` +
          `<row r = "3"  hidden = "1" >${str('A3', 'R2')}</row>` +
          '<row r="4"/>' +
          '<row r="5" spans="1:2"></row>' +
          `<row customFormat="1" r="6" s="0" hidden="0">${str('B6', 'six')}</row>` +
          `<row>${str('A7', 'R7')}</row>` +
          `<row r="12" ht="30" hidden="false">${str('A12', 'R12')}</row>`,
      ),
    );
    const read = bothWays(writeParts(parts))[0]!;
    expect(read.rows.map((r) => [r.rowNumber, r.hidden === true])).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [6, false],
      [7, false],
      [12, false],
    ]);
    expect(read.totalRows).toBe(12);
  });

  it('rows where the XML check saw them start: as Excel writes them, with white space between, and the odd sheet as the search of its bytes reads it', () => {
    const sheet = (rows: string, after = '') =>
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${after}</worksheet>`;
    const row = (n: number, v: string, attrs = '') => `<row r="${n}"${attrs}>${str(`A${n}`, v)}</row>`;
    const numbers = (sheets: ReturnType<typeof threeWays>['noted']) =>
      sheets === 'declined' ? sheets : sheets[0]!.rows.map((r) => r.rowNumber);
    const cases: Array<[string, string, number[] | 'declined']> = [
      [
        'as Excel writes them',
        sheet(row(1, 'a') + row(2, 'b') + '<row r="3"/>' + row(4, 'd', ' hidden="1"')),
        [1, 2, 4],
      ],
      ['white space between', sheet(`\n  ${row(1, 'a')}\n  ${row(2, 'b')}\n`), [1, 2]],
      ['a tag the search takes for a row', sheet(`${row(1, 'a')}<rows r="5"/>${row(3, 'b')}`), 'declined'],
      ['rows after the sheetData', sheet(row(1, 'a'), `<extLst>${row(5, 'z')}</extLst>`), [1]],
      [
        'an end tag written with a space',
        sheet(`${row(1, 'a')}<row r="2">${str('A2', 'b')}</row >`),
        'declined',
      ],
    ];
    for (const [what, xml, rows] of cases) {
      const read = threeWays(xml);
      expect(numbers(read.noted), what).toEqual(rows);
      expect(read.noted, what).toEqual(read.searched);
      if (rows !== 'declined') expect(read.noted, what).toEqual(read.sheetJs);
    }
  });

  it('a sheet the search of its bytes misread is declined, so SheetJS reads it', () => {
    // The search took the first '<sheetData' for the sheetData and passed over a prefixed row.
    const sheet = (body: string) =>
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</worksheet>`;
    const rows = `<row r="1">${str('A1', 'a')}</row><row r="2">${str('A2', 'b')}</row>`;
    for (const [what, xml] of [
      [
        'an empty sheetData before the one with the rows',
        sheet(`<sheetData/><sheetData>${rows}</sheetData>`),
      ],
      ['a <sheetDataX> before the sheetData', sheet(`<sheetDataX/><sheetData>${rows}</sheetData>`)],
      // The search ended a row at the first "</row>", even in a comment, and lost the rest of it.
      [
        'an end tag in a comment inside a row',
        sheet(`<sheetData><row r="1"><!-- </row> -->${str('A1', 'a')}</row></sheetData>`),
      ],
      [
        'an end tag in a processing instruction inside a row',
        sheet(`<sheetData><row r="1"><?pi </row> ?>${str('A1', 'a')}</row></sheetData>`),
      ],
      [
        'a row inside a row',
        sheet(`<sheetData><row r="1">${str('A1', 'a')}<row r="2">${str('A2', 'b')}</row></row></sheetData>`),
      ],
      [
        'a prefixed row among the rows',
        sheet(`<sheetData>${rows}<x:row xmlns:x="urn:x" r="3">${str('A3', 'c')}</x:row></sheetData>`),
      ],
    ]) {
      const read = threeWays(xml!);
      expect(read.searched, what).not.toEqual(read.sheetJs);
      expect(read.noted, what).toBe('declined');
    }
    // A comment anywhere in the sheet declines it, though the search read a row written in one
    // as SheetJS does.
    const commented = threeWays(
      sheet(`<sheetData>${rows}<!-- <row r="3">${str('A3', 'c')}</row> --></sheetData>`),
    );
    expect(commented.searched).toEqual(commented.sheetJs);
    expect(commented.noted).toBe('declined');
  });

  it('rows among comments, white space and odd tags: as SheetJS reads them, or declined (seeded random sheets)', () => {
    let seed = 20261130;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const piece = (n: number) => {
      const c = str(`A${n}`, `v${n}`);
      const all = [
        `<row r="${n}">${c}</row>`,
        `<row>${c}</row>`,
        `<row r="${n}"/>`,
        `<row  r = '${n}' spans="1:2" hidden='true'>${c}</row>`,
        `<row r="${n}" a="x>y">${c}</row>`,
        `<row r="${n}">${c}</row >`,
        `<!-- <row r="${n}">${c}</row> -->`,
        `<?pi <row r="${n}"> ?>`,
        `<row r="${n}">${c}<!-- </row> --></row>`,
        '\n  ',
        '<rows/>',
        `<x:row xmlns:x="urn:x" r="${n}">${c}</x:row>`,
        `<row r="${n}">${c}<row r="${n + 1}"/></row>`,
        `<row r="${n - 3}">${c}</row>`,
        `<foo><row r="${n}">${c}</row></foo>`,
      ];
      return all[next(3) ? 0 : next(all.length)]!;
    };
    const heads = ['', '', '', '<!-- <sheetData> -->', '<sheetDataX/>', '<sheetData/>'];
    const tails = ['', '', '', `<extLst><row r="99"/></extLst>`, '<!-- </sheetData> -->', '<sheetData/>'];
    let readFast = 0;
    for (let t = 0; t < 120; t++) {
      let rows = '';
      for (let n = 1, k = 1 + next(6); n <= k; n++) rows += piece(n);
      const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${heads[next(heads.length)]}<sheetData>${rows}</sheetData>${tails[next(tails.length)]}</worksheet>`;
      const read = threeWays(xml);
      if (read.noted !== 'declined') expect(read.noted, xml).toEqual(read.sheetJs);
      if (read.noted === 'declined') continue;
      // What the reader reads is what the search of the bytes reads, which is what SheetJS reads.
      expect(read.noted, xml).toEqual(read.searched);
      readFast++;
    }
    expect(readFast).toBeGreaterThan(25);
  });

  it('the 1904 date system', () => {
    const dir = tempDir();
    const file = writeWorkbook(
      join(dir, 'mac.xlsx'),
      {
        S: [
          ['Reference', 'Enquiry Date'],
          ['R1', xlDate1904('2024-03-03')],
        ],
      },
      { date1904: true },
    );
    expect(bothWays(readFileSync(file))[0]!.rows[1]!.cells[1]).toBe('2024-03-03');
  });

  it('rich text, phonetic runs, escapes, formulas, errors, inline strings, cells without references', () => {
    const dir = tempDir();
    const parts = readParts(readFileSync(writeWorkbook(join(dir, 'base.xlsx'), { S: [['a']] })));
    parts.set(
      'xl/sharedStrings.xml',
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
          '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">' +
          '<si><t>plain &amp; simple</t></si>' +
          '<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and not</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>' +
          '<si><t>cr_x000D_lf&#10;end &#x41;</t></si>' +
          '<si><t></t></si>' +
          '</sst>',
      ),
    );
    parts.set(
      'xl/worksheets/sheet1.xml',
      sheetXml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>' +
          '<row r="3"><c t="s"><v>3</v></c><c><f>1+1</f></c><c t="e"><v>#N/A</v></c><c t="b"><v>1</v></c>' +
          '<c t="inlineStr"><is><t>inline &lt;text&gt;</t></is></c><c t="str"><f>A1</f><v>from formula</v></c></row>' +
          '<row r="4"><c r="A4" s="0"/><c r="B4" t="n"><v></v></c></row>' +
          '<row><c r="A5"><v>1.5E3</v></c></row>',
      ),
    );
    const types = parts.get('[Content_Types].xml')!.toString();
    if (!types.includes('sharedStrings'))
      parts.set(
        '[Content_Types].xml',
        Buffer.from(
          types.replace(
            '</Types>',
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
          ),
        ),
      );
    const rels = parts.get('xl/_rels/workbook.xml.rels')!.toString();
    if (!rels.includes('sharedStrings'))
      parts.set(
        'xl/_rels/workbook.xml.rels',
        Buffer.from(
          rels.replace(
            '</Relationships>',
            '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
          ),
        ),
      );
    const read = bothWays(writeParts(parts));
    expect(read[0]!.rows.map((r) => r.rowNumber)).toEqual([1, 3, 5]);
  });

  it('a character reference above U+FFFF is that character (openpyxl writes an emoji so)', () => {
    // Read as one UTF-16 unit, "&#127800;" became U+F338, a private-use character, with no warning.
    // SheetJS (which reads what the fast reader declines) still does so: the one place they differ.
    const read = threeWays(
      sheetXml(
        `<row r="1">${str('A1', 'Zoë &#127800;')}${str('B1', 'Ng &#x1F44D;&#x1F3FD;')}</row>`,
      ).toString(),
    );
    expect(read.noted).toEqual(read.searched);
    expect(read.noted !== 'declined' && read.noted[0]!.rows[0]!.cells).toEqual(['Zoë 🌸', 'Ng 👍🏽']);
    expect(read.sheetJs[0]!.rows[0]!.cells).not.toEqual(['Zoë 🌸', 'Ng 👍🏽']);
  });

  it('control characters are removed, raw or written as escapes', () => {
    // Whether a cell's text needs unescaping or cleaning is asked as its value is scanned: raw
    // control characters (C0, DEL, C1) and those only an escape makes (&#7;, _x001B_) are removed.
    const dir = tempDir();
    const parts = readParts(readFileSync(writeWorkbook(join(dir, 'base.xlsx'), { S: [['a']] })));
    parts.set(
      'xl/worksheets/sheet1.xml',
      sheetXml(
        `<row r="1">${str('A1', 'Reference')}${str('B1', 'Note')}</row>` +
          `<row r="2">${str('A2', 'R1')}${str('B2', 'bell&#7;here')}</row>` +
          `<row r="3">${str('A3', 'R2')}${str('B3', 'esc_x001B_[31m red')}</row>` +
          `<row r="4">${str('A4', 'R3')}<c r="B4" t="inlineStr"><is><t>in&#x8;line</t></is></c></row>` +
          `<row r="5">${str('A5', 'R4 &amp; co')}${str('B5', 'plain')}</row>` +
          `<row r="6">${str('A6', 'raw\u0007')}${str('B6', 'next&#1;')}</row>` +
          `<row r="7">${str('A7', 'csi\u009b')}${str('B7', 'del\u007f')}</row>`,
      ),
    );
    const rows = bothWays(writeParts(parts))[0]!.rows.map((r) => r.cells);
    expect(rows.slice(1)).toEqual([
      ['R1', 'bellhere'],
      ['R2', 'esc[31m red'],
      ['R3', 'inline'],
      ['R4 & co', 'plain'],
      ['raw', 'next'],
      ['csi', 'del'],
    ]);
  });

  it('a row it declines after opening, and every row after it, are read by SheetJS', () => {
    const dir = tempDir();
    const parts = readParts(readFileSync(writeWorkbook(join(dir, 'base.xlsx'), { S: [['a']] })));
    const row = (n: number, cells: string, hidden = false) =>
      `<row r="${n}"${hidden ? ' hidden="1"' : ''}>${cells}</row>`;
    // Cells it does not know, found only when their row is reached: an ISO date cell, a cell
    // filed under another row, a shared string in a workbook that has none (SheetJS cannot read
    // that one at all, so the file is refused as damaged, naming it, and no row is half-read).
    const odd = {
      iso: '<c r="B4" t="d"><v>2024-01-02T00:00:00</v></c>',
      'other row': str('B9', 'moved'),
      'missing string': '<c r="B4" t="s"><v>99</v></c>',
    };
    for (const [what, cell] of Object.entries(odd)) {
      parts.set(
        'xl/worksheets/sheet1.xml',
        sheetXml(
          row(1, str('A1', 'Reference') + str('B1', 'Note')) +
            row(2, str('A2', 'R1') + str('B2', 'first')) +
            row(3, str('A3', 'R2')) +
            row(4, str('A4', 'R3') + cell) +
            row(5, str('A5', 'R4') + str('B5', 'last'), true),
        ),
      );
      const file = join(dir, `${what}.xlsx`);
      writeFileSync(file, writeParts(parts));
      const opened = openImportFile(file);
      if (what === 'missing string') {
        expect(() => [...opened.sheets[0]!.rows()]).toThrow(/missing string\.xlsx.*damaged/);
        continue;
      }
      const slow = readWorkbook(readFileSync(file), inspectZip(readFileSync(file)).parts);
      expect([...opened.sheets[0]!.rows()], what).toEqual([...slow.sheets[0]!.rows()]);
      // A hidden row after the one declined is still known as hidden.
      expect(
        [...opened.sheets[0]!.rows()].find((r) => r.rowNumber === 5),
        what,
      ).toMatchObject({ hidden: true });
      expect(opened.sheets[0]!.totalRows, what).toBeGreaterThanOrEqual(5);
    }
  });

  it('refuses a file saved again before the row it hands to SheetJS is reached', () => {
    const dir = tempDir();
    const parts = readParts(readFileSync(writeWorkbook(join(dir, 'base.xlsx'), { S: [['a']] })));
    parts.set(
      'xl/worksheets/sheet1.xml',
      sheetXml(
        '<row r="1"><c r="A1" t="str"><v>Reference</v></c></row>' +
          '<row r="2"><c r="A2" t="d"><v>2024-01-02T00:00:00</v></c></row>' +
          '<row r="3"><c r="A3" t="str"><v>R3</v></c></row>',
      ),
    );
    const file = join(dir, 'saved-again.xlsx');
    writeFileSync(file, writeParts(parts));
    const opened = openImportFile(file);
    writeWorkbook(file, { S: [['Reference'], ['other']] });
    expect(() => [...opened.sheets[0]!.rows()]).toThrow(/changed while it was being imported/);
  });

  it('declines what it does not know, so SheetJS reads it', () => {
    const dir = tempDir();
    const parts = readParts(readFileSync(writeWorkbook(join(dir, 'base.xlsx'), { S: [['a']] })));
    parts.set(
      'xl/worksheets/sheet1.xml',
      Buffer.from(
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:v>a</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      ),
    );
    expect(readXlsxFast(inspectZip(writeParts(parts)).parts, noSheetJs)).toBeNull();
    // CDATA in a cell, after '!'s that start none (a formula naming another sheet, a note).
    const sheet = (second: string) =>
      sheetXml(
        '<row r="1"><c r="A1" t="str"><f>Other!A1</f><v>Urgent!</v></c></row>' +
          `<row r="2"><c r="A2" t="str"><v>${second}</v></c></row>`,
      );
    parts.set('xl/worksheets/sheet1.xml', sheet('<![CDATA[a<b]]>'));
    expect(readXlsxFast(inspectZip(writeParts(parts)).parts, noSheetJs)).toBeNull();
    parts.set('xl/worksheets/sheet1.xml', sheet('a&lt;b!'));
    expect(bothWays(writeParts(parts))[0]!.rows[1]!.cells).toEqual(['a<b!']);
  });
});
