import type { Db } from '../open.ts';
import { CHARACTERISTICS, type Characteristic } from '../../domain/characteristics.ts';
import type { Pathway } from '../../domain/stages.ts';
import { pathwayAtSql } from '../../domain/journey-sql.ts';
import { APPLICATION_RECEIVED, type HouseholdSet, type Range } from './ofsted.ts';

/**
 * Who came forward, by year: the people recorded on the households that enquired, applied
 * (application received) or were first approved in a year, by one characteristic. A
 * household with no person entered counts once as "not recorded"; a household whose
 * personal details were erased under the retention rule counts as "erased".
 *
 * Read from the episodes record: a household is on a pathway's cohort when it was on that
 * pathway at the date of its enquiry, application or approval (domain/journey-sql.ts
 * `pathwayAtSql`), so a later pathway switch never moves it out of a year already reported.
 */
export const COHORTS = ['enquirers', 'applicants', 'approved'] as const;
export type Cohort = (typeof COHORTS)[number];

/** The milestone column each cohort is dated by (a household is approved once). */
const COHORT_DATE: Record<Cohort, string> = {
  enquirers: 'enquiry',
  applicants: APPLICATION_RECEIVED,
  approved: 'approval',
};

/** The cohort's households in [?, ?], on the pathway (one more `?`) at that date, or on any. */
function cohortSql(cohort: Cohort, pathway: Pathway | null): string {
  const col = `e.${COHORT_DATE[cohort]}`;
  return `SELECT DISTINCT e.household_id FROM episodes e WHERE ${col} BETWEEN ? AND ?${
    pathway ? ` AND ${pathwayAtSql(col, 'e.')} = ?` : ''
  }`;
}

const column = (c: Characteristic): string => {
  if (!CHARACTERISTICS.includes(c)) throw new Error(`Unknown characteristic ${String(c)}`);
  return c;
};

/**
 * The value a person counts under: the category key, its ethnic group when `grouped`
 * (the key's prefix), `not_recorded`, or `erased`.
 */
function valueSql(c: Characteristic, grouped: boolean): string {
  const v = `p.${column(c)}`;
  const shown = grouped
    ? `CASE WHEN instr(${v}, '_') > 0 THEN substr(${v}, 1, instr(${v}, '_') - 1) ELSE ${v} END`
    : v;
  return `CASE WHEN h.purged_at IS NOT NULL THEN 'erased' WHEN ${v} IS NULL THEN 'not_recorded' ELSE ${shown} END`;
}

function peopleOf(cohort: Cohort, pathway: Pathway | null): string {
  return `FROM (${cohortSql(cohort, pathway)}) x
    JOIN households h ON h.id = x.household_id
    LEFT JOIN household_people p ON p.household_id = x.household_id`;
}

/** People of a cohort in a range by value, on one pathway or all. */
export function countCohortBy(
  db: Db,
  cohort: Cohort,
  r: Range,
  pathway: Pathway | null,
  c: Characteristic,
  grouped: boolean,
): Array<{ value: string; n: number }> {
  return db
    .prepare<unknown[], { value: string; n: number }>(
      `SELECT ${valueSql(c, grouped)} AS value, COUNT(*) AS n ${peopleOf(cohort, pathway)} GROUP BY 1`,
    )
    .all(r.from, r.to, ...(pathway ? [pathway] : []));
}

/** The households behind one cell (value as countCohortBy gives it; null = every one). */
export function cohortHouseholds(
  cohort: Cohort,
  r: Range,
  pathway: Pathway | null,
  c: Characteristic,
  grouped: boolean,
  value: string | null,
): HouseholdSet {
  const params: unknown[] = [r.from, r.to, ...(pathway ? [pathway] : [])];
  if (value === null) return { sql: `SELECT x.household_id ${peopleOf(cohort, pathway)}`, params };
  return {
    sql: `SELECT x.household_id ${peopleOf(cohort, pathway)} WHERE ${valueSql(c, grouped)} = ?`,
    params: [...params, value],
  };
}
