import { PROFILE_ORDER as MIGRATION_PROFILE_ORDER } from '../migrations/0010-people-profiles.ts';
import type { Db } from '../open.ts';
import { CHARACTERISTICS, type Characteristic } from '../../domain/characteristics.ts';
import { fyOf, fyStartYear } from '../../domain/financial-year.ts';
import type { Pathway } from '../../domain/stages.ts';
import { applicationReceivedSql, fyStartYearSql, pathwayAtSql } from '../journey-sql.ts';
import type { ApplicationBasis } from '../../domain/journey-dates.ts';
import type { HouseholdSet, Range } from './ofsted.ts';
import { ERASED_HOUSEHOLD_IDS } from './erased-households.ts';

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

/**
 * The date each cohort is dated by, as SQL over the episodes row `e` (a household is approved
 * once): applicants by application received, as Settings say (db/journey-sql.ts).
 */
const cohortDate = (cohort: Cohort, basis: ApplicationBasis, e = 'e'): string =>
  cohort === 'enquirers'
    ? `${e}.enquiry`
    : cohort === 'applicants'
      ? applicationReceivedSql(basis, e)
      : `${e}.approval`;

/** The cohort's households in [?, ?], on the pathway (one more `?`) at that date, or on any. */
function cohortSql(cohort: Cohort, pathway: Pathway | null, basis: ApplicationBasis): string {
  const col = cohortDate(cohort, basis);
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

function peopleOf(cohort: Cohort, pathway: Pathway | null, basis: ApplicationBasis): string {
  return `FROM (${cohortSql(cohort, pathway, basis)}) x
    JOIN households h ON h.id = x.household_id
    LEFT JOIN household_people p ON p.household_id = x.household_id`;
}

/** One cohort's financial year: a column of the table. */
export interface CohortYear {
  cohort: Cohort;
  /** Start year of the financial year: 2024 for 2024/25. */
  fyStart: number;
}

/**
 * The people of each cohort and year, counted by cell (`cells`, index by index): the erased ones,
 * and the others by the value each characteristic has (null: not recorded; a household with
 * nobody entered counts once, as not recorded in every characteristic).
 */
export interface PeopleCounts {
  cells: readonly CohortYear[];
  erased: Int32Array;
  byValue: Record<Characteristic, Map<string | null, Int32Array>>;
}

/** A cohort's date in [@from, @to], and on @pathway at that date (inCohortSql without the re-opened check). */
const datedInSql = (cohort: Cohort, pathway: Pathway | null, basis: ApplicationBasis): string => {
  const col = cohortDate(cohort, basis);
  return `${col} BETWEEN @from AND @to${pathway ? ` AND ${pathwayAtSql(col, 'e.')} = @pathway` : ''}`;
};

/**
 * A cohort's date in [@from, @to] (and on @pathway at that date); a re-opened household once a
 * year: an earlier episode in the cohort that year, on the same pathway, counts it already. One on
 * the other pathway does not (a household that left mainstream and came back on kinship the same
 * year is a kinship enquirer), as the households behind the cell (cohortSql) list it.
 */
function inCohortSql(cohort: Cohort, pathway: Pathway | null, basis: ApplicationBasis): string {
  const col = cohortDate(cohort, basis);
  const earlier = cohortDate(cohort, basis, 'o');
  // Only a re-opened household has a later episode, so the check that leaves out a second
  // episode dated in the same year runs rarely, on the primary key.
  return `${datedInSql(cohort, pathway, basis)}
    AND (e.episode = 1 OR NOT EXISTS (SELECT 1 FROM episodes o
      WHERE o.household_id = e.household_id AND o.episode < e.episode
        AND ${fyStartYearSql(earlier)} = ${fyStartYearSql(col)}${
          pathway ? ` AND ${pathwayAtSql(earlier, 'o.')} = @pathway` : ''
        }))`;
}

/** 1 when the household's details were erased. */
const ERASED = `e.household_id IN (${ERASED_HOUSEHOLD_IDS})`;

/** Households per read of the people's rows. */
const PROFILE_CHUNK = 50_000;

/** The order of the characteristics in people_profiles' values, as migration 0010 writes them. */
const PROFILE_ORDER: readonly Characteristic[] = MIGRATION_PROFILE_ORDER;

/**
 * Every cohort, year and characteristic of a range (the table asks once, not once per cohort, year
 * and characteristic): the people of each cohort's households by all their characteristics, a
 * household with nobody entered as one "person" of nulls. Reads that never join people:
 * - every cohort episode, counted by its date in the date index's own order (no sort);
 * - the erased households' episodes, from the purge ledger, moved to "erased";
 * - the households with anyone entered, each one's people as one value (people_profiles, kept by
 *   triggers), each household's episode read once by key for all three cohorts and counted here
 *   by the years it falls in and that value's people.
 * The households with nobody are the difference. The same rows, grouped the same way.
 */
export function peopleByCohortYear(
  db: Db,
  r: Range,
  pathway: Pathway | null,
  basis: ApplicationBasis,
): PeopleCounts {
  const params = { from: r.from, to: r.to, ...(pathway ? { pathway } : {}) };
  const fySql = (c: Cohort) => fyStartYearSql(cohortDate(c, basis));
  // Counted in typed arrays, a cell per cohort, erased or not, and year: the episodes, the
  // households with anyone entered among them, and each household's people. A Map entry a person
  // and cell, looked up for every row as before, was ~0.2 s of the table's ~1.1 s at 1,000,000
  // households.
  const firstYear = fyStartYear(fyOf(r.from));
  const yearCount = fyStartYear(fyOf(r.to)) - firstYear + 1;
  const cells = COHORTS.length * 2 * yearCount;
  // -1 for a year outside the range, which only a date the app never writes can give (such as
  // "2021-2-14", put in the file by another program, sorting inside the range as text): no
  // column shows it.
  const cellOf = (c: number, erased: number, fy: number) =>
    fy < firstYear || fy >= firstYear + yearCount ? -1 : (c * 2 + erased) * yearCount + (fy - firstYear);
  const episodes = new Int32Array(cells);
  const add = (c: number, erased: number, fy: number, n: number) => {
    const cell = cellOf(c, erased, fy);
    if (cell >= 0) episodes[cell]! += n;
  };
  COHORTS.forEach((cohort, c) => {
    const byDate = db
      .prepare<Record<string, string>, { fy: number; n: number }>(
        `SELECT ${fySql(cohort)} AS fy, COUNT(*) AS n FROM episodes e
         WHERE ${inCohortSql(cohort, pathway, basis)} GROUP BY ${cohortDate(cohort, basis)}`,
      )
      .all(params);
    for (const d of byDate) add(c, 0, d.fy, d.n);
  });
  // [year in each cohort (NULL: not in that cohort)…]
  const years = COHORTS.map((c) => `CASE WHEN ${inCohortSql(c, pathway, basis)} THEN ${fySql(c)} END`);
  // An episode dated in a cohort's range but on the other pathway then counts in none: left out
  // here, not returned to be skipped (at 1,000,000 households, mainstream, 95,202 of 182,006 rows
  // with people were such, each one's people text made and looked up for nothing).
  const inRange = COHORTS.map((c) => `(${datedInSql(c, pathway, basis)})`).join(' OR ');
  // An episode that never switched is on its pathway at every date (pathwayAtSql's first test):
  // on the other one, it is left out before the three cohorts' dates are worked out (at 1,000,000
  // households, mainstream, 106,217 of the 201,971 households with people are kinship ones: some
  // 0.05-0.08 s of this statement's ~0.5 s CPU).
  const onPathway = pathway ? '(e.switched_on IS NOT NULL OR e.pathway = @pathway) AND ' : '';
  // The erased households' episodes, from the purge ledger (looked up by reference, then by key):
  // moved from the counts above to erased ones. Proportional to the erasures, not to the episodes.
  const erased = db
    .prepare<Record<string, string>, unknown[]>(
      `SELECT ${years.join(', ')}, COUNT(*) FROM purge_ledger l
       CROSS JOIN households h ON h.reference = l.reference CROSS JOIN episodes e ON e.household_id = h.id
       WHERE h.purged_at IS NOT NULL AND (${inRange}) GROUP BY 1, 2, 3`,
    )
    .raw()
    .all(params);
  for (const row of erased) {
    for (let c = 0; c < COHORTS.length; c++) {
      const fy = row[c] as number | null;
      if (fy === null) continue;
      add(c, 0, fy, -(row[COHORTS.length] as number));
      add(c, 1, fy, row[COHORTS.length] as number);
    }
  }
  // [year in each cohort…, erased, people]: one row per episode, counted below.
  // Grouping them in SQLite sorted every row by five keys, one of them text (~0.3 s of ~0.7 s at
  // 1,000,000 households); counting them below costs a fraction of that.
  const rowsOf = db
    .prepare<Record<string, string | number>, unknown[]>(
      `SELECT ${years.join(', ')}, ${ERASED} AS erased, p.people
       FROM people_profiles p CROSS JOIN episodes e ON e.household_id = p.household_id
       WHERE p.household_id >= @first AND p.household_id < @end AND ${onPathway}(${inRange})`,
    )
    .raw();
  const span = db
    .prepare<[], [number | null, number | null]>(
      'SELECT (SELECT min(household_id) FROM people_profiles), (SELECT max(household_id) FROM people_profiles)',
    )
    .raw()
    .get();
  // Each distinct value (a household's people) is numbered as it is first read, and counted by
  // cell; split into its people only once counted (below). Split as each row was read, then each
  // person looked up and counted, it was ~0.2 s CPU at 1,000,000 households (mainstream: 86,804
  // rows, 24,171 distinct values, 10,162 distinct people).
  const profileIds = new Map<string, number>();
  const profiles: string[] = [];
  const byProfile: Int32Array[] = [];
  /** Households with anyone entered: not among the ones with nobody. */
  const withSomeone = new Int32Array(cells);
  const last = COHORTS.length;
  // A range of households at a time, so each chunk's rows are let go young (all at once, the
  // rows were kept past several collections, ~40 MB moved and marked each time).
  const [lowest, highest] = span ?? [null, null];
  if (lowest !== null && highest !== null)
    for (let first = lowest; first <= highest; first += PROFILE_CHUNK) {
      for (const row of rowsOf.all({ ...params, first, end: first + PROFILE_CHUNK })) {
        const erased = row[last] as number;
        const people = row[last + 1] as string | null;
        let counted: Int32Array | undefined;
        if (people !== null) {
          let id = profileIds.get(people);
          if (id === undefined) {
            id = profiles.push(people) - 1;
            profileIds.set(people, id);
            byProfile.push(new Int32Array(cells));
          }
          counted = byProfile[id];
        }
        for (let c = 0; c < last; c++) {
          const fyStart = row[c] as number | null;
          if (fyStart === null) continue;
          const cell = cellOf(c, erased, fyStart);
          if (cell < 0) continue;
          withSomeone[cell]! += 1;
          if (counted) counted[cell]! += 1;
        }
      }
    }
  // Counted by cohort and year: each person's counts added once to its value of every
  // characteristic (the table's views read these, not a row a person and cell: ~54,000 of them at
  // 1,000,000 households, each placed in its column and looked up again by each of eight views).
  const outCells = COHORTS.length * yearCount;
  const out: PeopleCounts = {
    cells: Array.from({ length: outCells }, (_, i) => ({
      cohort: COHORTS[Math.floor(i / yearCount)]!,
      fyStart: firstYear + (i % yearCount),
    })),
    erased: new Int32Array(outCells),
    byValue: Object.fromEntries(CHARACTERISTICS.map((c) => [c, new Map()])) as PeopleCounts['byValue'],
  };
  const at = CHARACTERISTICS.map((c) => PROFILE_ORDER.indexOf(c));
  const countsOf = (values: ReadonlyArray<string | null> | null): Int32Array[] =>
    CHARACTERISTICS.map((c, k) => {
      const value = values?.[at[k]!] ?? null;
      let counts = out.byValue[c].get(value);
      if (!counts) out.byValue[c].set(value, (counts = new Int32Array(outCells)));
      return counts;
    });
  /**
   * Adds each (cohort, erased or not, year) cell's people, as `counted` gives them, to the erased
   * ones or to their values (`targets`, made only once one is counted; null values: nobody entered).
   */
  const addPeople = (targets: () => Int32Array[], counted: (cell: number) => number) => {
    let of: Int32Array[] | null = null;
    for (let cell = 0; cell < cells; cell++) {
      const n = counted(cell);
      if (n <= 0) continue;
      const c = Math.floor(cell / (2 * yearCount));
      const o = c * yearCount + (cell % yearCount);
      if (Math.floor(cell / yearCount) % 2 === 1) out.erased[o]! += n;
      else for (const counts of (of ??= targets())) counts[o]! += n;
    }
  };
  // Each value split into its people (JSON arrays joined by char(30), migration 0010), each
  // distinct person parsed once: its values in PROFILE_ORDER, and the counts they add to.
  const personCounts = new Map<string, Int32Array[]>();
  const countsOfPerson = (text: string): Int32Array[] => {
    let counts = personCounts.get(text);
    if (!counts) personCounts.set(text, (counts = countsOf(JSON.parse(text) as Array<string | null>)));
    return counts;
  };
  byProfile.forEach((counted, id) => {
    for (const text of profiles[id]!.split('\x1e'))
      addPeople(
        () => countsOfPerson(text),
        (cell) => counted[cell]!,
      );
  });
  addPeople(
    () => countsOf(null),
    (cell) => episodes[cell]! - withSomeone[cell]!,
  );
  return out;
}

/**
 * The row a value counts under in a view, of people not erased (the same rule as valueSql): the
 * category key, its ethnic group when `grouped` (the key's prefix), or `not_recorded`.
 */
export function valueKey(v: string | null, grouped: boolean): string {
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
  basis: ApplicationBasis,
): HouseholdSet {
  const params: unknown[] = [r.from, r.to, ...(pathway ? [pathway] : [])];
  const people = peopleOf(cohort, pathway, basis);
  if (value === null) return { sql: `SELECT x.household_id ${people}`, params };
  return {
    sql: `SELECT x.household_id ${people} WHERE ${valueSql(c, grouped)} = ?`,
    params: [...params, value],
  };
}
