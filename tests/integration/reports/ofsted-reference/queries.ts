/**
 * TEST REFERENCE ONLY: the Ofsted return as it was built before the speed work of issue 12
 * (main at c9a13fd), kept word for word so that tests/integration/reports/ofsted-reference.test.ts
 * can check the faster build gives the same figures. Not used by the app. Two rules changed
 * since, in both: an application closed at the panel stage is under no withdrawal code
 * (AFTER_PANEL); a carer counts at 31 March only once joined (PRESENT_ON); the newly approved
 * still approved at 31 March count on their pathway at approval, as the year's approvals do.
 */
import type { Db } from '../../../../src-main/db/open.ts';
import { CHARACTERISTICS, type Characteristic } from '../../../../src-main/domain/characteristics.ts';
import type { Milestone, Pathway } from '../../../../src-main/domain/stages.ts';
import { milestonesFromSql, pathwayAtSql } from '../../../../src-main/db/journey-sql.ts';

/**
 * What the Ofsted return counts, as SQL over the episodes record (db/episodes.ts). Every figure
 * is a *set*: SQL selecting `household_id`, the `pathway` it counts under and a weight `n` (1 for
 * a count; carers or places for the 31 March totals). The report counts a set by pathway and
 * drills into the same set, so a figure and its households can never disagree.
 *
 * A household counts on its pathway *at the date of what is counted* (db/journey-sql.ts
 * `pathwayAtSql`, the recruitment tables' one rule): an enquiry, application, approval,
 * withdrawal or deregistration at its own date, the 31 March figures at 31 March. So a pathway
 * switch never moves a figure of a year already returned.
 */
export interface HouseholdSet {
  sql: string;
  params: unknown[];
  /** The SQL also selects `missing` (1 where the household's figure was never entered). */
  hasMissing?: boolean;
  /**
   * The set is a slice of a wider one (a withdrawal code of the withdrawals, a deregistration
   * category of the deregistrations): `of` selects the wider set with a `slice` column, and this
   * set is its rows whose slice is one of `keys`. Slices of one set are counted in one query.
   */
  slice?: { of: string; params: unknown[]; keys: readonly string[] };
}

export interface Range {
  from: string;
  to: string;
}

/** `pathway` of an episodes row `e` at a date (a column of `e`, or `?` bound to a date). */
const at = (date: string) => `${pathwayAtSql(date, 'e.')} AS pathway`;

/**
 * Applications received: for now the Stage 1 start (in the statutory two-stage process
 * Stage 1 begins when the formal application is received). One column, so the
 * application-received rule can replace it in one place.
 */
export const APPLICATION_RECEIVED = 'stage1' satisfies Milestone;
/**
 * Application received, as migration 14 made it: the Stage 1 start, or for a kinship household
 * (kinship on the day of its viability request) the request, unless a Stage 1 start came before
 * it. Written out here in other words than db/journey-sql.ts, so the comparison checks that too.
 */
const received = (e: string) =>
  `(CASE WHEN ${e}.viability_request IS NOT NULL AND COALESCE(${e}.stage1 >= ${e}.viability_request, 1)
    AND (CASE WHEN ${e}.switched_on <= ${e}.viability_request THEN ${e}.switched_to ELSE ${e}.pathway END) = 'kinship'
    THEN ${e}.viability_request ELSE ${e}.stage1 END)`;
const RECEIVED = received('e');

/**
 * Approved households on `to` (31 March), on their pathway that day, and not deregistered by
 * then: the approved episodes (a household is approved once: an approved household cannot be
 * closed, so cannot enquire again), whose row also carries its deregistration. Params [to, to, to].
 */
const ACTIVE_AT = `SELECT e.household_id, ${at('?')} FROM episodes e
  WHERE e.approval <= ? AND (e.ceased_on IS NULL OR e.ceased_on > ?)`;

/**
 * Closures dated in [?, ?] of episodes whose application had been received (applications that
 * ended), on the pathway at the closure, with who ended it and the reason's withdrawal code.
 * Driven by the closures' date index; a closure that had not reached the application (most of them)
 * is passed over there, before its episode row (by its key) is read for the pathway.
 */
const AFTER_PANEL = 'after panel';
const PRESENT_ON = '(p.joined_on IS NULL OR p.joined_on <= ?) AND (p.left_on IS NULL OR p.left_on > ?)';
const ENDED_APPLICATIONS = `SELECT c.household_id, c.ended_by, ${at('c.date')},
    CASE WHEN c.stage_reached IN ${milestonesFromSql('panel')} THEN '${AFTER_PANEL}'
      ELSE COALESCE(r.ofsted_code, 'AW0') END AS code
  FROM closures c
  CROSS JOIN episodes e ON e.household_id = c.household_id AND e.episode = c.episode
  LEFT JOIN reasons r ON r.list = 'dropout' AND r.key = c.reason_key
  WHERE c.date BETWEEN ? AND ?
    AND (c.stage_reached IN ${milestonesFromSql(APPLICATION_RECEIVED)} OR e.viability_request = ${RECEIVED})
    AND ${RECEIVED} IS NOT NULL`;

/** Who ended it: the household (withdrew, or contact was lost) or the service (turned down). */
const WITHDREW = `ended_by IN ('applicant', 'lost_contact')`;

export const WITHDRAWAL_CODE_KEYS = ['AW0', 'AW1', 'AW2', 'AW3', 'AW4', 'AW5'] as const;
const ENDED_KEYS = [...WITHDRAWAL_CODE_KEYS, AFTER_PANEL];

/**
 * Applications that ended in [?, ?], sliced by who ended them and the withdrawal code
 * ('withdrew AW1', 'turned down AW0'): the withdrawn, turned-down and per-code figures are
 * slices of this one set, counted in one read.
 */
const ENDED_BY_SLICE = `SELECT household_id, pathway, 1 AS n,
    CASE WHEN ${WITHDREW} THEN 'withdrew ' ELSE 'turned down ' END || code AS slice
  FROM (${ENDED_APPLICATIONS})`;

const endedSlice = (inYear: unknown[], keys: readonly string[]): HouseholdSet => ({
  sql: `SELECT household_id, pathway, 1 AS n FROM (${ENDED_BY_SLICE}) WHERE slice IN (SELECT value FROM json_each(?))`,
  params: [...inYear, JSON.stringify(keys)],
  slice: { of: ENDED_BY_SLICE, params: inYear, keys },
});

/** Episodes with `col` dated in [?, ?], counted once each on the pathway at that date. */
const datedBy = (date: string, where = '') =>
  `SELECT e.household_id, ${at(date)}, 1 AS n FROM episodes e WHERE ${date} BETWEEN ? AND ?${where}`;
const dated = (col: string, where = '') => datedBy(`e.${col}`, where);

/** The recruitment, deregistration and 31 March sets of one financial year. */
export function ofstedSets(
  r: Range,
  deregistrationKeys: Record<string, string[]>,
): Record<string, HouseholdSet> {
  const inYear = [r.from, r.to];
  const active = [r.to, r.to, r.to];
  const sets: Record<string, HouseholdSet> = {
    initial_enquiries: {
      sql: `SELECT * FROM (${dated('enquiry')}) WHERE pathway = 'mainstream'`,
      params: inYear,
    },
    applications_received: { sql: datedBy(RECEIVED), params: inYear },
    applications_approved: {
      sql: dated('approval', ` AND ${RECEIVED} IS NOT NULL`),
      params: inYear,
    },
    applications_withdrawn: endedSlice(
      inYear,
      ENDED_KEYS.map((c) => `withdrew ${c}`),
    ),
    applications_turned_down: endedSlice(
      inYear,
      ENDED_KEYS.map((c) => `turned down ${c}`),
    ),
    applications_in_progress_31_march: {
      sql: `SELECT e.household_id, ${at('?')}, 1 AS n FROM episodes e
        WHERE ${RECEIVED} <= ?
          AND (e.approval IS NULL OR e.approval > ?) AND (e.closed_on IS NULL OR e.closed_on > ?)`,
      params: [r.to, r.to, r.to, r.to],
    },
    households_approved: { sql: dated('approval'), params: inYear },
    // Only an approved episode ceases: saying so lets the approvals' covering index serve the read.
    households_deregistered: { sql: dated('ceased_on', ' AND e.approval IS NOT NULL'), params: inYear },
    approved_and_deregistered: {
      sql: dated('approval', ' AND e.ceased_on BETWEEN ? AND ?'),
      params: [...inYear, ...inYear],
    },
    new_approvals_active_31_march: {
      sql: dated('approval', ' AND (e.ceased_on IS NULL OR e.ceased_on > ?)'),
      params: [...inYear, r.to],
    },
    households_31_march: { sql: `SELECT household_id, pathway, 1 AS n FROM (${ACTIVE_AT})`, params: active },
    carers_31_march: {
      sql: `SELECT h.household_id, h.pathway, COUNT(p.id) AS n, COUNT(p.id) = 0 AS missing FROM (${ACTIVE_AT}) h
        LEFT JOIN household_people p ON p.household_id = h.household_id AND ${PRESENT_ON}
        GROUP BY h.household_id`,
      params: [...active, r.to, r.to],
      hasMissing: true,
    },
    places_31_march: {
      sql: `SELECT h.household_id, h.pathway,
          COALESCE(t.places, 0) + COALESCE((SELECT SUM(pc.change) FROM place_changes pc
            WHERE pc.household_id = h.household_id AND pc.date <= ?), 0) AS n,
          t.places IS NULL AS missing
        FROM (${ACTIVE_AT}) h LEFT JOIN approval_terms t ON t.household_id = h.household_id`,
      params: [r.to, ...active],
      hasMissing: true,
    },
  };
  for (const code of WITHDRAWAL_CODE_KEYS) {
    sets[`withdrawn_${code.toLowerCase()}`] = endedSlice(inYear, [`withdrew ${code}`]);
  }
  const deregistrations = `SELECT e.household_id, ${at('e.ceased_on')}, 1 AS n, e.ceased_reason AS slice
    FROM episodes e WHERE e.ceased_on BETWEEN ? AND ? AND e.approval IS NOT NULL`;
  for (const [category, reasonKeys] of Object.entries(deregistrationKeys)) {
    sets[`deregistered_${category}`] = {
      sql: `SELECT household_id, pathway, 1 AS n FROM (${deregistrations}) WHERE slice IN (SELECT value FROM json_each(?))`,
      params: [...inYear, JSON.stringify(reasonKeys)],
      slice: { of: deregistrations, params: inYear, keys: reasonKeys },
    };
  }
  return sets;
}

export interface PathwayCount {
  pathway: Pathway;
  n: number;
  /** Households in the set whose figure is not recorded (places or carers never entered). */
  missing: number;
}

/** A set's total weight and missing households, by pathway. */
export function countSet(db: Db, set: HouseholdSet): PathwayCount[] {
  return db
    .prepare<unknown[], PathwayCount>(
      `SELECT x.pathway, COALESCE(SUM(x.n), 0) AS n, ${set.hasMissing ? 'COALESCE(SUM(x.missing), 0)' : '0'} AS missing
       FROM (${set.sql}) x GROUP BY x.pathway`,
    )
    .all(...set.params);
}

/**
 * Every set's counts by pathway, slices of one wider set (withdrawal codes, deregistration
 * categories) from one grouped read of it rather than one read each.
 */
export function countSets(db: Db, sets: Record<string, HouseholdSet>): Record<string, PathwayCount[]> {
  const out: Record<string, PathwayCount[]> = {};
  const wider = new Map<string, Array<{ slice: string; pathway: Pathway; n: number }>>();
  for (const [key, set] of Object.entries(sets)) {
    if (!set.slice) {
      out[key] = countSet(db, set);
      continue;
    }
    const { of, params, keys } = set.slice;
    if (!wider.has(of)) {
      wider.set(
        of,
        db
          .prepare<unknown[], { slice: string; pathway: Pathway; n: number }>(
            `SELECT x.slice, x.pathway, COALESCE(SUM(x.n), 0) AS n FROM (${of}) x GROUP BY 1, 2`,
          )
          .all(...params),
      );
    }
    const counts = new Map<Pathway, number>();
    for (const r of wider.get(of)!)
      if (keys.includes(r.slice)) counts.set(r.pathway, (counts.get(r.pathway) ?? 0) + r.n);
    out[key] = [...counts].map(([pathway, n]) => ({ pathway, n, missing: 0 }));
  }
  return out;
}

/** The households of a set, on one pathway or all. */
export function drillSet(set: HouseholdSet, pathway: Pathway | null): HouseholdSet {
  if (!pathway) return { sql: `SELECT household_id FROM (${set.sql})`, params: set.params };
  return {
    sql: `SELECT household_id FROM (${set.sql}) WHERE pathway = ?`,
    params: [...set.params, pathway],
  };
}

const APPROVAL_PATHWAY = pathwayAtSql('e.approval', 'e.');

/** Days from application received to approval, for approvals in the range, as a histogram by pathway at approval. */
export function applicationToApprovalDays(
  db: Db,
  r: Range,
): Array<{ pathway: Pathway; v: number; n: number }> {
  return db
    .prepare<unknown[], { pathway: Pathway; v: number; n: number }>(
      `SELECT ${APPROVAL_PATHWAY} AS pathway,
         CAST(julianday(e.approval) - julianday(${RECEIVED}) AS INTEGER) AS v, COUNT(*) AS n
       FROM episodes e
       WHERE e.approval BETWEEN ? AND ? AND ${RECEIVED} IS NOT NULL GROUP BY 1, 2`,
    )
    .all(r.from, r.to);
}

/**
 * The people of a set of households at a date (carers still in the household then), as SQL
 * selecting household_id, the set's `pathway` and the person's columns: the characteristics
 * tables read it.
 */
function peopleAt(households: HouseholdSet, on: string): HouseholdSet {
  return {
    sql: `SELECT p.*, s.pathway FROM household_people p JOIN (${households.sql}) s ON s.household_id = p.household_id
      WHERE ${PRESENT_ON}`,
    params: [...households.params, on, on],
  };
}

/** The households of the people in a set, with the pathway each counts under. */
export const peopleHouseholds = (people: HouseholdSet): HouseholdSet => ({
  sql: `SELECT household_id, pathway FROM (${people.sql})`,
  params: people.params,
});

/** Approved carers at 31 March (in households approved then), on the household's pathway that day. */
export const carersAt = (r: Range): HouseholdSet =>
  peopleAt({ sql: ACTIVE_AT, params: [r.to, r.to, r.to] }, r.to);

/** A column name of household_people from the fixed vocabulary (never from a user). */
const column = (c: Characteristic): string => {
  if (!CHARACTERISTICS.includes(c)) throw new Error(`Unknown characteristic ${String(c)}`);
  return c;
};

/** People of a set counted alike: pathway, age on a date (null: no date of birth) and every characteristic. */
export interface PeopleGroup {
  pathway: Pathway;
  age: number | null;
  values: Record<Characteristic, string | null>;
  n: number;
}

/**
 * People of a set by pathway, age on a date and every characteristic, in one read of the set (the
 * sections of the return ask it once, not once per characteristic).
 */
export function countPeopleByEvery(db: Db, people: HouseholdSet, on: string): PeopleGroup[] {
  const chars = CHARACTERISTICS.map((c) => `p.${column(c)}`).join(', ');
  return db
    .prepare<unknown[], Record<string, string | number | null>>(
      `SELECT p.pathway, CASE WHEN p.date_of_birth IS NULL THEN NULL ELSE ${AGE_SQL} END AS age, ${chars}, COUNT(*) AS n
       FROM (${people.sql}) p GROUP BY ${CHARACTERISTICS.map((_, i) => i + 3).join(', ')}, 1, 2`,
    )
    .all(on, on, ...people.params)
    .map((r) => ({
      pathway: r.pathway as Pathway,
      age: r.age as number | null,
      values: Object.fromEntries(
        CHARACTERISTICS.map((c) => [c, r[c] as string | null]),
      ) as PeopleGroup['values'],
      n: r.n as number,
    }));
}

/** Age in whole years on a date, in SQL, from an ISO date of birth column. */
const AGE_SQL = `(CAST(substr(?, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER)
  - (substr(?, 6, 5) < substr(p.date_of_birth, 6, 5)))`;

/** The households of the people in a set with one value of a characteristic (null = not recorded). */
export function peopleWith(people: HouseholdSet, c: Characteristic, value: string | null): HouseholdSet {
  return value === null
    ? {
        sql: `SELECT household_id, pathway, 1 AS n FROM (${people.sql}) p WHERE p.${column(c)} IS NULL`,
        params: people.params,
      }
    : {
        sql: `SELECT household_id, pathway, 1 AS n FROM (${people.sql}) p WHERE p.${column(c)} = ?`,
        params: [...people.params, value],
      };
}

/** The households of the people in a set aged within a band on a date (null band = no date of birth). */
export function peopleAged(
  people: HouseholdSet,
  on: string,
  band: { from: number; to: number } | null,
): HouseholdSet {
  return band === null
    ? {
        sql: `SELECT household_id, pathway, 1 AS n FROM (${people.sql}) p WHERE p.date_of_birth IS NULL`,
        params: people.params,
      }
    : {
        sql: `SELECT household_id, pathway, 1 AS n FROM (${people.sql}) p WHERE ${AGE_SQL} BETWEEN ? AND ?`,
        params: [...people.params, on, on, band.from, band.to],
      };
}
