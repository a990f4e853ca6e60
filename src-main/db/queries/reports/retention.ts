import type { Db } from '../../open.ts';
import { CESSATION_EVENT } from '../drill.ts';
import { heldInterviewSaid } from './held-interviews.ts';
import { addDays } from '../../../domain/dates.ts';
import { pathwayAtSql } from '../../journey-sql.ts';
import { pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/** Period codes for a date before the range, and for no date or one after it. */
export const BEFORE_RANGE = 0;
export const AFTER_RANGE = 99_999_999;

/**
 * The approved episodes (a household is approved at most once: an approved household cannot be
 * closed, so cannot enquire again), with the cessation that ended each, on every pathway: each
 * row of the table counts a household on the pathway it was on at that row's date (its approval,
 * its cessation, the day before the period begins or its last day), as every other table does
 * (`pathwayAt`).
 * A carer household that changes pathway while approved moves between the two pathways' stocks,
 * and the moves are counted (`pathwayMoves`), so start + approved + moved in − moved out − ceased
 * = end holds on each pathway, and the ceased row is the leaving table's total.
 */
const APPROVED = `SELECT household_id AS hid, approval AS approved_on, ceased_on, pathway, switched_on,
  first_switched_on FROM episodes INDEXED BY episodes_by_approval WHERE approval IS NOT NULL`;

/** SQL (1 or 0) for whether the approved episode was on the scope's pathway on `date`. */
function onPathway(s: ReportScope, date: string): { sql: string; params: string[] } {
  if (s.pathway === 'all') return { sql: '1', params: [] };
  return { sql: `((${pathwayAtSql(date)}) = ?)`, params: [s.pathway] };
}

/** One group of approved episodes: see `approvalCessationCells`. */
export interface ApprovedCell {
  /** Period code of the approval, and of the cessation, clamped to BEFORE_RANGE / AFTER_RANGE. */
  ac: number;
  sc: number;
  /** Period codes of the first and the last switch (0 / AFTER_RANGE clamped; AFTER_RANGE if none). */
  fc: number;
  wc: number;
  /** Switched twice (first, then back), so on the other pathway only from fc until before wc. */
  twice: number;
  /** On the scope's pathway at its enquiry, at its approval, and at its cessation (1 or 0). */
  base: number;
  atApproval: number;
  atCessation: number;
  n: number;
}

/**
 * Approved households grouped by the period codes of their approval, cessation and switches and
 * whether each of those found them on the scope's pathway: one grouped pass, from which the table
 * reads every row (a household's pathway at a period's end follows from its switches' periods,
 * `onPathwayBy`). With every pathway, the switch and pathway columns are constants.
 */
export function approvalCessationCells(db: Db, s: ReportScope, range: DateRange): ApprovedCell[] {
  const code = (col: string) =>
    `CASE WHEN ${col} IS NULL OR ${col} > ? THEN ${AFTER_RANGE} WHEN ${col} < ? THEN ${BEFORE_RANGE} ELSE ${periodSql(col, s.quarterly)} END`;
  const all = s.pathway === 'all';
  const atApproval = onPathway(s, 'approved_on');
  const atCessation = onPathway(s, 'ceased_on');
  const switches = all
    ? { sql: `${AFTER_RANGE} AS fc, ${AFTER_RANGE} AS wc, 0 AS twice, 1 AS base`, params: [] }
    : {
        sql: `${code('first_switched_on')} AS fc, ${code('switched_on')} AS wc,
          first_switched_on IS NOT NULL AS twice, pathway = ? AS base`,
        params: [range.to, range.from, range.to, range.from, s.pathway],
      };
  return db
    .prepare<unknown[], ApprovedCell>(
      `SELECT ${code('approved_on')} AS ac, ${code('ceased_on')} AS sc, ${switches.sql},
        ${atApproval.sql} AS atApproval, ${atCessation.sql} AS atCessation, COUNT(*) AS n
       FROM (${APPROVED}) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
    )
    .all(
      range.to,
      range.from,
      range.to,
      range.from,
      ...switches.params,
      ...atApproval.params,
      ...atCessation.params,
    );
}

/**
 * Whether a group was on the scope's pathway on a period's last day, or the day before it began,
 * given which of its switch codes fall by then (`by(code)`: code ≤ the period's, or < it):
 * `pathwayAtSql`'s rule read from the switches' periods, exact because periods do not overlap.
 */
export function onPathwayBy(x: ApprovedCell, by: (code: number) => boolean): boolean {
  const switched = x.twice ? by(x.fc) && !by(x.wc) : by(x.wc);
  return switched ? !x.base : !!x.base;
}

/** The dates an episode switched pathway: its first switch if it switched twice, and its last. */
const SWITCHES = ['first_switched_on', 'switched_on'] as const;

/**
 * A switch dated after the approval and on or before the cessation, if any, moves a carer
 * household; a switch and a switch back on the same day (undoing a mistake) moves no one.
 */
const MOVED_WHILE_APPROVED = (col: string) =>
  `approved_on < ${col} AND (ceased_on IS NULL OR ceased_on >= ${col})
   AND (first_switched_on IS NULL OR first_switched_on <> switched_on)`;

/**
 * Carer households that changed pathway while approved, by the period code of the switch and its
 * direction (`inward`: 1 onto the scope's pathway, 0 off it; `MOVED_WHILE_APPROVED`). None with
 * every pathway.
 */
export function pathwayMoves(
  db: Db,
  s: ReportScope,
  range: DateRange,
): Array<{ code: number; inward: number; n: number }> {
  if (s.pathway === 'all') return [];
  const moves = SWITCHES.map((col) => {
    const into = onPathway(s, col);
    return {
      sql: `SELECT ${periodSql(col, s.quarterly)} AS code, ${into.sql} AS inward FROM (${APPROVED})
        WHERE ${col} BETWEEN ? AND ? AND ${MOVED_WHILE_APPROVED(col)}`,
      params: [...into.params, range.from, range.to],
    };
  });
  return db
    .prepare<unknown[], { code: number; inward: number; n: number }>(
      `SELECT code, inward, COUNT(*) AS n FROM (${moves.map((m) => m.sql).join(' UNION ALL ')}) GROUP BY 1, 2`,
    )
    .all(...moves.flatMap((m) => m.params));
}

export type RetentionRow =
  'households_start' | 'approved' | 'moved_in' | 'moved_out' | 'ceased' | 'households_end';

/** The households behind one retention row in one period. */
export function retentionHouseholds(s: ReportScope, row: RetentionRow, col: DateRange): DrillQuery {
  const dayBefore = addDays(col.from, -1);
  // `bound`: the date's value when it is a `?` (none is bound when every pathway counts).
  const on = (date: string, bound: string[] = []) => {
    const o = onPathway(s, date);
    return { sql: o.sql, params: s.pathway === 'all' ? [] : [...bound, ...o.params] };
  };
  if (row === 'moved_in' || row === 'moved_out') {
    const parts = SWITCHES.map((c) => {
      const o = on(c);
      return {
        sql: `SELECT hid FROM (${APPROVED}) WHERE ${c} BETWEEN ? AND ? AND ${MOVED_WHILE_APPROVED(c)}
          AND ${o.sql} = ?`,
        params: [col.from, col.to, ...o.params, row === 'moved_in' ? 1 : 0],
      };
    });
    return { sql: parts.map((p) => p.sql).join(' UNION ALL '), params: parts.flatMap((p) => p.params) };
  }
  const where: Record<typeof row, [string, unknown[]]> = {
    households_start: ['approved_on < ? AND (ceased_on IS NULL OR ceased_on >= ?)', [col.from, col.from]],
    approved: ['approved_on BETWEEN ? AND ?', [col.from, col.to]],
    ceased: ['ceased_on BETWEEN ? AND ? AND approved_on <= ?', [col.from, col.to, col.to]],
    households_end: ['approved_on <= ? AND (ceased_on IS NULL OR ceased_on > ?)', [col.to, col.to]],
  };
  const at = {
    households_start: on('?', [dayBefore]),
    approved: on('approved_on'),
    ceased: on('ceased_on'),
    households_end: on('?', [col.to]),
  }[row];
  const w = where[row];
  const q = {
    sql: `SELECT hid FROM (${APPROVED}) WHERE ${w[0]} AND ${at.sql}`,
    params: [...w[1], ...at.params],
  };
  if (row !== 'ceased') return q;
  // The ceased row counts endings: each placement's cessation, its date and reason, and what its
  // exit interview said if one was held (as the leaving table's lists), as the list's events.
  const p = pathwayAt(s, 'ceased_on');
  return {
    ...q,
    events: {
      sql: `SELECT ${CESSATION_EVENT}, ${heldInterviewSaid('cessation')} FROM episodes INDEXED BY episodes_by_approval
        WHERE approval IS NOT NULL${p.sql} AND ceased_on BETWEEN ? AND ? AND approval <= ?`,
      params: [...p.params, ...w[1]],
    },
  };
}
