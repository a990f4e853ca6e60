import { unescape } from './fast-xlsx-cells.ts';
import type { RawSheet } from './raw-sheet.ts';
import { attrs, workbookSheets, workbookXml } from './xlsx-parts.ts';

/**
 * Which sheets and rows of a workbook are hidden, where SheetJS does not say. Rows hidden (Excel's
 * or LibreOffice's Hide Rows) or filtered out: SheetJS gives an xlsx row's hidden flag only when
 * asked for every cell's style too (which also keeps style-only cells as rows of nothing), and an
 * OpenDocument row's never. The fast xlsx reader reads the flag itself; xls rows come with it from
 * SheetJS.
 */

/** Rows from..to (from 1, as the sheet numbers them), both included, in row order. */
export type RowRange = readonly [number, number];

/** Hidden rows one by one (ascending), as ranges of neighbours. */
function toRanges(rows: number[]): RowRange[] {
  const out: Array<[number, number]> = [];
  for (const n of rows) {
    const last = out.at(-1);
    if (last && last[1] + 1 === n) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * An xlsx workbook's hidden rows by sheet name, from its parts: a row with `hidden="1"` (or
 * "true", as LibreOffice writes it), numbered by its `r` (or the row before's plus one), as
 * SheetJS numbers rows.
 */
export function xlsxHiddenRows(parts: ReadonlyMap<string, Buffer>): Map<string, RowRange[]> {
  const out = new Map<string, RowRange[]>();
  const xml = workbookXml(parts);
  if (!xml) return out;
  for (const sheet of workbookSheets(xml.wb, xml.rels)) {
    const part = sheet.path === undefined ? undefined : parts.get(sheet.path);
    if (sheet.name === undefined || !part || !part.includes('hidden=')) continue;
    const hidden: number[] = [];
    let last = 0;
    for (const row of part.toString('utf8').matchAll(/<(?:\w+:)?row\b([^>]*)>/g)) {
      const r = attrs(row[1]!);
      last = r.r !== undefined ? parseInt(r.r, 10) : last + 1;
      if (r.hidden === '1' || r.hidden === 'true') hidden.push(last);
    }
    if (hidden.length > 0) out.set(sheet.name, toRanges(hidden));
  }
  return out;
}

/**
 * An OpenDocument spreadsheet's hidden rows by table name: `table:visibility="collapse"`
 * (LibreOffice's Hide Rows) or `"filter"` (filtered out), numbered as SheetJS numbers them: a
 * row counts when it closes, as many times as `table:number-rows-repeated` says (a self-closing
 * row is not counted, as SheetJS does not count it).
 */
export function odsHiddenRows(content: Buffer | undefined): Map<string, RowRange[]> {
  const out = new Map<string, RowRange[]>();
  if (!content) return out;
  const xml = content.toString('utf8');
  if (!/table:visibility="(?:collapse|filter)"/.test(xml)) return out;
  let ranges: RowRange[] = [];
  let row = 0;
  let repeat = 1;
  let hidden = false;
  for (const m of xml.matchAll(/<(\/?)table:(table-row|table)(?=[\s/>])([^>]*)>/g)) {
    const closing = m[1] === '/';
    const tag = m[3]!;
    if (m[2] === 'table') {
      if (closing || tag.endsWith('/')) continue;
      ranges = [];
      const name = /table:name="([^"]*)"/.exec(tag)?.[1];
      if (name !== undefined) out.set(unescape(name), ranges);
      row = 0;
    } else if (closing) {
      if (hidden) ranges.push([row + 1, row + repeat]);
      row += repeat;
      repeat = 1;
      hidden = false;
    } else if (!tag.endsWith('/')) {
      repeat = Number(/table:number-rows-repeated="(\d+)"/.exec(tag)?.[1] ?? 1) || 1;
      hidden = /table:visibility="(?:collapse|filter)"/.test(tag);
    }
  }
  for (const [name, r] of out) if (r.length === 0) out.delete(name);
  return out;
}

/**
 * The names of an OpenDocument spreadsheet's hidden tables: a table whose style has
 * `table:display="false"` (LibreOffice's Sheet → Hide Sheet). Empty for any other file.
 */
export function odsHiddenTables(content: Buffer | undefined): Set<string> {
  const names = new Set<string>();
  if (!content) return names;
  const xml = content.toString('utf8');
  const hiddenStyles = new Set<string>();
  // Each style's start tag, then its own end found from there: a pattern running from a start tag
  // to the next end tag searched the rest of the file from every self-closing style (which has
  // none), so 40,000 of them in a 107 KB file took 27 s, and more took minutes. The part is well
  // formed (xml-check.ts) and styles do not nest, so each end found is the style's own.
  for (const m of xml.matchAll(/<style:style\b([^>]*)>/g)) {
    const tag = m[1]!;
    if (tag.endsWith('/') || !/style:family="table"/.test(tag)) continue;
    const name = /style:name="([^"]*)"/.exec(tag)?.[1];
    const from = m.index + m[0].length;
    const end = xml.indexOf('</style:style>', from);
    if (name && end >= 0 && /table:display="false"/.test(xml.slice(from, end))) hiddenStyles.add(name);
  }
  if (hiddenStyles.size === 0) return names;
  for (const m of xml.matchAll(/<table:table\b([^>]*)>/g)) {
    const style = /table:style-name="([^"]*)"/.exec(m[1]!)?.[1];
    const name = /table:name="([^"]*)"/.exec(m[1]!)?.[1];
    if (style && name && hiddenStyles.has(style)) names.add(unescape(name));
  }
  return names;
}

/** Marks the sheet's rows that fall within `ranges` as hidden, as they are read. */
export function markHiddenRows(sheet: RawSheet, ranges: readonly RowRange[]): void {
  const rows = sheet.rows.bind(sheet);
  sheet.rows = function* () {
    let k = 0;
    for (const r of rows()) {
      while (k < ranges.length && ranges[k]![1] < r.rowNumber) k++;
      const range = ranges[k];
      yield range && range[0] <= r.rowNumber ? { ...r, hidden: true } : r;
    }
  };
}
