import {
  columnHeading,
  firstHeading,
  madeNote,
  tableNotes,
  MINUS,
  reportSheetName,
  type CellValue,
  type Report,
  type ReportColumn,
  type ReportRow,
  type RowKind,
  definitionLine,
} from '../../contract/reports.ts';
import { PERCENT_FORMAT } from '../../export/safe-cells.ts';

/**
 * A report laid out as the grid every file export writes: title, period, pathway, the
 * table, its further views, then the definitions. The xlsx and csv exports both write
 * this grid, so they hold the same numbers as the JSON and the screen.
 */
/**
 * The number format of a figure in an xlsx export, so Excel displays it as the screen does
 * (formatCell): counts grouped (1,234), rates as Excel's percentages to one decimal (xlsxCell),
 * days and estimates whole or to one decimal as they are, a negative one with the minus sign. Not
 * "0.#": Excel shows a whole 14 in it as "14.".
 */
export function numberFormat(value: number, kind: RowKind): string {
  const positive =
    kind === 'count' ? '#,##0' : kind === 'rate' ? PERCENT_FORMAT : Number.isInteger(value) ? '0' : '0.0';
  // A negative figure (a net change of −3) shows with the screen's minus sign (MINUS), still a number.
  return value < 0 ? `${positive};"${MINUS}"${positive}` : positive;
}

/** The line under a table's title saying whether small numbers are hidden. */
export function suppressionNote(report: Report): string {
  return report.options.suppress ? 'Small numbers suppressed (<5)' : 'Small numbers not suppressed';
}

/**
 * An xlsx sheet's column widths (Excel's characters) fitting each column's longest text among the
 * table lines (`lines` of more than one cell: headings, row labels, figures as shown), never below
 * `floor` (a column's usual width), at most 120. Excel cuts a text off where the cell beside it is
 * filled, as it always is in a table ("2024/25 approved carers" read "2024/25 appr"); a title, note
 * or definition is a line of one cell, running on into the empty cells beside it.
 */
export function fittedWidths(lines: ReadonlyArray<ReadonlyArray<string>>, floor: readonly number[]) {
  const widths = [...floor];
  for (const line of lines) {
    if (line.length < 2) continue;
    line.forEach((text, i) => {
      widths[i] = Math.min(120, Math.max(widths[i] ?? floor.at(-1) ?? 0, text.length + 1));
    });
  }
  return widths.map((wch) => ({ wch }));
}

export type MatrixCell = { text: string } | { value: CellValue; kind: RowKind } | null;

export interface Matrix {
  sheetName: string;
  cells: MatrixCell[][];
  /** Rows of the grid that are table headers (bold in Word, frozen nowhere). */
  headerRows: number[];
}

const text = (t: string): MatrixCell => ({ text: t });

function block(
  cells: MatrixCell[][],
  headerRows: number[],
  table: { columns: ReportColumn[]; rows: ReportRow[]; notes?: string[] },
  firstHeading: string,
  madeOn: string,
) {
  headerRows.push(cells.length);
  cells.push([text(firstHeading), ...table.columns.map((c) => text(columnHeading(c)))]);
  for (const r of table.rows) {
    cells.push([
      text(r.label),
      ...table.columns.map((c) => ({ value: r.values[c.key] ?? null, kind: r.kind })),
    ]);
  }
  // Right under the table: what a blank or "(to date)" column means, and the table's own lines.
  for (const note of tableNotes(table, madeOn)) cells.push([text(note)]);
}

export function reportMatrix(report: Report): Matrix {
  const cells: MatrixCell[][] = [];
  const headerRows: number[] = [];
  cells.push([text(report.title)]);
  cells.push([text(`Period: ${report.period}`)]);
  cells.push([text(`Pathway: ${report.pathwayLabel}`)]);
  cells.push([text(suppressionNote(report))]);
  cells.push([text(madeNote(report))]);
  cells.push([]);
  block(cells, headerRows, report, firstHeading(report.table), report.madeOn);
  for (const s of report.sections) {
    cells.push([]);
    cells.push([text(s.title)]);
    block(cells, headerRows, s, s.rowHeading, report.madeOn);
  }
  cells.push([]);
  cells.push([text('Definitions')]);
  for (const d of report.definitions) cells.push([text(definitionLine(d))]);
  return { sheetName: reportSheetName(report.table), cells, headerRows };
}
