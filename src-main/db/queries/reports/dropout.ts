import type { Db } from '../../open.ts';
import { heldInterviewSaid } from './held-interviews.ts';
import { datedIn, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/** The drop-out table's views: by reason (''), by who ended it, by exit interview. */
export type DropoutView = '' | 'ended_by' | 'exit_interviews';

/** The grouping expression of each view, over the episodes table; the SQL text is ours, never the user's. */
const VIEWS: Record<DropoutView, string> = {
  '': 'closed_reason',
  ended_by: 'ended_by',
  exit_interviews: "COALESCE(exit_interview, 'none')",
};

export const isDropoutView = (v: string): v is DropoutView => v in VIEWS;

export interface ClosureGroup {
  r: string;
  c: string;
  b: string;
  i: string;
  n: number;
}
const GROUP_COLUMNS = `${VIEWS['']} AS r, closed_stage AS c, ${VIEWS.ended_by} AS b, ${VIEWS.exit_interviews} AS i`;
const GROUP_BY = 'closed_reason, closed_stage, ended_by, exit_interview';

/** Episodes closed in the range on the pathway they were on at the closure. */
const closed = (s: ReportScope, range: DateRange) => datedIn(s, 'closed_on', 'episodes_by_closure', range);

/**
 * Closures in the range by reason (`r`), stage reached (`c`), who ended it (`b`) and exit
 * interview (`i`, 'none' when none recorded): one pass over the closure index in its own order
 * (no sort), a few hundred groups, which reports/dropout.ts folds into its three views.
 */
export function closureGroups(db: Db, s: ReportScope, range: DateRange): ClosureGroup[] {
  const c = closed(s, range);
  return db
    .prepare<unknown[], ClosureGroup>(`SELECT ${GROUP_COLUMNS}, COUNT(*) AS n ${c.from} GROUP BY ${GROUP_BY}`)
    .all(...c.params);
}

/**
 * The same by quarter (`q`, reports/period.ts's code: the financial year's start × 10 + the
 * quarter). The index leads with the reason, so a query per quarter would read all of it once for
 * each (~20 times the table's time over five years); this reads it once, grouped by day as well
 * (its next column, so still no sort), and only those groups (~116,000 over five years of the
 * bench's 1,000,000 households, against ~750,000 closures) are sorted into quarters.
 */
export function closureGroupsByQuarter(
  db: Db,
  s: ReportScope,
  range: DateRange,
): Array<ClosureGroup & { q: number }> {
  const c = closed(s, range);
  return db
    .prepare<unknown[], ClosureGroup & { q: number }>(
      `SELECT r, c, b, i, ${periodSql('d', true)} AS q, SUM(n) AS n
       FROM (SELECT ${GROUP_COLUMNS}, closed_on AS d, COUNT(*) AS n ${c.from} GROUP BY ${GROUP_BY}, closed_on)
       GROUP BY r, c, b, i, q`,
    )
    .all(...c.params);
}

/** The households closed in the range with the view's value `row` and the stage `stage` (null: any). */
export function closureHouseholds(
  s: ReportScope,
  range: DateRange,
  view: DropoutView,
  row: string | null,
  stage: string | null,
): DrillQuery {
  const c = closed(s, range);
  const where: string[] = [];
  const params: unknown[] = [...c.params];
  if (row !== null) {
    where.push(`${VIEWS[view]} = ?`);
    params.push(row);
  }
  if (stage !== null) {
    where.push('closed_stage = ?');
    params.push(stage);
  }
  const rest = `${c.from}${where.map((w) => ` AND ${w}`).join('')}`;
  return {
    sql: `SELECT household_id ${rest}`,
    params,
    events: { sql: `SELECT ${CLOSURE_EVENT} ${rest}`, params },
  };
}

/**
 * A closure as a drill's event (db/queries/drill.ts), over the episodes table: its date, the stage
 * reached, its reason's key, who ended it, and what its exit interview said if one was held.
 */
export const CLOSURE_EVENT = `household_id, 'closed' AS kind, closed_on AS date, closed_stage AS stage,
  closed_reason AS reason, ended_by, ${heldInterviewSaid('closure')}`;
