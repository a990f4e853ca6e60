import type { Milestone } from '../../../domain/stages.ts';
import type { Db } from '../../open.ts';
import { funnelDateSql, reachedDateSql, reachedSql } from '../../journey-sql.ts';
import { pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/**
 * Cohort conversion over the episodes table: every episode whose enquiry is dated in the period
 * is a cohort member, on the pathway it was on at that enquiry; it "reached" a stage when it has
 * that milestone or any later one (db/journey-sql.ts `reachedSql`), so counts can only fall.
 */
export type CohortStage = Exclude<Milestone, 'enquiry' | 'initial_visit'>;

/** The cohort's episodes on the pathway, read through `index`; the SQL takes the period's two dates, then the pathway. */
function members(s: ReportScope, index: string) {
  const p = pathwayAt(s, 'enquiry');
  return {
    from: `FROM episodes INDEXED BY ${index} WHERE enquiry BETWEEN ? AND ?${p.sql}`,
    params: (from: string, to: string) => [from, to, ...p.params],
  };
}

/** Per enquiry day: the cohort's size, how many reached each stage, and how many are still open. */
export type CohortDay = { d: string; households: number; open: number } & Record<CohortStage, number>;

/** Cohort sizes, reached and still-open counts per enquiry day: one pass over the enquiry index. */
export function cohortPerDay(
  db: Db,
  s: ReportScope,
  stages: readonly CohortStage[],
  range: DateRange,
): CohortDay[] {
  const all = members(s, 'episodes_by_enquiry');
  return db
    .prepare<unknown[], CohortDay>(
      `SELECT enquiry AS d, COUNT(*) AS households,
         ${stages.map((m) => `COUNT(${reachedDateSql(m)}) AS ${m}`).join(', ')},
         COUNT(*) - COUNT(COALESCE(approval, closed_on)) AS open
       ${all.from} GROUP BY enquiry`,
    )
    .all(...all.params(range.from, range.to));
}

/**
 * Days from enquiry to each stage's own milestone, as histograms by period code of the enquiry
 * (`s` the stage, `c` the period code, `v` days, `n` episodes; Stage 1's a row per episode, `n`
 * 1): each stage from its own partial index (only the episodes that reached it).
 */
export function cohortDays(
  db: Db,
  s: ReportScope,
  stages: readonly CohortStage[],
  range: DateRange,
): Array<{ s: CohortStage; c: number; v: number; n: number }> {
  // Stage 1 from the Stage 1 start with the kinship rule (db/journey-sql.ts funnelDateSql), read
  // from the enquiry index, which holds its columns (the application index does not hold the
  // enquiry): a row per episode, not grouped, as grouping would sort every one read in it.
  const hist = stages.map((m) =>
    m === 'stage1'
      ? { m, date: funnelDateSql('stage1').date, q: members(s, 'episodes_by_enquiry'), grouped: false }
      : { m, date: m, q: members(s, `episodes_by_${m}`), grouped: true },
  );
  return db
    .prepare<unknown[], { s: CohortStage; c: number; v: number; n: number }>(
      hist
        .map(
          ({ m, date, q, grouped }) =>
            `SELECT '${m}' AS s, ${periodSql('enquiry', s.quarterly)} AS c,
               CAST(julianday(${date}) - julianday(enquiry) AS INTEGER) AS v, ${grouped ? 'COUNT(*)' : '1'} AS n
             ${q.from} AND ${date} IS NOT NULL${grouped ? ' GROUP BY 2, 3' : ''}`,
        )
        .join(' UNION ALL '),
    )
    .all(...hist.flatMap(({ q }) => q.params(range.from, range.to)));
}

/** Who a cohort drill selects: every member, those that reached a stage, those still open, those closed. */
export type CohortMembers = 'all' | 'open' | 'closed' | CohortStage;

/**
 * Neither approved nor closed: earlier episodes always ended, so only a current one can be open.
 * (The per-day pass counts it as COUNT(*) − COUNT(COALESCE(approval, closed_on)), the same rows.)
 */
const OPEN = 'approval IS NULL AND closed_on IS NULL';
const CLOSED = 'approval IS NULL AND closed_on IS NOT NULL';

/** The households of the cohort enquiring in the range that `which` selects. */
export function cohortHouseholds(s: ReportScope, which: CohortMembers, range: DateRange): DrillQuery {
  const predicate =
    which === 'all' ? '1' : which === 'open' ? OPEN : which === 'closed' ? CLOSED : reachedSql(which);
  const q = members(s, 'episodes_by_enquiry');
  return { sql: `SELECT household_id ${q.from} AND ${predicate}`, params: q.params(range.from, range.to) };
}
