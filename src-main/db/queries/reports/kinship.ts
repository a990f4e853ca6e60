import type { Db } from '../../open.ts';
import { pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/** The decision of an assessment: its approval, or the date it ended without approval. */
const DECIDED = 'COALESCE(approval, closed_on)';

/** The kinship table's rows, each one event of the episodes (see reports/kinship.ts). */
export type KinshipRow =
  | 'requests'
  | 'viability_positive'
  | 'full_assessments'
  | 'approvals'
  | 'reg24_placements'
  | 'decided_after_placement'
  | 'decided_within_16_weeks'
  | 'decided_within_24_weeks';

/**
 * Each row's event date column and, where the row is a part of its events, the condition.
 * `decidedWithin` are the days from the reg 24 placement (domain/decision-clocks.ts REG24_WEEKS),
 * to a decision on or after it: an assessment decided before a placement recorded later (an
 * approval, then a reg 24 placement dated after it, which the record accepts) was no placed
 * child's, and counted a negative number of days as within 16 weeks.
 */
function rowDefinition(row: KinshipRow, days: { first: number; final: number }) {
  const afterPlacement = ` AND reg24_placement IS NOT NULL AND ${DECIDED} >= reg24_placement`;
  const decidedWithin = (n: number) =>
    `${afterPlacement} AND julianday(${DECIDED}) - julianday(reg24_placement) <= ${Math.trunc(n)}`;
  switch (row) {
    case 'requests':
      return { date: 'viability_request', where: '' };
    case 'viability_positive':
      return { date: 'viability_outcome', where: " AND viability_result = 'positive'" };
    case 'full_assessments':
      return { date: 'stage2', where: '' };
    case 'approvals':
      return { date: 'approval', where: '' };
    case 'reg24_placements':
      return { date: 'reg24_placement', where: '' };
    case 'decided_after_placement':
      return { date: DECIDED, where: afterPlacement };
    case 'decided_within_16_weeks':
      return { date: DECIDED, where: decidedWithin(days.first) };
    case 'decided_within_24_weeks':
      return { date: DECIDED, where: decidedWithin(days.final) };
  }
}

/**
 * Episodes that were ever on the kinship pathway (at the enquiry, or switched: a switch changes
 * pathway, so one that switched was on both) and have any kinship event, read once (one pass
 * over the episodes: the kinship columns have no index of their own, and kinship episodes are a
 * minority), each row then a GROUP BY of that small set.
 */
const KINSHIP_EPISODES = `WITH k AS MATERIALIZED (
  SELECT household_id, pathway, switched_on, switched_to, first_switched_on, viability_request, viability_outcome,
    viability_result, stage2, approval, closed_on, reg24_placement
  FROM episodes e
  WHERE (pathway = 'kinship' OR switched_on IS NOT NULL)
    AND (viability_request IS NOT NULL OR viability_outcome IS NOT NULL OR stage2 IS NOT NULL
      OR approval IS NOT NULL OR reg24_placement IS NOT NULL))`;

/** The row's events dated in [?, ?], on the scope's pathway at their date (one more `?`). */
function rowSql(s: ReportScope, r: { date: string; where: string }) {
  return `FROM k WHERE ${r.date} BETWEEN ? AND ?${pathwayAt(s, r.date).sql}${r.where}`;
}
const rowParams = (s: ReportScope, range: DateRange) => [range.from, range.to, ...pathwayAt(s, 'x').params];

/** Each row's events in the range by period code (`code`), in one statement over the kinship episodes. */
export function kinshipCounts(
  db: Db,
  s: ReportScope,
  rows: readonly KinshipRow[],
  days: { first: number; final: number },
  range: DateRange,
): Array<{ r: KinshipRow; code: number; n: number }> {
  return db
    .prepare<unknown[], { r: KinshipRow; code: number; n: number }>(
      `${KINSHIP_EPISODES} ${rows
        .map((key) => {
          const r = rowDefinition(key, days);
          return `SELECT '${key}' AS r, ${periodSql(r.date, s.quarterly)} AS code, COUNT(*) AS n ${rowSql(s, r)} GROUP BY 2`;
        })
        .join(' UNION ALL ')}`,
    )
    .all(...rows.flatMap(() => rowParams(s, range)));
}

/** The households behind one row's events in the range. */
export function kinshipHouseholds(
  s: ReportScope,
  row: KinshipRow,
  days: { first: number; final: number },
  range: DateRange,
): DrillQuery {
  return {
    sql: `${KINSHIP_EPISODES} SELECT household_id ${rowSql(s, rowDefinition(row, days))}`,
    params: rowParams(s, range),
  };
}
