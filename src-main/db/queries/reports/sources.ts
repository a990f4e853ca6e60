import type { Db } from '../../open.ts';
import { reachedDateSql, reachedSql } from '../../journey-sql.ts';
import { daysFrom, OPEN_COUNT } from './cohort.ts';
import { datedIn, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/**
 * Enquiries (all episodes) by the source recorded for that enquiry's own episode, on the pathway
 * the household was on at the enquiry, and how many of those episodes went on to EOI (or any later
 * stage) and to approval, whenever that happened.
 */
const MEASURES = {
  enquiries: '1',
  eoi: reachedSql('eoi'),
  approved: reachedSql('approval'),
} as const;
export type SourceMeasure = keyof typeof MEASURES;
export const isSourceMeasure = (m: string): m is SourceMeasure => m in MEASURES;

/** The same measures as COUNT arguments (non-null exactly when the measure holds): cheaper per row. */
const COUNTED: Record<SourceMeasure, string> = {
  enquiries: '*',
  eoi: reachedDateSql('eoi'),
  approved: reachedDateSql('approval'),
};

/** Episodes whose enquiry is dated in the range, on the pathway: the enquiry index covers it all. */
const enquiries = (s: ReportScope, range: DateRange) => datedIn(s, 'enquiry', 'episodes_by_enquiry', range);

/**
 * Each measure by enquiry day (`d`) and source as stored (`s`), with how many are still open and
 * the days to each approval itself (for the immature flag, reports/maturity.ts, as the cohort
 * table reads them: cohort.ts): one pass over the enquiry index in its own order (no sort).
 */
export function sourcesPerDay(
  db: Db,
  s: ReportScope,
  range: DateRange,
): Array<
  { d: string; s: string | null; open: number; daysToApproval: number[] } & Record<SourceMeasure, number>
> {
  const e = enquiries(s, range);
  const rows = db
    .prepare<
      unknown[],
      { d: string; s: string | null; open: number; dates: Buffer | null } & Record<SourceMeasure, number>
    >(
      `SELECT enquiry AS d, source AS s, ${Object.entries(COUNTED)
        .map(([m, arg]) => `COUNT(${arg}) AS ${m}`)
        .join(', ')}, ${OPEN_COUNT} AS open,
         CAST(group_concat(approval) AS BLOB) AS dates
       ${e.from} GROUP BY enquiry, source`,
    )
    .all(...e.params);
  const measure = daysFrom(db);
  return rows.map(({ dates, ...r }) => ({ ...r, daysToApproval: measure(r.d, dates) }));
}

/**
 * The households behind one measure of one source (null: every source) in the range; a missing
 * or empty source is `notRecorded`.
 */
export function sourceHouseholds(
  s: ReportScope,
  range: DateRange,
  source: string | null,
  measure: SourceMeasure,
  notRecorded: string,
): DrillQuery {
  const e = enquiries(s, range);
  const bySource = source === null ? '' : ` AND COALESCE(NULLIF(source, ''), ?) = ?`;
  return {
    sql: `SELECT household_id ${e.from}${bySource} AND ${MEASURES[measure]}`,
    params: [...e.params, ...(source === null ? [] : [notRecorded, source])],
  };
}
