import { CHARACTERISTICS } from '../domain/characteristics.ts';
import { FIXED_CODE_LISTS, type CodeList } from '../domain/code-lists.ts';
import type { ExportedFile } from '../domain/data-protection.ts';
import { formatUkDate, formatUkDateTime, isValidIsoDate } from '../domain/dates.ts';
import { ApiError } from '../domain/errors.ts';
import { JOURNEY_DATE_KINDS } from '../domain/journey-dates.ts';
import { MILESTONES } from '../domain/stages.ts';
import { dateCell, xlsxSheet, xlsxWorkbook, type Cell } from '../export/safe-cells.ts';
import type { Db } from './open.ts';
import { listReasons } from './queries/reasons.ts';

type Row = Record<string, unknown>;

/** SQLite identifiers from the schema itself (never from a user), quoted all the same. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Everything held about one household, table by table: its own row, then every table
 * with a `household_id` column (found from the schema, so tables added later are included),
 * then the reasons given at its exit interviews, then the imports its data came from.
 */
export function subjectAccessData(db: Db, id: number): Record<string, Row[]> {
  const household = db.prepare<[number], Row>('SELECT * FROM households WHERE id = ?').get(id);
  if (!household) throw new ApiError('not_found', `There is no household with id ${id}.`, 'id');
  const out: Record<string, Row[]> = { households: [household] };
  const tables = db
    .prepare<[], string>(
      `SELECT m.name FROM sqlite_master m
       WHERE m.type = 'table' AND m.name <> 'households' AND m.name NOT LIKE 'sqlite_%'
         AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'household_id')
       ORDER BY m.name`,
    )
    .pluck()
    .all();
  for (const table of tables) {
    // The table name comes from sqlite_master; the household id is bound.
    out[table] = db.prepare<[number], Row>(`SELECT * FROM ${ident(table)} WHERE household_id = ?`).all(id);
  }
  out.exit_interview_reasons = db
    .prepare<[number], Row>(
      `SELECT r.* FROM exit_interview_reasons r
       JOIN exit_interviews i ON i.id = r.interview_id WHERE i.household_id = ?`,
    )
    .all(id);
  // Where the data came from (UK GDPR art. 15(1)(g)): each import that wrote any of it, named by
  // the batch ids its rows and audit entries carry; its file's name, when and who.
  const batches = new Set<number>();
  for (const rows of Object.values(out)) {
    for (const r of rows) {
      for (const key of ['batch_id', 'created_batch']) if (typeof r[key] === 'number') batches.add(r[key]);
    }
  }
  out.import_batches = db
    .prepare<[string], Row>(
      'SELECT * FROM import_batches WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
    )
    .all(JSON.stringify([...batches]));
  return out;
}

/** The subject access export as a file: JSON, or one xlsx sheet per table (text cells, never formulas). */
export function exportHousehold(db: Db, id: number, format: 'json' | 'xlsx', today: string): ExportedFile {
  const data = subjectAccessData(db, id);
  const reference = String(data.households![0]!.reference);
  const fileBase = `subject-access-${reference.replace(/[^\w-]/g, '_')}-${today}`;
  if (format === 'json') {
    const body = JSON.stringify({ exportedOn: today, householdId: id, tables: data }, null, 2);
    return {
      fileName: `${fileBase}.json`,
      mime: 'application/json',
      base64: Buffer.from(body, 'utf8').toString('base64'),
    };
  }
  const sheets = Object.entries(data).map(([table, rows]) => {
    const columns = rows.length > 0 ? Object.keys(rows[0]!) : ['(none held)'];
    const grid = [columns, ...rows.map((r) => columns.map((c) => cellIn(table, c, r)))];
    return { name: table.slice(0, 31), sheet: xlsxSheet(grid) };
  });
  const bytes = xlsxWorkbook([
    { name: 'About', sheet: xlsxSheet(about(reference, today)) },
    ...sheets,
    { name: 'Codes', sheet: xlsxSheet(codesUsed(db, data)) },
  ]);
  return {
    fileName: `${fileBase}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: bytes.toString('base64'),
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * Which columns hold days and moments, by the schema's naming (a day: `date`, `…_date`, `…_on`,
 * `date_of_birth` and an episode's milestone and step dates, named by their kind; a moment: `at`,
 * `…_at`), so that text someone typed is never taken for one: a note "2025-01-01" stays the words
 * typed (and so does an episode's household type, kept in the file's words). An audit entry's old
 * and new values are of the field it names (a milestone's are days; a journey step's are records).
 * subject-access.test.ts holds the sample data's columns to this, both ways.
 */
const DAY_COLUMN = /^(date|date_of_birth|.+_date|.+_on)$/;
const MOMENT_COLUMN = /^(at|.+_at)$/;
const EPISODE_DAYS = new Set<string>([...MILESTONES, ...JOURNEY_DATE_KINDS]);
export type ColumnKind = 'day' | 'moment' | 'text';
export const kindOf = (table: string, column: string): ColumnKind =>
  DAY_COLUMN.test(column) || (table === 'episodes' && EPISODE_DAYS.has(column))
    ? 'day'
    : MOMENT_COLUMN.test(column)
      ? 'moment'
      : 'text';
const isAuditValue = (table: string, column: string) =>
  table === 'audit_log' && (column === 'old_value' || column === 'new_value');

/**
 * A row's cell: an audit entry's value is stored as JSON, and read as the value it holds. (The
 * random-journeys test reads the xlsx against the JSON export through it.)
 */
export function cellIn(table: string, column: string, row: Row): Cell {
  if (!isAuditValue(table, column)) return cell(row[column], kindOf(table, column));
  const entity = String(row.entity);
  const kind = entity === 'milestone' ? 'day' : kindOf(entity, String(row.field ?? ''));
  return cell(fromJson(row[column]), kind);
}
const fromJson = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  try {
    const value: unknown = JSON.parse(v);
    if (typeof value !== 'object' || value === null) return value;
    return Array.isArray(value) ? v : JSON.stringify(withUkDays(value as Record<string, unknown>));
  } catch {
    return v;
  }
};
/** A record's days by their names ("date", "noticeDate", "date_of_birth"), as the columns'. */
const DAY_KEY = /^(date|date_of_birth|.+_date|.+_on|[a-z][A-Za-z]*(Date|On))$/;
/**
 * A record held as JSON (a closure, a journey step, a carer), its days written dd/mm/yyyy as every
 * other date: only under a day's name, never a typed note that happens to look like one.
 */
const withUkDays = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      typeof value === 'string' && DAY_KEY.test(key) && ISO_DAY.test(value) && isValidIsoDate(value)
        ? formatUkDate(value)
        : value,
    ]),
  );

/**
 * Each stored value as it is held, in the form a reader takes in: numbers as numbers, a day as a
 * date (shown dd/mm/yyyy), a moment as the UK's clock shows it (dd/mm/yyyy hh:mm; stored in UTC),
 * nothing held as an empty cell, and all else as its text.
 */
function cell(v: unknown, kind: ColumnKind): Cell {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return null;
  const text = String(v);
  if (kind === 'day' && ISO_DAY.test(text) && isValidIsoDate(text)) return dateCell(text);
  return kind === 'moment' && ISO_MOMENT.test(text) ? formatUkDateTime(text) : text;
}

/** The workbook's first sheet: what it is and how to read it, for the person it is about. */
const about = (reference: string, today: string): Cell[][] => [
  ['Subject access export'],
  ['Household', reference],
  ['Made on', formatUkDate(today)],
  [],
  [
    'Each further sheet is one table of the records, with every row held about this household, as held: its columns are named as the records name them. Dates are shown dd/mm/yyyy (within the history’s recorded values too) and times on the UK clock; an episode’s forecast_text is its dates again, in the form the forecast reads them. Where a column holds a code (a reason, a source, a stage), the sheet Codes gives its meaning. The sheet import_batches names the files the data came from.',
  ],
];

/**
 * Where each list's codes are stored (table.column): a code is explained only where a column of its
 * own list holds it, as many lists share a code ("other" is a drop-out reason, a leaving reason, a
 * source and a religion), and a Codes sheet saying "Religion or belief: other" of a household with
 * no carers would read as if the council held one. Exit interviews' reasons carry their list
 * (`exit_interview_reasons.reason_key.dropout`). Characteristics are the carers' columns of the same
 * name. subject-access.test.ts holds every list to columns the schema has.
 */
const CODE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  pathway: [
    'households.pathway',
    'episodes.pathway',
    'episodes.switched_to',
    'pathway_changes.from_pathway',
    'pathway_changes.to_pathway',
  ],
  status: ['households.status'],
  stage: ['households.stage', 'closures.stage_reached', 'episodes.stage_reached', 'episodes.closed_stage'],
  milestone: ['milestones.kind'],
  source: ['households.source', 'episodes.source'],
  household_type: ['households.household_type', 'episodes.household_type'],
  ended_by: ['closures.ended_by', 'episodes.ended_by'],
  initiated_by: ['cessations.initiated_by'],
  exit_interview: ['exit_interviews.status', 'episodes.exit_interview', 'episodes.cessation_exit_interview'],
  journey_step: ['journey_dates.kind'],
  viability_outcome: ['episodes.viability_result'],
  alert: ['households.next_alert'],
  dropout: ['closures.reason_key', 'episodes.closed_reason', 'exit_interview_reasons.reason_key.dropout'],
  leaving: ['cessations.reason_key', 'episodes.ceased_reason', 'exit_interview_reasons.reason_key.leaving'],
  ...Object.fromEntries(CHARACTERISTICS.map((c) => [c, [`household_people.${c}`]])),
};
/** The columns holding a list's codes (none for a list not above). */
export const codeColumns = (list: string): readonly string[] => CODE_COLUMNS[list] ?? [];

/**
 * Every code the export's cells hold, with its list and meaning: the fixed lists (domain/code-lists.ts)
 * and the service's own drop-out and leaving reasons, retired ones included (an old record keeps one),
 * each looked for only in the columns that hold it.
 */
function codesUsed(db: Db, data: Record<string, Row[]>): Cell[][] {
  const held = new Map<string, Set<string>>();
  const hold = (column: string, v: unknown) => {
    if (typeof v !== 'string') return;
    let values = held.get(column);
    if (!values) held.set(column, (values = new Set()));
    values.add(v);
  };
  for (const [table, rows] of Object.entries(data))
    for (const r of rows)
      for (const [column, v] of Object.entries(r))
        hold(
          table === 'exit_interview_reasons' && column === 'reason_key'
            ? `${table}.${column}.${String(r.list)}`
            : `${table}.${column}`,
          v,
        );
  const reasons = (key: 'dropout' | 'leaving', name: string): CodeList => ({
    key,
    name,
    codes: listReasons(db, key, true),
  });
  const lists = [
    ...FIXED_CODE_LISTS,
    reasons('dropout', 'Drop-out reason'),
    reasons('leaving', 'Leaving reason'),
  ];
  const out: Cell[][] = [['List', 'Code', 'Meaning']];
  for (const list of lists) {
    const columns = codeColumns(list.key);
    for (const c of list.codes)
      if (columns.some((column) => held.get(column)?.has(c.key))) out.push([list.name, c.key, c.label]);
  }
  return out;
}
