import type { Db } from '../../open.ts';
import { datedIn, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/** The milestones the recruitment table counts: each a column of the episodes table with its own index. */
export type FunnelMilestone = 'enquiry' | 'eoi' | 'stage1' | 'stage2' | 'approval';

/** Episodes with the milestone dated in the range on the pathway, through the milestone's own index. */
const dated = (s: ReportScope, kind: FunnelMilestone, range: DateRange) =>
  datedIn(s, kind, `episodes_by_${kind}`, range);

/**
 * Each milestone's count per day in the range, in one statement (each milestone's index is in
 * date order, so this streams); reports/funnel.ts folds the days into columns.
 */
export function milestonesPerDay(
  db: Db,
  s: ReportScope,
  kinds: readonly FunnelMilestone[],
  range: DateRange,
): Array<{ kind: FunnelMilestone; date: string; n: number }> {
  const parts = kinds.map((kind) => ({ kind, q: dated(s, kind, range) }));
  return db
    .prepare<unknown[], { kind: FunnelMilestone; date: string; n: number }>(
      parts
        .map(({ kind, q }) => `SELECT '${kind}' AS kind, ${kind} AS date, COUNT(*) AS n ${q.from} GROUP BY 2`)
        .join(' UNION ALL '),
    )
    .all(...parts.flatMap(({ q }) => q.params));
}

/** The households whose milestone is dated in the range, on the pathway at that date. */
export function milestoneHouseholds(s: ReportScope, kind: FunnelMilestone, range: DateRange): DrillQuery {
  const q = dated(s, kind, range);
  return { sql: `SELECT household_id ${q.from}`, params: q.params };
}
