import type { ApplicationBasis } from '../domain/journey-dates.ts';
import { MILESTONES, OPEN_STAGES, type FunnelMilestone } from '../domain/stages.ts';

/**
 * SQL fragments that need the journey's stage order, generated from domain/stages.ts so the
 * order is written once. Column names are the milestone kinds (the episodes table's columns).
 */

/**
 * `('a', 'b', …)`: a constant list of the domain's keys as SQL string literals, for `col IN …`, each
 * quoted (a quote inside doubled), so the list is the domain's and never retyped in SQL.
 */
export function sqlStringList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('An SQL list needs one value at least');
  return `(${values.map(sqlString).join(', ')})`;
}

/** One constant of the domain as an SQL string literal, quoted as sqlStringList quotes each. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The start year of the financial year (1 April to 31 March) of an ISO date column: 2024 for 2024/25. */
export function fyStartYearSql(col: string): string {
  return `(CAST(substr(${col}, 1, 4) AS INTEGER) - (CAST(substr(${col}, 6, 2) AS INTEGER) < 4))`;
}

/** Sorts milestone kinds in the journey's order: `ORDER BY date, ${milestoneOrderSql('kind')}`. */
export function milestoneOrderSql(col: string): string {
  return `CASE ${col} ${MILESTONES.map((m, i) => `WHEN '${m}' THEN ${i}`).join(' ')} END`;
}

/** The furthest open stage an episode reached, from its milestone columns (approval excluded). */
export function stageReachedSql(prefix = ''): string {
  const whens = [...OPEN_STAGES]
    .reverse()
    .filter((s) => s !== 'enquiry')
    .map((s) => `WHEN ${prefix}${s} IS NOT NULL THEN '${s}'`)
    .join(' ');
  return `CASE ${whens} ELSE 'enquiry' END`;
}

/** This milestone and every later one, in order; the optional initial visit leads nowhere. */
const fromOn = (milestone: (typeof MILESTONES)[number]) =>
  MILESTONES.slice(MILESTONES.indexOf(milestone)).filter((m) => m !== 'initial_visit');

/**
 * A date when the episode has this milestone or any later one, NULL otherwise: `COUNT()` of it
 * counts the episodes that reached the stage (cheaper per row than summing `reachedSql`). Stage 1
 * is the Stage 1 start with the kinship rule (`funnelDateSql`): a kinship household's viability
 * request is its formal application, so it has reached Stage 1 (and so the EOI) as the funnel
 * and the drop-out table count it.
 */
export function reachedDateSql(milestone: (typeof MILESTONES)[number], prefix = ''): string {
  const later = fromOn(milestone);
  // SQLite's COALESCE wants two arguments at least: approval, the last stage, stands alone.
  const cols = later.map((m) =>
    m === 'stage1' ? applicationReceivedSql('stage1', prefix.replace(/\.$/, '')) : prefix + m,
  );
  return cols.length === 1 ? cols[0]! : `COALESCE(${cols.join(', ')})`;
}

/** `('eoi', 'stage1', …)`: this milestone and every later one, for `kind IN …` (the optional visit excluded). */
export function milestonesFromSql(milestone: (typeof MILESTONES)[number]): string {
  return sqlStringList(fromOn(milestone));
}

/** True when the episode has this milestone or any later one (cohort "reached"). */
export function reachedSql(milestone: (typeof MILESTONES)[number], prefix = ''): string {
  return `${reachedDateSql(milestone, prefix)} IS NOT NULL`;
}

/**
 * The pathway an episode's event dated `date` counts under (the episodes table's columns): the
 * pathway as at its enquiry, but the other one while it was switched, which is from its only
 * switch (`switched_on`) on, or, switched twice (`first_switched_on`, then `switched_on` back),
 * from the first switch to the day before the second. A switch always changes pathway (the
 * engine refuses one to the pathway already on) and an episode switches at most twice (it
 * refuses a third), so this is exact. Every report's pathway filter is this one rule, so a
 * switch dated today never moves an earlier event; its TypeScript twin is
 * domain/journey-dates.ts `pathwayOn` (a unit test holds the two equal).
 *
 * `date` appears once (a BETWEEN), so a caller may bind it as one `?`. An episode that never
 * switched (nearly all) is answered by its first test, before any date is compared.
 */
export function pathwayAtSql(date: string, prefix = ''): string {
  const p = prefix;
  const switchedFrom = `COALESCE(${p}first_switched_on, ${p}switched_on)`;
  const switchedUntil = `(CASE WHEN ${p}first_switched_on IS NULL THEN '9999-12-31' ELSE date(${p}switched_on, '-1 day') END)`;
  return `CASE WHEN ${p}switched_on IS NULL THEN ${p}pathway WHEN ${date} BETWEEN ${switchedFrom} AND ${switchedUntil} THEN (CASE ${p}pathway WHEN 'kinship' THEN 'mainstream' ELSE 'kinship' END) ELSE ${p}pathway END`;
}

/**
 * An episodes row's "application received" date as SQL: the one rule the Ofsted return, the
 * diversity table and the timescales table share, and the same rule as domain/journey-dates.ts
 * `applicationReceived` (a unit test holds the two to one table of cases).
 *
 * The Settings basis: the Stage 1 start by default (the statutory two-stage process starts
 * Stage 1 on receipt of the application), or the EOI where the EOI is the formal application, a
 * Stage 1 start standing in where no EOI is recorded. For a kinship household the viability
 * request stands as the formal application (domain brief), so it is the application when the
 * episode was kinship *on the day of the request* (`pathwayAtSql`, so a later switch never moves
 * a year already returned) and no earlier application had been received by the basis: an
 * application is received once, at the first of them. So a mainstream household with a Stage 1
 * start that later switches to kinship keeps its Stage 1 start; a kinship household that later
 * switches to mainstream keeps its viability request.
 *
 * `e` is the episodes row's alias ('' for none: migration 14's index holds this expression
 * unqualified, and SQLite reads that index only for a query whose expression is the same one).
 */
export function applicationReceivedSql(basis: ApplicationBasis, e: string): string {
  const p = e ? `${e}.` : '';
  let byBasis: string;
  if (basis === 'stage1') byBasis = `${p}stage1`;
  else if (basis === 'eoi') byBasis = `COALESCE(${p}eoi, ${p}stage1)`;
  else throw new Error(`Unknown application basis ${String(basis)}`);
  const v = `${p}viability_request`;
  return `(CASE WHEN ${v} IS NOT NULL AND (${pathwayAtSql(v, p)}) = 'kinship' AND (${byBasis} IS NULL OR ${v} <= ${byBasis}) THEN ${v} ELSE ${byBasis} END)`;
}

/**
 * The date a recruitment count of a milestone is dated by (SQL over an episodes row, no alias),
 * and the index that serves it: the milestone's own column, but for Stage 1 the Stage 1 start
 * with the kinship rule (application received on the Stage 1 basis, `applicationReceivedSql`):
 * Stage 1 begins when the formal application is received, and a kinship household's viability
 * request stands as its formal application (domain brief), counted once, on the pathway of its
 * day. The funnel and Home's year to date read it, as the Ofsted return's applications and the
 * drop-out table's Stage 1 do.
 */
export function funnelDateSql(kind: FunnelMilestone): { date: string; index: string } {
  return milestoneDateSql(kind);
}

/**
 * `funnelDateSql` for every milestone, the initial visit and panel too: each has its own index on
 * episodes (its date the first column), Stage 1 the application date's.
 */
export function milestoneDateSql(kind: (typeof MILESTONES)[number]): { date: string; index: string } {
  if (kind === 'stage1')
    return { date: applicationReceivedSql('stage1', ''), index: 'episodes_by_application' };
  return { date: kind, index: `episodes_by_${kind}` };
}
