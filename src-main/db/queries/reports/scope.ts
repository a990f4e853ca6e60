import type { Pathway } from '../../../domain/stages.ts';
import type { Db } from '../../open.ts';
import type { DrillQuery } from '../drill.ts';
import { fyStartYearSql, pathwayAtSql } from '../../journey-sql.ts';

/**
 * What every report query is scoped by, as the report's options give it (reports/ passes its
 * resolved options straight in): the pathway (or every one) and years or quarters.
 */
export interface ReportScope {
  pathway: Pathway | 'all';
  quarterly: boolean;
}

/** Two ISO dates, both ends included. */
export interface DateRange {
  from: string;
  to: string;
}

export type { DrillQuery };

/**
 * The pathway filter of every report, over the episodes table: an event counts on the pathway
 * its episode was on at the event's date (db/journey-sql.ts `pathwayAtSql`), never on the
 * household's pathway today, so a switch cannot move an event out of a year already reported.
 * `date` is the column of the event the table counts (enquiry for a cohort, closed_on for a
 * drop-out…); `prefix` the episodes alias with its dot. Append the SQL to a WHERE clause.
 */
export function pathwayAt(s: ReportScope, date: string, prefix = ''): { sql: string; params: string[] } {
  if (s.pathway === 'all') return { sql: '', params: [] };
  return { sql: ` AND (${pathwayAtSql(prefix + date, prefix)}) = ?`, params: [s.pathway] };
}

/**
 * Episodes whose `column` (a date of the episodes table) is in the range, on the pathway at that
 * date, read through `index` (in date order, covering the pathway columns): the FROM … WHERE of the
 * tables that count one kind of event. `column` and `index` are literal names from our own code.
 */
export function datedIn(
  s: ReportScope,
  column: string,
  index: string,
  range: DateRange,
): { from: string; params: string[] } {
  const p = pathwayAt(s, column);
  return {
    from: `FROM episodes INDEXED BY ${index} WHERE ${column} BETWEEN ? AND ?${p.sql}`,
    params: [range.from, range.to, ...p.params],
  };
}

/**
 * SQL giving the period code of an ISO date column: start year of its financial year × 10,
 * plus the quarter when quarterly (reports/period.ts `Period.code`). `col` is always a literal
 * column name from our own code.
 */
export function periodSql(col: string, quarterly: boolean): string {
  const fyYear = fyStartYearSql(col);
  if (!quarterly) return `(${fyYear} * 10)`;
  const quarter = `(((CAST(substr(${col}, 6, 2) AS INTEGER) + 8) % 12) / 3 + 1)`;
  return `(${fyYear} * 10 + ${quarter})`;
}

/** A reason list's entries in their order, retired ones included (a report shows those still used). */
export function reasonsInOrder(
  db: Db,
  list: 'dropout' | 'leaving',
): Array<{ key: string; label: string; retired: number; endedBy: string | null }> {
  return db
    .prepare<[string], { key: string; label: string; retired: number; endedBy: string | null }>(
      'SELECT key, label, retired, ended_by AS endedBy FROM reasons WHERE list = ? ORDER BY position, key',
    )
    .all(list);
}

/** A drill that opens no households (a cell that counts no one: the children-in-care profile). */
export const NO_HOUSEHOLDS: DrillQuery = { sql: 'SELECT NULL AS household_id WHERE 0', params: [] };

/** Households selected by any of several drill queries. */
export function anyOf(queries: DrillQuery[]): DrillQuery {
  return { sql: queries.map((q) => q.sql).join(' UNION ALL '), params: queries.flatMap((q) => q.params) };
}
