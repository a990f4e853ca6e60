/**
 * TEST REFERENCE ONLY: the diversity table as it was built before the speed work of issue 12
 * (main at b5751b9), kept word for word so that tests/integration/reports/diversity-reference.test.ts
 * can check the faster build gives the same figures. Not used by the app.
 */
import type { Db } from '../../../../src-main/db/open.ts';
import { CHARACTERISTICS, type Characteristic } from '../../../../src-main/domain/characteristics.ts';
import type { Pathway } from '../../../../src-main/domain/stages.ts';
import { fyStartYearSql, pathwayAtSql } from '../../../../src-main/db/journey-sql.ts';
import type { HouseholdSet, Range } from '../../../../src-main/db/queries/ofsted.ts';

/**
 * The old build counted applications from the Stage 1 start always (the app's default basis);
 * since migration 14 a kinship household's viability request stands as its application.
 */
/**
 * Application received, as migration 14 made it: the Stage 1 start, or for a kinship household
 * (kinship on the day of its viability request) the request, unless a Stage 1 start came before
 * it. Written out here in other words than db/journey-sql.ts, so the comparison checks that too.
 */
const received = (e: string) =>
  `(CASE WHEN ${e}.viability_request IS NOT NULL AND COALESCE(${e}.stage1 >= ${e}.viability_request, 1)
    AND (CASE WHEN ${e}.switched_on <= ${e}.viability_request THEN ${e}.switched_to ELSE ${e}.pathway END) = 'kinship'
    THEN ${e}.viability_request ELSE ${e}.stage1 END)`;

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

/** The date each cohort is dated by, of episodes row `e` (a household is approved once). */
const COHORT_DATE: Record<Cohort, (e: string) => string> = {
  enquirers: (e) => `${e}.enquiry`,
  applicants: received,
  approved: (e) => `${e}.approval`,
};

/** The cohort's households in [?, ?], on the pathway (one more `?`) at that date, or on any. */
function cohortSql(cohort: Cohort, pathway: Pathway | null): string {
  const col = COHORT_DATE[cohort]('e');
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
 * A cohort's episodes dated in [?, ?] (on the pathway at that date: one more `?`, and one more
 * for an earlier episode the same year, which counts it already only on that pathway), one row per
 * household and financial year. Only a re-opened household has a later episode, so the check that
 * leaves out a second episode dated in the same year runs rarely, on the primary key. `peopleOnly`:
 * only the households with anyone entered (a third of them at the bench's scale), read from the
 * people's household index and each one's episodes by key, not every episode of the range.
 */
function cohortYearsSql(cohort: Cohort, pathway: Pathway | null, peopleOnly = false): string {
  const col = COHORT_DATE[cohort]('e');
  const fy = fyStartYearSql(col);
  const from = peopleOnly
    ? 'FROM (SELECT DISTINCT household_id FROM household_people) hp CROSS JOIN episodes e ON e.household_id = hp.household_id'
    : 'FROM episodes e';
  return `SELECT e.household_id, '${cohort}' AS cohort, ${fy} AS fy ${from}
    WHERE ${col} BETWEEN ? AND ?${pathway ? ` AND ${pathwayAtSql(col, 'e.')} = ?` : ''}
      AND (e.episode = 1 OR NOT EXISTS (SELECT 1 FROM episodes o
        WHERE o.household_id = e.household_id AND o.episode < e.episode
          AND ${fyStartYearSql(COHORT_DATE[cohort]('o'))} = ${fy}${
            pathway ? ` AND ${pathwayAtSql(COHORT_DATE[cohort]('o'), 'o.')} = ?` : ''
          }))`;
}

/**
 * 1 when the household's details were erased: the households the purge ledger names, looked up
 * by reference (CROSS JOIN keeps the ledger outside: never a scan of households).
 */
const ERASED = `x.household_id IN (SELECT h.id FROM purge_ledger l CROSS JOIN households h ON h.reference = l.reference
  WHERE h.purged_at IS NOT NULL)`;

/**
 * Every cohort, year and characteristic of a range (the table asks once, not once per cohort, year
 * and characteristic): people grouped by all their characteristics, a household with nobody
 * entered as one row of nulls. Most households have nobody entered, so rather than join every
 * cohort episode to its people and sort them all, it counts the cohort's episodes (one pass over
 * the date indexes), then joins only the episodes of households with people, and counts the rest
 * as the households with nobody: the same rows, grouped the same way.
 */
export function peopleByCohortYear(db: Db, r: Range, pathway: Pathway | null): PeopleCount[] {
  const chars = CHARACTERISTICS.map((c) => `p.${column(c)}`).join(', ');
  // The pathway twice: the episode's, and an earlier one's the same year (counted already only on it).
  const params = [r.from, r.to, ...(pathway ? [pathway, pathway] : [])];
  const every = [...params, ...params, ...params];
  const episodes = db
    .prepare<unknown[], { cohort: Cohort; fy: number; erased: number; n: number }>(
      `SELECT x.cohort, x.fy, ${ERASED} AS erased, COUNT(*) AS n
       FROM (${COHORTS.map((c) => cohortYearsSql(c, pathway)).join(' UNION ALL ')}) x GROUP BY 1, 2, 3`,
    )
    .all(...every);
  // 'p' rows: people by every characteristic; 'h' rows: how many cohort episodes those households are.
  const withPeople = db
    .prepare<unknown[], Record<string, string | number | null>>(
      `WITH x AS MATERIALIZED (
         SELECT x.cohort, x.fy, x.household_id, ${ERASED} AS erased
         FROM (${COHORTS.map((c) => cohortYearsSql(c, pathway, true)).join(' UNION ALL ')}) x)
       SELECT 'p' AS k, x.cohort, x.fy, x.erased, ${chars}, COUNT(*) AS n
       FROM x CROSS JOIN household_people p ON p.household_id = x.household_id
       GROUP BY 2, 3, 4, ${CHARACTERISTICS.map((_, i) => i + 5).join(', ')}
       UNION ALL
       SELECT 'h', x.cohort, x.fy, x.erased, ${CHARACTERISTICS.map(() => 'NULL').join(', ')}, COUNT(*) FROM x GROUP BY 2, 3, 4`,
    )
    .all(...every);
  const counted = new Map<string, number>();
  const out: PeopleCount[] = [];
  const nobody = Object.fromEntries(CHARACTERISTICS.map((c) => [c, null])) as PeopleCount['values'];
  for (const row of withPeople) {
    const key = `${String(row.cohort)} ${String(row.fy)} ${String(row.erased)}`;
    if (row.k === 'h') {
      counted.set(key, row.n as number);
      continue;
    }
    out.push({
      cohort: row.cohort as Cohort,
      fyStart: row.fy as number,
      erased: row.erased === 1,
      values: Object.fromEntries(
        CHARACTERISTICS.map((c) => [c, row[c] as string | null]),
      ) as PeopleCount['values'],
      n: row.n as number,
    });
  }
  for (const e of episodes) {
    const n = e.n - (counted.get(`${e.cohort} ${e.fy} ${e.erased}`) ?? 0);
    if (n > 0)
      out.push({ cohort: e.cohort, fyStart: e.fy, erased: e.erased === 1, values: { ...nobody }, n });
  }
  return out;
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
