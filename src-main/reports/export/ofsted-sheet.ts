import type * as XLSX from 'xlsx';
import {
  columnHeading,
  firstHeading,
  formatCell,
  madeNote,
  periodNotes,
  type Report,
  type ReportRow,
  type RowKind,
  definitionLine,
} from '../../contract/reports.ts';
import { xlsxSheet } from '../../export/safe-cells.ts';
import { OFSTED_ROWS, type OfstedRow } from '../ofsted-definitions.ts';
import { fittedWidths, numberFormat, suppressionNote } from './matrix.ts';

/**
 * The Ofsted return as one sheet, in the collection's parts as the app infers them (the template
 * itself was not read; Ofsted takes the figures through its portal, not as a spreadsheet):
 * recruitment, withdrawal reasons, deregistrations, households/carers/places at 31 March, then
 * the aggregate carer characteristics, each item a row with its mainstream,
 * family and friends and total figures side by side so each can be typed or pasted into the
 * portal, and its definition beside it. Numbers are numbers; "<5", "not recorded" and "–"
 * are text cells (never formulas, and with no apostrophe: export/safe-cells.ts).
 */
const PARTS: ReadonlyArray<{ part: OfstedRow['part']; title: string }> = [
  { part: 'recruitment', title: 'Recruitment' },
  { part: 'withdrawals', title: 'Reasons for withdrawal (optional)' },
  { part: 'deregistrations', title: 'Deregistrations' },
  { part: 'capacity', title: 'Households, carers and places' },
];

type Cell = string | number | null;

export function ofstedSheet(report: Report): XLSX.WorkSheet {
  // Headed as every door heads a column ("Mainstream (not yet started)" for a year to come).
  const heads = [firstHeading(report.table), ...report.columns.map(columnHeading), 'Definition'];
  const definition = new Map(report.definitions.map((d) => [d.key, d.fileText ?? d.text]));
  const value = (r: ReportRow, col: string): Cell => {
    const v = r.values[col] ?? null;
    return typeof v === 'number' ? v : formatCell(v, r.kind);
  };
  const line = (r: ReportRow, withDefinition: boolean): Cell[] => [
    r.label,
    ...report.columns.map((c) => value(r, c.key)),
    withDefinition ? (definition.get(r.key) ?? '') : '',
  ];
  const aoa: Cell[][] = [
    [report.title],
    [`Period: ${report.period}`],
    [`Pathway: ${report.pathwayLabel}`],
    [suppressionNote(report)],
    [madeNote(report)],
    ...periodNotes(report.columns, report.madeOn).map((n) => [n]),
    [],
  ];
  // Each figure's row kind, by line of the sheet, for its number format (1,001 as on screen).
  const kinds = new Map<number, RowKind>();
  for (const { part, title } of PARTS) {
    // The part's rows the report has (a year's collection may not ask for one: the withdrawal codes before 2023-24).
    const rows = OFSTED_ROWS.filter((x) => x.part === part).flatMap((def) =>
      report.rows.filter((x) => x.key === def.key),
    );
    if (rows.length === 0) continue;
    aoa.push([title], heads);
    for (const r of rows) kinds.set(aoa.push(line(r, true)) - 1, r.kind);
    aoa.push([]);
  }
  aoa.push(['Carer characteristics at 31 March (aggregate)']);
  for (const s of report.sections) {
    // Headed by what its rows are ("Age band"), as the screen, the csv and Word head them.
    aoa.push([s.title], [s.rowHeading, ...heads.slice(1, -1)]);
    for (const r of s.rows) kinds.set(aoa.push(line(r, false).slice(0, -1)) - 1, r.kind);
    aoa.push([]);
  }
  aoa.push(['Definitions']);
  for (const d of report.definitions) aoa.push([definitionLine(d)]);
  const ws = xlsxSheet(aoa, (r, c) => {
    const kind = kinds.get(r);
    const v = aoa[r]![c];
    return kind && typeof v === 'number' ? numberFormat(v, kind) : undefined;
  });
  // The definitions' column (its texts long, wrapping nowhere) keeps its width; the others fit.
  const fitted = fittedWidths(
    aoa.map((line) => line.slice(0, 4).map((v) => (typeof v === 'number' ? String(v) : (v ?? '')))),
    [62, 13, 18, 13],
  );
  ws['!cols'] = [...fitted, { wch: 90 }];
  return ws;
}
