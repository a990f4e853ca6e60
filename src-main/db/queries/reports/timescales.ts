import type { ApplicationBasis } from '../../../domain/journey-dates.ts';
import type { Milestone } from '../../../domain/stages.ts';
import { applicationReceivedSql } from '../../journey-sql.ts';
import type { Db } from '../../open.ts';
import { pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/** An interval between two milestones of one episode, counted in the period of the later one. */
export interface Interval {
  key: string;
  from: Milestone;
  to: Milestone;
  /** The start is application received on this basis (db/journey-sql.ts), not the `from` column alone. */
  application?: ApplicationBasis;
  /** Also count those whose `to` is more than 8 calendar months after `from` (application to panel). */
  over8Months?: boolean;
}

const fromOf = (i: Interval) => (i.application ? applicationReceivedSql(i.application, 'episodes') : i.from);

const monthIndex = (col: string) =>
  `(CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER))`;
const dayOf = (col: string) => `CAST(substr(${col}, 9, 2) AS INTEGER)`;

/**
 * The interval's `to` dated later than 8 calendar months after its `from`: more than 8 months
 * apart, or exactly 8 months with a later day of the month (as domain/dates.addMonths clamps
 * 31st to month end).
 */
const over8Months = (i: Interval) => {
  const from = fromOf(i);
  const apart = `(${monthIndex(i.to)} - ${monthIndex(from)})`;
  return `(${apart} > 8 OR (${apart} = 8 AND ${dayOf(i.to)} > ${dayOf(from)}))`;
};

/**
 * Episodes whose later milestone is dated in the range and that have the earlier one, on the
 * pathway they were on at the later date: the later milestone's own index, which carries the
 * earlier dates it is paired with.
 */
function pairs(s: ReportScope, i: Interval, range: DateRange) {
  const p = pathwayAt(s, i.to);
  return {
    sql: `FROM episodes INDEXED BY episodes_by_${i.to}
      WHERE ${i.to} BETWEEN ? AND ? AND ${fromOf(i)} IS NOT NULL${p.sql}`,
    params: [range.from, range.to, ...p.params],
  };
}

/**
 * Every interval's days as histograms in one statement, each from its later milestone's index:
 * `k` the interval, `c` the period code of its end, `v` days, `o8` 1 when over 8 months.
 */
export function intervalHistograms(
  db: Db,
  s: ReportScope,
  intervals: readonly Interval[],
  range: DateRange,
): Array<{ k: string; c: number; v: number; o8: number; n: number }> {
  const parts = intervals.map((i) => ({ i, q: pairs(s, i, range) }));
  return db
    .prepare<unknown[], { k: string; c: number; v: number; o8: number; n: number }>(
      parts
        .map(
          ({ i, q }) =>
            `SELECT '${i.key}' AS k, ${periodSql(i.to, s.quarterly)} AS c,
               CAST(julianday(${i.to}) - julianday(${fromOf(i)}) AS INTEGER) AS v,
               ${i.over8Months ? over8Months(i) : '0'} AS o8, COUNT(*) AS n ${q.sql} GROUP BY 2, 3, 4`,
        )
        .join(' UNION ALL '),
    )
    .all(...parts.flatMap(({ q }) => q.params));
}

/** The households measured for an interval ending in the range (only those over 8 months when `over`). */
export function intervalHouseholds(s: ReportScope, i: Interval, range: DateRange, over: boolean): DrillQuery {
  const p = pairs(s, i, range);
  return { sql: `SELECT household_id ${p.sql}${over ? ` AND ${over8Months(i)}` : ''}`, params: p.params };
}
