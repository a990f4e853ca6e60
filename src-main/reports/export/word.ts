import {
  columnHeading,
  firstHeading,
  formatCell,
  type Report,
  type ReportColumn,
  madeNote,
  tableNotes,
  type ReportRow,
  definitionLine,
} from '../../contract/reports.ts';
import { docxFile, type WordBlock, type WordSection } from '../../export/docx.ts';
import { suppressionNote } from './matrix.ts';

/**
 * Report tables as a Word document, one section (starting on a new page) per table: its title as
 * a heading, the period, pathway and suppression lines the Excel and CSV files carry, the table
 * with every figure as the screen shows it (1,234; 11.6%; days; "<5"; "–"; "not recorded"),
 * its further views under their own headings, then the definitions.
 */
function tableBlock(caption: string, columns: ReportColumn[], rows: ReportRow[], first: string): WordBlock {
  return {
    kind: 'table',
    caption,
    header: [first, ...columns.map(columnHeading)],
    rows: rows.map((r) => [r.label, ...columns.map((c) => formatCell(r.values[c.key] ?? null, r.kind))]),
    figures: (column) => column > 0,
  };
}

/** The lines right under a table: what a blank or "(to date)" column means, and its own. */
const notesOf = (t: { columns: ReportColumn[]; notes?: string[] }, madeOn: string): WordBlock[] =>
  tableNotes(t, madeOn).map((text) => ({ kind: 'paragraph', text }));

function reportSection(r: Report): WordSection {
  return {
    blocks: [
      { kind: 'heading', level: 1, text: r.title },
      { kind: 'paragraph', text: `Period: ${r.period}` },
      { kind: 'paragraph', text: `Pathway: ${r.pathwayLabel}` },
      { kind: 'paragraph', text: suppressionNote(r) },
      { kind: 'paragraph', text: madeNote(r) },
      tableBlock(r.title, r.columns, r.rows, firstHeading(r.table)),
      ...notesOf(r, r.madeOn),
      ...r.sections.flatMap((s): WordBlock[] => [
        { kind: 'heading', level: 2, text: s.title },
        tableBlock(s.title, s.columns, s.rows, s.rowHeading),
        ...notesOf(s, r.madeOn),
      ]),
      { kind: 'heading', level: 2, text: 'Definitions' },
      ...r.definitions.map((d): WordBlock => ({ kind: 'paragraph', text: definitionLine(d) })),
    ],
  };
}

export function reportsToDocx(reports: readonly Report[]): Buffer {
  const title = reports.length === 1 ? reports[0]!.title : 'Fostering recruitment reports';
  return docxFile(title, reports.map(reportSection));
}
