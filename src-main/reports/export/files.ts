import type * as XLSX from 'xlsx';
import {
  columnHeading,
  firstHeading,
  formatCell,
  madeNote,
  NOT_STARTED,
  tableNotes,
  type CellValue,
  type Report,
  type ReportColumn,
  type ReportRow,
  type RowKind,
  definitionLine,
} from '../../contract/reports.ts';
import { safeCell, toCsv, xlsxSheet, xlsxWorkbook, type Cell } from '../../export/safe-cells.ts';
import { fittedWidths, numberFormat, reportMatrix, suppressionNote, type MatrixCell } from './matrix.ts';
import { ofstedSheet } from './ofsted-sheet.ts';

/**
 * Report files. Numbers stay numbers (a rate of 11.6 is the number 11.6, shown as 11.6%
 * by its number format), "<5" and "–" are text; text is never a formula (csv: neutralised).
 */

/** A cell of either file: counts, rates (11.6) and days as plain numbers; "<5" and "–" as text. */
const fileValue = (c: MatrixCell): Cell => {
  if (!c) return null;
  if ('text' in c) return c.text;
  // A period not yet started: an empty cell, not a text of nothing.
  if (c.value === NOT_STARTED) return null;
  return typeof c.value === 'number' ? c.value : formatCell(c.value, c.kind);
};

/**
 * A figure as pasted: as the screen shows it, but a negative one with the ASCII minus. A
 * spreadsheet reads "-2" pasted as the number; "−2" (U+2212, the screen's and the Word file's
 * minus) it takes as text, which SUM would skip.
 */
const pastedCell = (value: CellValue, kind: RowKind): string =>
  formatCell(value, kind).replace(/^\u2212/, '-');

/**
 * The grid as tab-separated lines, as pasted text: each cell as the screen shows it (33.3%, <5),
 * tabs and line breaks inside a text made spaces (they would start a new cell or row), and a
 * text that could start a formula neutralised as in the csv (Excel takes a pasted line as typed).
 */
export function reportsToText(reports: readonly Report[]): string {
  const cell = (c: MatrixCell): string => {
    if (!c) return '';
    if ('text' in c) return String(safeCell(c.text.replace(/[\t\r\n]+/g, ' ')));
    return pastedCell(c.value, c.kind);
  };
  return reports
    .map((r) =>
      reportMatrix(r)
        .cells.map((line) => line.map(cell).join('\t'))
        .join('\n'),
    )
    .join('\n\n');
}

export function reportsToCsv(reports: readonly Report[]): string {
  const rows: Cell[][] = [];
  reports.forEach((r, i) => {
    if (i > 0) rows.push([]);
    rows.push(...reportMatrix(r).cells.map((line) => line.map(fileValue)));
  });
  return toCsv(rows);
}

function sheetOf(report: Report): XLSX.WorkSheet {
  const m = reportMatrix(report);
  // Each number keeps its row kind's format (a rate of 11.6 shows as 11.6%).
  const ws = xlsxSheet(
    m.cells.map((line) => line.map(fileValue)),
    (r, col) => {
      const c = m.cells[r]![col];
      return c && 'kind' in c && typeof c.value === 'number' ? numberFormat(c.value, c.kind) : undefined;
    },
  );
  const maxCol = Math.max(0, ...m.cells.map((line) => line.length - 1));
  ws['!cols'] = fittedWidths(
    m.cells.map((line) => line.map((c) => (!c ? '' : 'text' in c ? c.text : formatCell(c.value, c.kind)))),
    [62, ...Array.from({ length: maxCol }, () => 13)],
  );
  ws['!merges'] = [0, 1, 2, 3, 4].map((r) => ({ s: { r, c: 0 }, e: { r, c: maxCol } }));
  // The definitions also travel as a note on the title, as Excel users expect.
  const title = ws.A1 as XLSX.CellObject;
  title.c = [{ a: 'Fostering Funnel', t: report.definitions.map(definitionLine).join('\n') }];
  title.c.hidden = true;
  return ws;
}

export function reportsToXlsx(reports: readonly Report[]): Buffer {
  const used = new Set<string>();
  const sheets = reports.map((r) => {
    const base = reportMatrix(r).sheetName;
    let name = base;
    // Numbered within Excel's 31 characters, the name cut at a word where it must be.
    for (let i = 2; used.has(name); i++) {
      const suffix = ` (${i})`;
      const room = 31 - suffix.length;
      name = (base.length <= room ? base : base.slice(0, room + 1).replace(/\s*\S*$/, '')) + suffix;
    }
    used.add(name);
    return { name, sheet: r.table === 'ofsted' ? ofstedSheet(r) : sheetOf(r) };
  });
  return xlsxWorkbook(sheets, { compression: true });
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/**
 * An HTML table that pastes into Word with its layout: inline styles only (Word ignores
 * style sheets on paste), header cells, numbers right-aligned, the same texts as the screen but a
 * negative figure's ASCII minus (pastedCell): a spreadsheet pastes this HTML too, by preference.
 */
export function reportsToHtml(reports: readonly Report[]): string {
  const font = 'font-family:Arial,sans-serif;font-size:10pt;';
  const cell = `border:1px solid #767676;padding:2pt 5pt;${font}`;
  // Headings and row labels (a reason's label is typed by the service) as text cells where a
  // spreadsheet takes the paste, whose HTML reading would otherwise make "=..." a formula: Excel's
  // text format (mso-number-format), and LibreOffice's (sdnum, en-GB, format @: it ignores the
  // other; a label "=HYPERLINK(...)" became a formula in LibreOffice 7.4 without it). Word ignores both.
  const text = `${cell}mso-number-format:'\\@';`;
  const asText = 'sdnum="2057;0;@" ';
  // An empty corner is a plain cell: a header cell with no text is one a screen reader announces
  // as nothing, and Word's accessibility checker flags.
  const corner = (first: string) =>
    first
      ? `<th scope="col" ${asText}style="${text}background:#e8e8e8;text-align:left">${escapeHtml(first)}</th>`
      : `<td style="${cell}background:#e8e8e8"></td>`;
  const table = (columns: ReportColumn[], rows: ReportRow[], first: string) =>
    `<table style="border-collapse:collapse;margin:6pt 0"><thead><tr>${corner(first)}${columns
      .map(
        (c) =>
          `<th scope="col" ${asText}style="${text}background:#e8e8e8;text-align:right">${escapeHtml(columnHeading(c))}</th>`,
      )
      .join('')}</tr></thead><tbody>${rows
      .map(
        (r) =>
          `<tr><th scope="row" ${asText}style="${text}text-align:left;font-weight:normal">${escapeHtml(r.label)}</th>${columns
            .map(
              (c) =>
                `<td style="${cell}text-align:right">${escapeHtml(pastedCell(r.values[c.key] ?? null, r.kind))}</td>`,
            )
            .join('')}</tr>`,
      )
      .join('')}</tbody></table>`;
  const p = (t: string) => `<p style="${font}margin:2pt 0">${escapeHtml(t)}</p>`;
  const notes = (t: { columns: ReportColumn[]; notes?: string[] }, madeOn: string) =>
    tableNotes(t, madeOn).map(p);
  const parts = reports.map((r) =>
    [
      `<h2 style="font-family:Arial,sans-serif;font-size:13pt">${escapeHtml(r.title)}</h2>`,
      p(`Period: ${r.period}`),
      p(`Pathway: ${r.pathwayLabel}`),
      // Said where some cell may read "<5".
      ...(r.options.suppress ? [p(suppressionNote(r))] : []),
      p(madeNote(r)),
      table(r.columns, r.rows, firstHeading(r.table)),
      ...notes(r, r.madeOn),
      ...r.sections.flatMap((s) => [
        `<h3 style="font-family:Arial,sans-serif;font-size:11pt">${escapeHtml(s.title)}</h3>`,
        table(s.columns, s.rows, s.rowHeading),
        ...notes(s, r.madeOn),
      ]),
      p('Definitions'),
      ...r.definitions.map((d) => p(definitionLine(d))),
    ].join('\n'),
  );
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n${parts.join('\n')}\n</body></html>`;
}
