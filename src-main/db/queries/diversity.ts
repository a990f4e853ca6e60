import type { Db } from '../open.ts';
import { CHARACTERISTICS, type Characteristic } from '../../domain/characteristics.ts';
import type { Pathway } from '../../domain/stages.ts';
import { fyStartYearSql, pathwayAtSql } from '../journey-sql.ts';
import { APPLICATION_RECEIVED, type HouseholdSet, type Range } from './ofsted.ts';

/**
 * Who came forward, by year: the people recorded on the households that enquired, applied
 * (application received) or were first approved in a year, by one characteristic. A
 * household with no person entered counts once as "not recorded"; a household whose
 * personal details were erased under the retention rule counts as "erased".
 *
 * Read from the episodes record: a household is on a pathway's cohort when it was on that
 * pathway at the date of its enquiry, application or approval (db/journey-sql.ts
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

/** People counted alike: one cohort and year, erased or not, the same value of every characteristic. */
export interface PeopleCount {
  cohort: Cohort;
  /** Start year of the financial year: 2024 for 2024/25. */
  fyStart: number;
  erased: boolean;
  values: Record<Characteristic, string | null>;
  n: number;
}

/**
 * A cohort's episodes dated in [?, ?] (on the pathway at that date: one more `?`), one row per
 * household and financial year. Only a re-opened household has a later episode, so the check that
 * leaves out a second episode dated in the same year runs rarely, on the primary key.
 */
function cohortYearsSql(cohort: Cohort, pathway: Pathway | null): string {
  const col = `e.${COHORT_DATE[cohort]}`;
  const fy = fyStartYearSql(col);
  return `SELECT e.household_id, '${cohort}' AS cohort, ${fy} AS fy FROM episodes e
    WHERE ${col} BETWEEN ? AND ?${pathway ? ` AND ${pathwayAtSql(col, 'e.')} = ?` : ''}
      AND (e.episode = 1 OR NOT EXISTS (SELECT 1 FROM episodes o
        WHERE o.household_id = e.household_id AND o.episode < e.episode
          AND ${fyStartYearSql(`o.${COHORT_DATE[cohort]}`)} = ${fy}))`;
}

/**
 * Every cohort, year and characteristic of a range in one pass over the episodes (the table asks
 * once, not once per cohort, year and characteristic): people grouped by all their characteristics,
 * a household with nobody entered as one row of nulls. Erased households are those the purge
 * ledger names, looked up by reference (CROSS JOIN keeps the ledger outside: never a scan of households).
 */
export function peopleByCohortYear(db: Db, r: Range, pathway: Pathway | null): PeopleCount[] {
  const chars = CHARACTERISTICS.map((c) => `p.${column(c)}`).join(', ');
  const params = [r.from, r.to, ...(pathway ? [pathway] : [])];
  const rows = db
    .prepare<unknown[], Record<string, string | number | null>>(
      `SELECT x.cohort, x.fy,
         x.household_id IN (SELECT h.id FROM purge_ledger l CROSS JOIN households h ON h.reference = l.reference
                            WHERE h.purged_at IS NOT NULL) AS erased,
         ${chars}, COUNT(*) AS n
       FROM (${COHORTS.map((c) => cohortYearsSql(c, pathway)).join(' UNION ALL ')}) x
       LEFT JOIN household_people p ON p.household_id = x.household_id
       GROUP BY 1, 2, 3, ${CHARACTERISTICS.map((_, i) => i + 4).join(', ')}`,
    )
    .all(...params, ...params, ...params);
  return rows.map((row) => ({
    cohort: row.cohort as Cohort,
    fyStart: row.fy as number,
    erased: row.erased === 1,
    values: Object.fromEntries(
      CHARACTERISTICS.map((c) => [c, row[c] as string | null]),
    ) as PeopleCount['values'],
    n: row.n as number,
  }));
}

/** The value a person counts under in a view (the same rule as valueSql, for counts read once). */
export function valueOf(p: PeopleCount, c: Characteristic, grouped: boolean): string {
  if (p.erased) return 'erased';
  const v = p.values[c];
  if (v === null) return 'not_recorded';
  return grouped && v.includes('_') ? v.slice(0, v.indexOf('_')) : v;
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
