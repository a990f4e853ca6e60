import type { ApplicationBasis } from '../../../domain/journey-dates.ts';
import type { Milestone } from '../../../domain/stages.ts';
import { applicationReceivedSql } from '../../journey-sql.ts';
import type { Db } from '../../open.ts';
import { pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/**
 * An interval between two dates of one episode, counted in the period of the later one: two
 * milestones, or all Stage 1 information obtained to the closure (the Stage 1 decision).
 */
export interface Interval {
  key: string;
  from: Milestone | 'stage1_information';
  to: Milestone | 'closed_on';
  /** The covering index it reads, `episodes_by_<index>` (else the later milestone's own). */
  index?: string;
  /** Which episodes with both dates it measures (literal SQL from our own code). */
  where?: string;
  /** The start is application received on this basis (db/journey-sql.ts), not the `from` column alone. */
  application?: ApplicationBasis;
  /**
   * Which of them to count apart (`flag`): those whose `to` is more than 8 calendar months after
   * `from` (application to panel), or those measured from the panel date for want of the panel
   * minutes' by the decision (`minutes`: the interval starts at the minutes, else the panel).
   */
  flag?: 'over8Months' | 'noMinutes';
  /** The interval starts when the panel's final minutes were received, by its end; else at the panel (`from`). */
  minutes?: boolean;
}

/**
 * The panel minutes were received by the interval's end (the decision): minutes dated after it
 * were not what it was made on (and recorded later, must not change a year already reported).
 */
const minutesByThen = (i: Interval) => `panel_minutes <= ${i.to}`;

const fromOf = (i: Interval) =>
  i.application
    ? applicationReceivedSql(i.application, 'episodes')
    : i.minutes
      ? `(CASE WHEN ${minutesByThen(i)} THEN panel_minutes ELSE ${i.from} END)`
      : i.from;

const monthIndex = (col: string) =>
  `(CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER))`;
const dayOf = (col: string) => `CAST(substr(${col}, 9, 2) AS INTEGER)`;

/**
 * The interval's flag: its `to` dated later than 8 calendar months after its `from` (more than 8
 * months apart, or exactly 8 months with a later day of the month, as domain/dates.addMonths
 * clamps 31st to month end); or measured from the panel date, no minutes date being recorded.
 */
const flagged = (i: Interval) => {
  if (i.flag === 'noMinutes') return `(panel_minutes IS NULL OR NOT ${minutesByThen(i)})`;
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
    sql: `FROM episodes INDEXED BY episodes_by_${i.index ?? i.to}
      WHERE ${i.to} BETWEEN ? AND ? AND ${fromOf(i)} IS NOT NULL${i.where ? ` AND ${i.where}` : ''}${p.sql}`,
    params: [range.from, range.to, ...p.params],
  };
}

/**
 * Every interval's days as histograms in one statement, each from its later milestone's index:
 * `k` the interval, `c` the period code of its end, `v` days, `f` 1 when flagged (Interval.flag).
 * An interval between two columns whose index holds them first, in that order (`pairedIn`), first
 * counts its episodes by the two dates as the index gives them, already in order (no sort), and
 * only those pairs (at 1,000,000 households ~22,000 for the ~310,000 initial visits) are turned
 * into periods and days and sorted to be counted again: the date arithmetic and the sort by days
 * of every episode were most of the table's time.
 */
export function intervalHistograms(
  db: Db,
  s: ReportScope,
  intervals: readonly Interval[],
  range: DateRange,
): Array<{ k: string; c: number; v: number; f: number; n: number }> {
  const parts = intervals.map((i) => ({ i, q: pairs(s, i, range) }));
  const histogram = (i: Interval, to: string, from: string, flag: string, n: string, rows: string) =>
    `SELECT '${i.key}' AS k, ${periodSql(to, s.quarterly)} AS c,
       CAST(julianday(${to}) - julianday(${from}) AS INTEGER) AS v, ${flag} AS f, ${n} AS n
     ${rows} GROUP BY 2, 3, 4`;
  return db
    .prepare<unknown[], { k: string; c: number; v: number; f: number; n: number }>(
      parts
        .map(({ i, q }) =>
          pairedIn(i)
            ? histogram(
                i,
                'd_to',
                'd_from',
                '0',
                'SUM(d_n)',
                `FROM (SELECT ${i.to} AS d_to, ${i.from} AS d_from, COUNT(*) AS d_n ${q.sql} GROUP BY 1, 2)`,
              )
            : histogram(i, i.to, fromOf(i), i.flag ? flagged(i) : '0', 'COUNT(*)', q.sql),
        )
        .join(' UNION ALL '),
    )
    .all(...parts.flatMap(({ q }) => q.params));
}

/**
 * An interval from one column to another, unflagged: its index leads with its two dates, `to`
 * then `from` (each plain interval's does; the query-plan test holds that its episodes are read
 * with no sort), so they can be counted by the two dates in the index's order.
 */
const pairedIn = (i: Interval) => !i.application && !i.minutes && !i.flag;

/** The households measured for an interval ending in the range (only those flagged when `only`). */
export function intervalHouseholds(s: ReportScope, i: Interval, range: DateRange, only: boolean): DrillQuery {
  const p = pairs(s, i, range);
  return { sql: `SELECT household_id ${p.sql}${only ? ` AND ${flagged(i)}` : ''}`, params: p.params };
}
