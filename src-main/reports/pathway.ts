import type { ResolvedReportOptions } from '../contract/reports.ts';
import { pathwayAtSql } from '../domain/journey-sql.ts';

/**
 * The pathway filter of every report, over the episodes table: an event counts on the pathway
 * its episode was on at the event's date (domain/journey-sql.ts `pathwayAtSql`), never on the
 * household's pathway today, so a switch cannot move an event out of a year already reported.
 * `date` is the column of the event the table counts (enquiry for a cohort, closed_on for a
 * drop-out…); `prefix` the episodes alias with its dot. Append the SQL to a WHERE clause.
 */
export function pathwayAt(
  o: ResolvedReportOptions,
  date: string,
  prefix = '',
): { sql: string; params: string[] } {
  if (o.pathway === 'all') return { sql: '', params: [] };
  return { sql: ` AND (${pathwayAtSql(prefix + date, prefix)}) = ?`, params: [o.pathway] };
}
