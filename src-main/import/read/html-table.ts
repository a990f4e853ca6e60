import { MAX_COLUMNS } from '../limits.ts';
import { withoutControlChars } from './cell-text.ts';
import type { MergedAcross, RawSheet } from './raw-sheet.ts';

/**
 * "Export to Excel" in many case-management and reporting systems writes a web page, an HTML
 * table, and names it .xls; Excel opens it (with a warning) as one sheet. Read as CSV it was
 * lines of markup ("no recognisable header row"), and SheetJS reads such a page with
 * 05/01/2024 as 1 May and "Zo&euml;" left as written, so the app reads the table itself: every
 * cell as text, as a CSV's cells are (so dates are dd/mm/yyyy, telephone numbers keep their 0).
 * The rows of every table in the page, in order, make one sheet, as Excel stacks them.
 */
export function looksLikeHtml(text: string): boolean {
  const start = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return /^<(?:!doctype html|html|head|body|meta|table|style|!--)/.test(start);
}

const ACCENTS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  uml: '\u0308',
  tilde: '\u0303',
  cedil: '\u0327',
  ring: '\u030a',
};

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  pound: '£',
  euro: '€',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  szlig: 'ß',
  oslash: 'ø',
  Oslash: 'Ø',
  aelig: 'æ',
  AElig: 'Æ',
};

/** An entity's character: numeric, a few named ones, or an accented letter (&euml; &Aacute;). */
function entity(all: string, name: string): string {
  if (name[0] === '#') {
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  }
  const named = NAMED[name];
  if (named !== undefined) return named;
  const accent = /^([a-zA-Z])(acute|grave|circ|uml|tilde|cedil|ring)$/.exec(name);
  return accent ? (accent[1]! + ACCENTS[accent[2]!]!).normalize('NFC') : all;
}

/** A cell's text as a spreadsheet shows it: tags gone, entities read, spaces collapsed, <br> a new line. */
function cellText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    // [^<>], not [^>]: a run of "<" with no ">" is passed once, not once for each "<".
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#[xX]?[\da-fA-F]{1,8}|[a-zA-Z]{1,10});/g, entity)
    .replace(/[ \t\r\f\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
  return withoutControlChars(text);
}

/**
 * The page without its comments, scripts and styles, which hold no cells (and may hold markup
 * that looks like them). One pass: each end is looked for once, and an end that never comes
 * ends the page there (a lazy regular expression would scan to the end again for every start).
 */
function withoutHidden(html: string): string {
  const start = /<!--|<(script|style)\b/gi;
  let out = '';
  let from = 0;
  for (let m = start.exec(html); m; m = start.exec(html)) {
    out += html.slice(from, m.index);
    const end = m[1] ? new RegExp(`</${m[1]}\\s*>`, 'gi') : /-->/g;
    end.lastIndex = start.lastIndex;
    if (!end.exec(html)) return out;
    from = start.lastIndex = end.lastIndex;
  }
  return out + html.slice(from);
}

/**
 * The page's table rows as one sheet (named as a CSV's is, after the file). One pass over the
 * tags, each end found with indexOf: a tag that never closes ends the page there, so no
 * markup, however broken or hostile, is scanned more than once or twice.
 */
export function htmlSheet(
  html: string,
  name: string,
  tooWide: (row: number, columns: number) => never,
): RawSheet {
  const page = withoutHidden(html);
  const rows: string[][] = [];
  const merged: MergedAcross[] = [];
  /** Per column, how many more rows a cell above spans down over (rowspan). */
  const covered: number[] = [];
  let cells: string[] | null = null;
  /** Where the open cell's text starts in the page, and which column it goes in. */
  let cellFrom = -1;
  let cellColumn = -1;
  // A cell spanning rows or columns keeps the cells beside and below it in their own
  // columns, as Excel shows them (a heading merged down over a two-row header).
  const skipCovered = (row: string[]) => {
    while ((covered[row.length] ?? 0) > 0) {
      covered[row.length]!--;
      row.push('');
    }
  };
  const endCell = (at: number) => {
    if (cells && cellFrom >= 0) cells[cellColumn] = cellText(page.slice(cellFrom, at));
    cellFrom = -1;
  };
  const endRow = (at: number) => {
    endCell(at);
    if (!cells) return;
    skipCovered(cells);
    for (let c = cells.length; c < covered.length; c++) if ((covered[c] ?? 0) > 0) covered[c]!--;
    rows.push(cells);
    cells = null;
  };
  let i = 0;
  for (;;) {
    const lt = page.indexOf('<', i);
    if (lt < 0) break;
    const gt = page.indexOf('>', lt);
    if (gt < 0) break;
    i = gt + 1;
    const tag = /^(\/?)(tr|td|th|table)\b/i.exec(page.slice(lt + 1, Math.min(gt + 1, lt + 8)));
    if (!tag) continue;
    const kind = tag[2]!.toLowerCase();
    if (kind === 'table' || kind === 'tr') {
      endRow(lt);
      if (kind === 'tr' && !tag[1]) cells = [];
      continue;
    }
    endCell(lt);
    if (tag[1]) continue;
    const row: string[] = (cells ??= []);
    skipCovered(row);
    const attributes = page.slice(lt + 3, gt);
    const colspan = Number(/\bcolspan\s*=\s*["']?(\d+)/i.exec(attributes)?.[1] ?? 1) || 1;
    const rowspan = Number(/\browspan\s*=\s*["']?(\d+)/i.exec(attributes)?.[1] ?? 1) || 1;
    if (row.length + colspan > MAX_COLUMNS) tooWide(rows.length + 1, row.length + colspan);
    cellColumn = row.length;
    cellFrom = gt + 1;
    if (colspan > 1) merged.push({ row: rows.length + 1, from: cellColumn, to: cellColumn + colspan - 1 });
    for (let k = 0; k < colspan; k++) {
      if (rowspan > 1) covered[row.length] = rowspan - 1;
      row.push('');
    }
  }
  endRow(page.length);
  return {
    name,
    totalRows: rows.length,
    date1904: false,
    mergedAcross: merged,
    *rows() {
      for (let r = 0; r < rows.length; r++) yield { rowNumber: r + 1, cells: rows[r]! };
    },
  };
}
