/**
 * The reports' tables, pathways and cell shapes, without their input schemas: what the CLI's
 * help and printing need, so a command loads zod's schemas only when it calls a report.
 */
import {
  FUNNEL_MILESTONES,
  PATHWAY_SCOPE_LABELS,
  PATHWAY_SCOPES,
  type FunnelMilestone,
} from '../domain/stages.ts';
import { formatUkDate } from '../domain/dates.ts';
import { MINUS } from '../domain/words.ts';

/** The words of the recruitment table's count rows (the screen's funnel steps use `short`). */
const FUNNEL_ROW = {
  enquiry: { key: 'enquiries', short: 'Enquiries', label: 'Number of initial enquiries' },
  eoi: { key: 'eoi', short: 'EOI', label: 'Expressions of interest following enquiry (EOI)' },
  stage1: { key: 'stage1', short: 'Stage 1', label: 'Assessments started at stage 1' },
  stage2: { key: 'stage2', short: 'Stage 2', label: 'Assessments commencing to stage 2' },
  approval: { key: 'approved', short: 'Approved', label: 'Number of households approved' },
} as const satisfies Record<FunnelMilestone, { key: string; short: string; label: string }>;

/** The recruitment table's count rows, one per funnel milestone, in the journey's order (domain/stages.ts). */
export const FUNNEL_ROWS = FUNNEL_MILESTONES.map((kind) => ({ kind, ...FUNNEL_ROW[kind] }));

/** The tables, in the order the Reports screen and the CLI list them. */
export const REPORT_TABLES = [
  'funnel',
  'cohort',
  'dropout',
  'leaving',
  'retention',
  'timescales',
  'sources',
  'kinship',
  'forecast',
  'forecast-backtest',
  'ofsted',
  'diversity',
] as const;
export type ReportTableKey = (typeof REPORT_TABLES)[number];

export const REPORT_TABLE_LABELS: Record<ReportTableKey, string> = {
  funnel: 'Recruitment (conversion)',
  cohort: 'Cohort conversion',
  dropout: 'Drop-out reasons',
  leaving: 'Reasons for leaving',
  retention: 'Retention',
  timescales: 'Timescales',
  sources: 'Enquiry sources',
  kinship: 'Kinship assessments',
  forecast: 'Approvals forecast',
  'forecast-backtest': 'Forecast backtest',
  ofsted: 'Ofsted fostering data collection',
  diversity: 'Diversity of applicants and carers',
};

/**
 * The heading over a table's row labels, on screen and in every file: a header cell left empty is
 * one a screen reader announces as nothing and Word's accessibility checker flags.
 */
const FIRST_HEADINGS: Record<ReportTableKey, string> = {
  funnel: 'Measure',
  cohort: 'Measure',
  dropout: 'Reason',
  leaving: 'Reason for leaving',
  retention: 'Measure',
  timescales: 'Measure',
  sources: 'Source and measure',
  kinship: 'Measure',
  forecast: 'Measure',
  'forecast-backtest': 'Measure',
  ofsted: 'Measure',
  diversity: 'Ethnic group',
};
export const firstHeading = (table: ReportTableKey): string => FIRST_HEADINGS[table];

/**
 * A table's sheet name in an Excel export: its label, or a shorter one in whole words where the
 * label is over Excel's limit of 31 characters (cut there, it read "…data collectio").
 */
const SHORT_SHEET_NAMES: Partial<Record<ReportTableKey, string>> = {
  ofsted: 'Ofsted data collection',
  diversity: 'Applicant and carer diversity',
};
export const reportSheetName = (table: ReportTableKey): string =>
  SHORT_SHEET_NAMES[table] ?? REPORT_TABLE_LABELS[table];

/** Tables of one financial year (the `to` year): the Ofsted return is made year by year. */
export const SINGLE_YEAR_TABLES: readonly ReportTableKey[] = ['ofsted'];

/**
 * Tables whose columns are their own, whatever the Columns option says: the forecast's next four
 * quarters, the backtest's financial years (each forecast made at a 1 April) and the diversity
 * table's cohorts by financial year (asked by quarter, it was the same table headed "by quarter",
 * and a suppressed one was built and solved twice). The drop-out table's columns are the stages
 * reached, over the whole chosen period, or by quarter one block of them per quarter.
 */
export const OWN_COLUMN_TABLES: readonly ReportTableKey[] = ['forecast', 'forecast-backtest', 'diversity'];

/**
 * Tables that are one pathway's, whatever the Pathway option says: the kinship table is the kinship
 * pathway. The screen offers no Pathway choice for them and the CLI refuses --pathway.
 */
export const FIXED_PATHWAY_TABLES: Partial<Record<ReportTableKey, 'kinship'>> = { kinship: 'kinship' };

/**
 * Whether a table is of the pathway the Pathway option names: not one fixed to a pathway, nor a
 * single-year table (the Ofsted return: every pathway, in columns).
 */
export const followsPathwayOption = (table: ReportTableKey): boolean =>
  !FIXED_PATHWAY_TABLES[table] && !SINGLE_YEAR_TABLES.includes(table);

/** Tables no year range applies to: the forecast is always the next four quarters from today. */
export const NO_YEAR_TABLES: readonly ReportTableKey[] = ['forecast'];

/** A report's pathway filter: either pathway (domain/stages.ts), or both together. */
export const REPORT_PATHWAYS = PATHWAY_SCOPES;
export type ReportPathway = (typeof REPORT_PATHWAYS)[number];

export const REPORT_PATHWAY_LABELS: Record<ReportPathway, string> = PATHWAY_SCOPE_LABELS;

/**
 * A table of more columns of figures than this fits neither a portrait A4 page (its Word section
 * turns landscape: export/docx.ts) nor the Reports screen beside its chart (it takes the page's width).
 */
export const WIDE_TABLE_FIGURES = 8;

/** The mark of a suppressed count (a count of 1–4, or a cell hidden so a total cannot reveal one). */
export const SUPPRESSED = '<5';

/**
 * A figure the records cannot give (e.g. places at 31 March when a household's places
 * were never entered): shown in words, never as 0.
 */
export const NOT_RECORDED = 'not recorded';

/**
 * A figure the collection does not ask for in a column (Ofsted's initial enquiries of family and
 * friends households): shown in words, never as 0, which would read as none enquired.
 */
export const NOT_COLLECTED = 'not collected';

/**
 * A cell of a period that starts after the day the table was produced (a quarter still to come in
 * this financial year): left blank, never 0 (a manager read "0 enquiries in Q4" as a bad quarter)
 * and never a rate. Its column is marked `notStarted`, and a note under the table says so.
 */
export const NOT_STARTED = '';

/**
 * A count (integer), a rate (% to 1 dp), days, `null` (no value: e.g. a zero denominator),
 * `"<5"`, `"not recorded"`, `"not collected"` or `""` (NOT_STARTED: a period not yet started).
 */
export type CellValue =
  number | null | typeof SUPPRESSED | typeof NOT_RECORDED | typeof NOT_COLLECTED | typeof NOT_STARTED;

/** `estimate`: a forecast figure (one decimal, never suppressed: it counts no one). */
export type RowKind = 'count' | 'rate' | 'days' | 'estimate';

export interface ReportColumn {
  key: string;
  label: string;
  /** Cohort table: the cohort is too young for its members to have reached approval. */
  immature?: boolean;
  /** Its period starts after the day the table was produced: every cell is blank (NOT_STARTED). */
  notStarted?: boolean;
  /** Its period holds that day: its figures run to it, not to the period's end. */
  toDate?: boolean;
  /**
   * Its period began before its figures do: they count from this day (ISO) on, the forecast's
   * quarter in progress from tomorrow, whose earlier approvals are not in it.
   */
  countsFrom?: string;
}

export interface ReportRow {
  key: string;
  label: string;
  kind: RowKind;
  values: Record<string, CellValue>;
  /** False for a figure typed in (a target or comparator): no households are behind it. */
  drillable?: false;
}

/** A further view under the main table (drop-out by who ended it, exit-interview coverage). */
export interface ReportSection {
  key: string;
  title: string;
  /** What its row labels are, heading their column (a screen reader reads it with each row). */
  rowHeading: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Lines printed right under it, in every output (the backtest's years left out of its accuracy, and why). */
  notes?: string[];
}

export interface ResolvedReportOptions {
  from: string;
  to: string;
  quarterly: boolean;
  pathway: ReportPathway;
  suppress: boolean;
}

export interface ReportDefinition {
  key: string;
  label: string;
  /** As the screen says it (where a figure opens its list). */
  text: string;
  /** As a saved file or the CLI says it, where it differs: nothing opens there. */
  fileText?: string;
}

/** A definition's line in a saved file or the CLI's print. */
export const definitionLine = (d: ReportDefinition): string => `${d.label}: ${d.fileText ?? d.text}`;

export interface Report {
  table: ReportTableKey;
  title: string;
  options: ResolvedReportOptions;
  /** e.g. "1 April 2020 to 31 March 2025". */
  period: string;
  pathwayLabel: string;
  /**
   * The day the table was worked out (the core's today, ISO): every saved or copied file says it
   * under the title ("Produced on 01/12/2026"), as its figures change when records are corrected.
   */
  madeOn: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Lines printed right under the table, in every output (the forecast's households it leaves out, and why). */
  notes?: string[];
  sections: ReportSection[];
  definitions: ReportDefinition[];
}

/**
 * The line saying the day a table's figures were worked out, under its title in every file (Excel,
 * CSV, Word, Copy for Word) and the CLI's print: a table saved in June and one saved in December
 * for the same year can differ, as records are corrected, and a report author needs to say which
 * one was sent.
 */
export const madeNote = (report: Pick<Report, 'madeOn'>): string =>
  `Produced on ${formatUkDate(report.madeOn)}`;

/**
 * What a household behind a figure of endings was counted for (a drop-out, a cessation, or, behind
 * Home's net change, an approval): when, the closure's stage reached, the reason in the service's
 * words (its label in Settings), and, for a drop-out in a report, who ended it (in words).
 */
export interface DrillEvent {
  kind: 'approved' | 'ceased' | 'closed';
  date: string;
  stage: string | null;
  reason: string | null;
  endedBy?: string | null;
  /**
   * The lists of drop-outs and cessations only (the drop-out and leaving tables', the retention
   * table's ceased row, Home's drop-outs and its net change's cessations): what the household said
   * at the exit interview after this closure or cessation, where one was held (null: none held, or
   * it was declined or only offered): the reasons given, in the service's words as `reason` ([] none given), and
   * whether they might return later (null: not known, or none held). Words: vocab heldInterviewWords.
   */
  said?: string[] | null;
  mightReturn?: boolean | null;
}

export interface DrillHousehold {
  id: number;
  reference: string;
  name: string;
  stage: string;
  status: string;
  /** Where the figure counts endings (drop-outs, cessations): each fact it counted, oldest first. */
  events?: DrillEvent[];
  /**
   * Where a household may be in the figure for a reason worth saying (the Ofsted return's carers
   * under Not recorded by age: no date of birth, or one giving an age in no band): each, in words.
   */
  why?: string[];
}

export interface DrillResult {
  /** How many households the cell counts (distinct). */
  total: number;
  /** The first `limit` of them, by reference. */
  households: DrillHousehold[];
  /**
   * What the list says beside its count: where the figure counts more than the households listed
   * (a household enquiring twice in the period), or what Home's net change adds up.
   */
  note?: string;
}

/**
 * A report table's file formats: Excel, CSV, Word (.docx), and html (Copy for Word's clipboard
 * table, with its plain-text twin).
 */
export const REPORT_EXPORT_FORMATS = ['xlsx', 'csv', 'docx', 'html'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];
/** The formats saved as a file, and each as the Reports screen's buttons name it ("Save as Word"). */
export const REPORT_FILE_FORMATS = ['xlsx', 'csv', 'docx'] as const;
export const REPORT_FILE_FORMAT_LABELS: Record<(typeof REPORT_FILE_FORMATS)[number], string> = {
  xlsx: 'Excel',
  csv: 'CSV',
  docx: 'Word',
};

export interface ExportFile {
  fileName: string;
  mime: string;
  base64: string;
  /**
   * html only: the same grid as tab-separated text, the clipboard's plain-text twin (what Excel
   * and other programs paste when they take no HTML), formula-neutralised like the csv.
   */
  text?: string;
}

/** The minus sign of a negative figure (U+2212), as formatCell writes it. */
export { MINUS };

/**
 * A cell as people read it (screen, Word, the text of csv/xlsx cells): "–" for no value,
 * rates with one decimal and a % sign, days with at most one decimal, a negative figure with
 * the minus sign (MINUS). The one formatter for every place a report or a figure is shown, so
 * exports and the screen agree.
 */
export function formatCell(value: CellValue, kind: RowKind): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  // −0 is 0 (never "−0"); a negative figure's text starts with the minus sign, not a hyphen.
  const n = value === 0 ? 0 : value;
  const text =
    kind === 'rate'
      ? `${n.toFixed(1)}%`
      : kind === 'days' || kind === 'estimate'
        ? Number.isInteger(n)
          ? String(n)
          : n.toFixed(1)
        : groupThousands(n);
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}

/**
 * A figure always to one decimal ("–" for none), grouped and signed as formatCell writes them: Home's
 * target to date, a share of a whole target, read "39.8", "6.6" and "−2" where −3 shared out came to
 * −2.0 (helper-262). A figure that rounds to 0 reads "0.0", never "−0.0".
 */
export function formatTenths(value: number | null): string {
  if (value === null) return '–';
  const [whole, tenth] = Math.abs(value).toFixed(1).split('.') as [string, string];
  const text = `${groupThousands(Number(whole))}.${tenth}`;
  return value < 0 && text !== '0.0' ? `${MINUS}${text}` : text;
}

/**
 * A number as en-GB writes it (1,234,567), the same text as `toLocaleString('en-GB')`. Whole
 * numbers, the counts of every table, are grouped here without Intl: the browser's first Intl
 * number format loads ICU's locale data (~30 ms), on the Reports screen's way to its first table.
 */
export function groupThousands(value: number): string {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return value.toLocaleString('en-GB');
  const digits = String(Math.abs(value));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${out}` : out;
}

/**
 * A column's heading as every door prints it: its label, and what it is not yet ("(to date)") or
 * leaves out ("(from 29/11/2026)"): the forecast's begun quarter on Reports, its files and Home alike.
 */
export function columnHeading(c: ReportColumn): string {
  if (c.notStarted) return `${c.label} (not yet started)`;
  const marks = [
    ...(c.countsFrom ? [`from ${formatUkDate(c.countsFrom)}`] : []),
    ...(c.immature ? ['immature'] : []),
    ...(c.toDate ? ['to date'] : []),
  ];
  return marks.length > 0 ? `${c.label} (${marks.join(', ')})` : c.label;
}

/**
 * The lines under a table (or a further view) whose columns include a period not yet started or one
 * still in progress on the day it was produced, as the headings mark them: printed by the screen,
 * every file and the CLI right under the table, so a blank is not read as a missing 0.
 */
export function periodNotes(
  columns: readonly ReportColumn[],
  madeOn: string,
  rows: readonly Pick<ReportRow, 'values'>[] = [],
): string[] {
  const day = formatUkDate(madeOn);
  const ahead = columns.filter((c) => c.notStarted);
  // A number in a period not yet started is a target or comparator typed for it (reports/shape.ts).
  const typed = rows.some((r) => ahead.some((c) => typeof r.values[c.key] === 'number'));
  return [
    ...(columns.some((c) => c.toDate && !c.notStarted)
      ? [`To date: the period in progress on ${day}; its figures run to that day, not to the period’s end.`]
      : []),
    ...(ahead.length > 0
      ? [
          `Not yet started: a period that starts after ${day}, the day this table was produced; its cells are left blank, as nothing can be counted in it yet (not 0, and no rate)${typed ? ', but for a target or comparator typed for it' : ''}.`,
        ]
      : []),
  ];
}

/** The lines under a table or view: its periods' (periodNotes), then its own (a view's `notes`). */
export const tableNotes = (
  t: {
    columns: readonly ReportColumn[];
    rows?: readonly Pick<ReportRow, 'values'>[];
    notes?: readonly string[];
  },
  madeOn: string,
): string[] => [...periodNotes(t.columns, madeOn, t.rows), ...(t.notes ?? [])];
