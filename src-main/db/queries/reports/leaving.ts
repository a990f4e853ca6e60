import type { Db } from '../../open.ts';
import { pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/**
 * Approved households that ceased: a household counts in the period of its deregistration date,
 * on the pathway it was on at that date. The cessation is on its approved episode, so this reads
 * the approved episodes only (a few per hundred); the SQL takes the period's two dates last.
 */
function ceased(s: ReportScope) {
  const p = pathwayAt(s, 'ceased_on');
  return {
    sql: `FROM episodes INDEXED BY episodes_by_approval WHERE approval IS NOT NULL${p.sql} AND ceased_on BETWEEN ? AND ?`,
    params: p.params,
  };
}

/** Cessations dated in the range on the pathway: the leaving table's total, for the funnel's net change. */
export function countCeased(db: Db, s: ReportScope, range: DateRange): number {
  const c = ceased(s);
  return db
    .prepare(`SELECT COUNT(*) ${c.sql}`)
    .pluck()
    .get(...c.params, range.from, range.to) as number;
}

/** Cessations in the range by reason (`r`) and period code. */
export function ceasedByReason(
  db: Db,
  s: ReportScope,
  range: DateRange,
): Array<{ r: string; code: number; n: number }> {
  const c = ceased(s);
  return db
    .prepare<unknown[], { r: string; code: number; n: number }>(
      `SELECT ceased_reason AS r, ${periodSql('ceased_on', s.quarterly)} AS code, COUNT(*) AS n ${c.sql} GROUP BY 1, 2`,
    )
    .all(...c.params, range.from, range.to);
}

/** The households that ceased in the range, for one reason (null: any). */
export function ceasedHouseholds(s: ReportScope, range: DateRange, reason: string | null): DrillQuery {
  const c = ceased(s);
  return {
    sql: `SELECT household_id ${c.sql}${reason === null ? '' : ' AND ceased_reason = ?'}`,
    params: [...c.params, range.from, range.to, ...(reason === null ? [] : [reason])],
  };
}
