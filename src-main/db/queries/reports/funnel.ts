import type { FunnelMilestone } from '../../../domain/stages.ts';
import type { Db } from '../../open.ts';
import { funnelDateSql } from '../../journey-sql.ts';
import { datedIn, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/**
 * Episodes with the milestone dated in the range on the pathway, through the milestone's own index
 * (the Stage 1 start, a kinship household's viability request among them: db/journey-sql.ts funnelDateSql).
 */
const dated = (s: ReportScope, kind: FunnelMilestone, range: DateRange) => {
  const { date, index } = funnelDateSql(kind);
  return datedIn(s, date, index, range);
};

/**
 * Each milestone's count in each period (`period` is the range's index), in one statement: a
 * COUNT per milestone and period over the milestone's own index, which is in date order.
 * Counted per period rather than grouped per day: a plain count spares SQLite an aggregate step
 * for each of the ~1,000,000 index entries a five-year table reads at 1,000,000 households.
 */
export function milestonesPerPeriod(
  db: Db,
  s: ReportScope,
  kinds: readonly FunnelMilestone[],
  ranges: readonly DateRange[],
): Array<{ kind: FunnelMilestone; period: number; n: number }> {
  const parts = kinds.flatMap((kind) =>
    ranges.map((range, period) => ({ kind, period, q: dated(s, kind, range) })),
  );
  return db
    .prepare<unknown[], { kind: FunnelMilestone; period: number; n: number }>(
      parts
        .map(
          ({ kind, period, q }) => `SELECT '${kind}' AS kind, ${period} AS period, COUNT(*) AS n ${q.from}`,
        )
        .join(' UNION ALL '),
    )
    .all(...parts.flatMap(({ q }) => q.params));
}

/** The households whose milestone is dated in the range, on the pathway at that date. */
export function milestoneHouseholds(s: ReportScope, kind: FunnelMilestone, range: DateRange): DrillQuery {
  const q = dated(s, kind, range);
  return { sql: `SELECT household_id ${q.from}`, params: q.params };
}
