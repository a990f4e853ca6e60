import type { Db } from '../../open.ts';
import { datedIn, pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';
import { CESSATION_EVENT } from '../drill.ts';
import { heldInterviewSaid, heldInterviewsFrom, mightReturnColumn } from './held-interviews.ts';

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
  return withCessations({
    sql: `SELECT household_id ${c.sql}${reason === null ? '' : ' AND ceased_reason = ?'}`,
    params: [...c.params, range.from, range.to, ...(reason === null ? [] : [reason])],
  });
}

/**
 * A query of cessations (`SELECT household_id FROM episodes …`) with each one's date, reason and
 * what its exit interview said if one was held as its events.
 */
const withCessations = (q: DrillQuery): DrillQuery => ({
  ...q,
  events: {
    sql: q.sql.replace(
      /^SELECT household_id /,
      `SELECT ${CESSATION_EVENT}, ${heldInterviewSaid('cessation')} `,
    ),
    params: q.params,
  },
});

/** The exit interview after a cessation as the leaving table reads it ('none': none recorded). */
const INTERVIEW = "COALESCE(cessation_exit_interview, 'none')";

/**
 * Cessations dated in the range on the pathway at that date, read through the ceased episodes'
 * own index (migration 25: the cessation's date and its exit interview, covering the pathway).
 */
const ceasedIn = (s: ReportScope, range: DateRange) =>
  datedIn(s, 'ceased_on', 'episodes_by_cessation', range);

/** Cessations in the range by their exit interview (`i`, 'none' when none recorded) and period code. */
export function ceasedByInterview(
  db: Db,
  s: ReportScope,
  range: DateRange,
): Array<{ i: string; code: number; n: number }> {
  const c = ceasedIn(s, range);
  return db
    .prepare<unknown[], { i: string; code: number; n: number }>(
      `SELECT ${INTERVIEW} AS i, ${periodSql('ceased_on', s.quarterly)} AS code, COUNT(*) AS n ${c.from} GROUP BY 1, 2`,
    )
    .all(...c.params);
}

/**
 * The households that ceased in the range whose exit interview is `status` ('none': none recorded),
 * or whose held interview gave the leaving reason `reason`, or said they might return (`mightReturn`).
 */
export function ceasedInterviewHouseholds(
  s: ReportScope,
  range: DateRange,
  which: { status: string } | { reason: string } | { mightReturn: true },
): DrillQuery {
  if ('status' in which) {
    const c = ceasedIn(s, range);
    return withCessations({
      sql: `SELECT household_id ${c.from} AND ${INTERVIEW} = ?`,
      params: [...c.params, which.status],
    });
  }
  // What the held interview said: held-interviews.ts's, as the section counts it.
  const h = heldInterviewsFrom('cessation', s, range, 'reason' in which);
  if ('reason' in which)
    return withCessations({
      sql: `SELECT household_id ${h.from} AND json_each.value = ?`,
      params: [...h.params, which.reason],
    });
  return withCessations({
    sql: `SELECT household_id ${h.from} AND ${mightReturnColumn('cessation')} = 1`,
    params: h.params,
  });
}
