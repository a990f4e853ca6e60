import type { Db } from '../../open.ts';
import { CESSATION_EVENT } from '../drill.ts';
import { heldInterviewSaid } from './held-interviews.ts';
import { pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/** Period codes for a date before the range, and for no date or one after it. */
export const BEFORE_RANGE = 0;
export const AFTER_RANGE = 99_999_999;

/**
 * The approved episodes (a household is approved at most once: an approved household cannot be
 * closed, so cannot enquire again), with the cessation that ended each. A carer household counts
 * on the pathway it was on at its approval, in every row: were a later switch to move it, the
 * start + approved − ceased = end identity would break in the period of the switch.
 */
function approvedHouseholds(s: ReportScope) {
  const p = pathwayAt(s, 'approval');
  return {
    sql: `SELECT household_id AS hid, approval AS approved_on, ceased_on
      FROM episodes INDEXED BY episodes_by_approval WHERE approval IS NOT NULL${p.sql}`,
    params: p.params,
  };
}

/**
 * Approved households by the period code of their approval (`ac`) and of their cessation (`sc`),
 * clamped to BEFORE_RANGE / AFTER_RANGE outside the range: one grouped pass.
 */
export function approvalCessationCells(
  db: Db,
  s: ReportScope,
  range: DateRange,
): Array<{ ac: number; sc: number; n: number }> {
  const a = approvedHouseholds(s);
  const code = (col: string) =>
    `CASE WHEN ${col} IS NULL OR ${col} > ? THEN ${AFTER_RANGE} WHEN ${col} < ? THEN ${BEFORE_RANGE} ELSE ${periodSql(col, s.quarterly)} END`;
  return db
    .prepare<unknown[], { ac: number; sc: number; n: number }>(
      `SELECT ${code('approved_on')} AS ac, ${code('ceased_on')} AS sc, COUNT(*) AS n FROM (${a.sql}) GROUP BY 1, 2`,
    )
    .all(range.to, range.from, range.to, range.from, ...a.params);
}

export type RetentionRow = 'households_start' | 'approved' | 'ceased' | 'households_end';

/** The households behind one retention row in one period. */
export function retentionHouseholds(s: ReportScope, row: RetentionRow, col: DateRange): DrillQuery {
  const a = approvedHouseholds(s);
  const where: Record<RetentionRow, [string, unknown[]]> = {
    households_start: ['approved_on < ? AND (ceased_on IS NULL OR ceased_on >= ?)', [col.from, col.from]],
    approved: ['approved_on BETWEEN ? AND ?', [col.from, col.to]],
    ceased: ['ceased_on BETWEEN ? AND ? AND approved_on <= ?', [col.from, col.to, col.to]],
    households_end: ['approved_on <= ? AND (ceased_on IS NULL OR ceased_on > ?)', [col.to, col.to]],
  };
  const w = where[row];
  const q = { sql: `SELECT hid FROM (${a.sql}) WHERE ${w[0]}`, params: [...a.params, ...w[1]] };
  if (row !== 'ceased') return q;
  // The ceased row counts endings: each placement's cessation, its date and reason, and what its
  // exit interview said if one was held (as the leaving table's lists), as the list's events.
  const p = pathwayAt(s, 'approval');
  return {
    ...q,
    events: {
      sql: `SELECT ${CESSATION_EVENT}, ${heldInterviewSaid('cessation')} FROM episodes INDEXED BY episodes_by_approval
        WHERE approval IS NOT NULL${p.sql} AND ceased_on BETWEEN ? AND ? AND approval <= ?`,
      params: [...p.params, ...w[1]],
    },
  };
}
