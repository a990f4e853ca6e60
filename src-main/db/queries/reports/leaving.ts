import type { Db } from '../../open.ts';
import { datedIn, pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';
import { CESSATION_EVENT } from '../drill.ts';

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

/** A query of cessations (`SELECT household_id FROM episodes …`) with each one's date and reason as its events. */
const withCessations = (q: DrillQuery): DrillQuery => ({
  ...q,
  events: { sql: q.sql.replace(/^SELECT household_id /, `SELECT ${CESSATION_EVENT} `), params: q.params },
});

/** The exit interview after a cessation as the leaving table reads it ('none': none recorded). */
const INTERVIEW = "COALESCE(cessation_exit_interview, 'none')";

/** Only a held interview's reasons and answer count: what was said in an interview. */
const HELD = "cessation_exit_interview = 'held'";

/**
 * Cessations dated in the range on the pathway at that date, read through the ceased episodes'
 * own index (migration 25: the cessation's date and its exit interview, covering the pathway).
 */
const ceasedIn = (s: ReportScope, range: DateRange) =>
  datedIn(s, 'ceased_on', 'episodes_by_cessation', range);

/** The same, each row once per reason its held interview gave (the reasons are the row's own JSON array). */
function reasonsGivenIn(s: ReportScope, range: DateRange) {
  const p = pathwayAt(s, 'ceased_on');
  return {
    from: `FROM episodes INDEXED BY episodes_by_cessation, json_each(cessation_exit_reasons)
      WHERE ceased_on BETWEEN ? AND ?${p.sql} AND ${HELD}`,
    params: [range.from, range.to, ...p.params],
  };
}

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
 * What carers said in the held exit interviews after the cessations in the range, by period code:
 * each leaving reason given (`reasons`, `r` a key; an interview may give several) and those who
 * said they might return later (`mightReturn`). The reasons are the episode's own JSON array (json_each reads the
 * row's value, no table).
 */
export function heldInterviewAnswers(
  db: Db,
  s: ReportScope,
  range: DateRange,
): {
  reasons: Array<{ r: string; code: number; n: number }>;
  mightReturn: Array<{ code: number; n: number }>;
} {
  const c = ceasedIn(s, range);
  const code = periodSql('ceased_on', s.quarterly);
  const given = reasonsGivenIn(s, range);
  const reasons = db
    .prepare<unknown[], { r: string; code: number; n: number }>(
      `SELECT json_each.value AS r, ${code} AS code, COUNT(*) AS n ${given.from} GROUP BY 1, 2`,
    )
    .all(...given.params);
  const mightReturn = db
    .prepare<unknown[], { code: number; n: number }>(
      `SELECT ${code} AS code, COUNT(*) AS n ${c.from} AND ${HELD} AND cessation_might_return = 1 GROUP BY 1`,
    )
    .all(...c.params);
  return { reasons, mightReturn };
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
  const c = ceasedIn(s, range);
  if ('status' in which)
    return withCessations({
      sql: `SELECT household_id ${c.from} AND ${INTERVIEW} = ?`,
      params: [...c.params, which.status],
    });
  if ('reason' in which) {
    const given = reasonsGivenIn(s, range);
    return withCessations({
      sql: `SELECT household_id ${given.from} AND json_each.value = ?`,
      params: [...given.params, which.reason],
    });
  }
  return withCessations({
    sql: `SELECT household_id ${c.from} AND ${HELD} AND cessation_might_return = 1`,
    params: c.params,
  });
}
