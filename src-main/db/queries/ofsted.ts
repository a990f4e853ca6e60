import type { Db } from '../open.ts';
import { CHARACTERISTICS, type Characteristic } from '../../domain/characteristics.ts';
import type { Pathway } from '../../domain/stages.ts';

/**
 * What the Ofsted return counts, as SQL over today's tables. Every figure is a *set*: SQL
 * selecting `household_id` and a weight `n` (1 for a count; carers or places for the
 * 31 March totals). The report counts a set by pathway and drills into the same set, so a
 * figure and its households can never disagree. When the episodes table lands, these
 * functions are the only place to repoint.
 *
 * A household's pathway is its current one (as every other table counts today).
 */
export interface HouseholdSet {
  sql: string;
  params: unknown[];
  /** The SQL also selects `missing` (1 where the household's figure was never entered). */
  hasMissing?: boolean;
}

export interface Range {
  from: string;
  to: string;
}

/**
 * Applications received: for now the Stage 1 start (in the statutory two-stage process
 * Stage 1 begins when the formal application is received). One function, so the
 * application-received milestone can replace it in one place.
 */
export function applicationsReceived(): string {
  return `SELECT household_id, episode, date FROM milestones WHERE kind = 'stage1'`;
}

/** Each household's first approval and its deregistration, if any. */
const APPROVED = `SELECT a.household_id, MIN(a.date) AS approved_on, s.date AS ceased_on
  FROM milestones a LEFT JOIN cessations s ON s.household_id = a.household_id
  WHERE a.kind = 'approval' GROUP BY a.household_id`;

/** Households approved on `to` (31 March) and not deregistered by then. */
const ACTIVE_AT = `SELECT household_id FROM (${APPROVED})
  WHERE approved_on <= ? AND (ceased_on IS NULL OR ceased_on > ?)`;

/** A closure of an episode whose application had been received (an application that ended). */
const ENDED_APPLICATIONS = `SELECT c.household_id, c.date, c.ended_by, c.reason_key,
    COALESCE(r.ofsted_code, 'AW0') AS code
  FROM closures c
  JOIN (${applicationsReceived()}) a ON a.household_id = c.household_id AND a.episode = c.episode
  LEFT JOIN reasons r ON r.list = 'dropout' AND r.key = c.reason_key`;

/** Who ended it: the household (withdrew, or contact was lost) or the service (turned down). */
const WITHDREW = `ended_by IN ('applicant', 'lost_contact')`;

export const WITHDRAWAL_CODE_KEYS = ['AW0', 'AW1', 'AW2', 'AW3', 'AW4', 'AW5'] as const;

/** The recruitment, deregistration and 31 March sets of one financial year. */
export function ofstedSets(
  r: Range,
  deregistrationKeys: Record<string, string[]>,
): Record<string, HouseholdSet> {
  const inYear = [r.from, r.to];
  const sets: Record<string, HouseholdSet> = {
    initial_enquiries: {
      sql: `SELECT household_id, 1 AS n FROM milestones WHERE kind = 'enquiry' AND date BETWEEN ? AND ?`,
      params: inYear,
    },
    applications_received: {
      sql: `SELECT household_id, 1 AS n FROM (${applicationsReceived()}) WHERE date BETWEEN ? AND ?`,
      params: inYear,
    },
    applications_approved: {
      sql: `SELECT m.household_id, 1 AS n FROM milestones m
        JOIN (${applicationsReceived()}) a ON a.household_id = m.household_id AND a.episode = m.episode
        WHERE m.kind = 'approval' AND m.date BETWEEN ? AND ?`,
      params: inYear,
    },
    applications_withdrawn: {
      sql: `SELECT household_id, 1 AS n FROM (${ENDED_APPLICATIONS}) WHERE ${WITHDREW} AND date BETWEEN ? AND ?`,
      params: inYear,
    },
    applications_turned_down: {
      sql: `SELECT household_id, 1 AS n FROM (${ENDED_APPLICATIONS}) WHERE ended_by = 'service' AND date BETWEEN ? AND ?`,
      params: inYear,
    },
    applications_in_progress_31_march: {
      sql: `SELECT a.household_id, 1 AS n FROM (${applicationsReceived()}) a
        WHERE a.date <= ?
          AND NOT EXISTS (SELECT 1 FROM milestones m WHERE m.household_id = a.household_id
                          AND m.episode = a.episode AND m.kind = 'approval' AND m.date <= ?)
          AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.household_id = a.household_id
                          AND c.episode = a.episode AND c.date <= ?)`,
      params: [r.to, r.to, r.to],
    },
    households_approved: {
      sql: `SELECT household_id, 1 AS n FROM (${APPROVED}) WHERE approved_on BETWEEN ? AND ?`,
      params: inYear,
    },
    households_deregistered: {
      sql: `SELECT household_id, 1 AS n FROM cessations WHERE date BETWEEN ? AND ?`,
      params: inYear,
    },
    approved_and_deregistered: {
      sql: `SELECT household_id, 1 AS n FROM (${APPROVED})
        WHERE approved_on BETWEEN ? AND ? AND ceased_on BETWEEN ? AND ?`,
      params: [...inYear, ...inYear],
    },
    new_approvals_active_31_march: {
      sql: `SELECT household_id, 1 AS n FROM (${APPROVED})
        WHERE approved_on BETWEEN ? AND ? AND (ceased_on IS NULL OR ceased_on > ?)`,
      params: [...inYear, r.to],
    },
    households_31_march: { sql: `SELECT household_id, 1 AS n FROM (${ACTIVE_AT})`, params: [r.to, r.to] },
    carers_31_march: {
      sql: `SELECT h.household_id, COUNT(p.id) AS n, COUNT(p.id) = 0 AS missing FROM (${ACTIVE_AT}) h
        LEFT JOIN household_people p ON p.household_id = h.household_id AND (p.left_on IS NULL OR p.left_on > ?)
        GROUP BY h.household_id`,
      params: [r.to, r.to, r.to],
      hasMissing: true,
    },
    places_31_march: {
      sql: `SELECT h.household_id,
          COALESCE(t.places, 0) + COALESCE((SELECT SUM(pc.change) FROM place_changes pc
            WHERE pc.household_id = h.household_id AND pc.date <= ?), 0) AS n,
          t.places IS NULL AS missing
        FROM (${ACTIVE_AT}) h LEFT JOIN approval_terms t ON t.household_id = h.household_id`,
      params: [r.to, r.to, r.to],
      hasMissing: true,
    },
  };
  for (const code of WITHDRAWAL_CODE_KEYS) {
    sets[`withdrawn_${code.toLowerCase()}`] = {
      sql: `SELECT household_id, 1 AS n FROM (${ENDED_APPLICATIONS}) WHERE ${WITHDREW} AND code = ? AND date BETWEEN ? AND ?`,
      params: [code, ...inYear],
    };
  }
  for (const [category, reasonKeys] of Object.entries(deregistrationKeys)) {
    sets[`deregistered_${category}`] = {
      sql: `SELECT household_id, 1 AS n FROM cessations
        WHERE date BETWEEN ? AND ? AND reason_key IN (SELECT value FROM json_each(?))`,
      params: [...inYear, JSON.stringify(reasonKeys)],
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
      `SELECT h.pathway, COALESCE(SUM(x.n), 0) AS n, ${set.hasMissing ? 'COALESCE(SUM(x.missing), 0)' : '0'} AS missing
       FROM (${set.sql}) x JOIN households h ON h.id = x.household_id GROUP BY h.pathway`,
    )
    .all(...set.params);
}

/** The households of a set, on one pathway or all. */
export function drillSet(set: HouseholdSet, pathway: Pathway | null): HouseholdSet {
  if (!pathway) return { sql: `SELECT household_id FROM (${set.sql})`, params: set.params };
  return {
    sql: `SELECT x.household_id FROM (${set.sql}) x JOIN households h ON h.id = x.household_id AND h.pathway = ?`,
    params: [...set.params, pathway],
  };
}

/** Days from application received to approval, for approvals in the range, as a histogram by pathway. */
export function applicationToApprovalDays(
  db: Db,
  r: Range,
): Array<{ pathway: Pathway; v: number; n: number }> {
  return db
    .prepare<unknown[], { pathway: Pathway; v: number; n: number }>(
      `SELECT h.pathway, CAST(julianday(m.date) - julianday(a.date) AS INTEGER) AS v, COUNT(*) AS n
       FROM milestones m
       JOIN (${applicationsReceived()}) a ON a.household_id = m.household_id AND a.episode = m.episode
       JOIN households h ON h.id = m.household_id
       WHERE m.kind = 'approval' AND m.date BETWEEN ? AND ? GROUP BY 1, 2`,
    )
    .all(r.from, r.to);
}

/**
 * The people of a set of households at a date (carers still in the household then), as SQL
 * selecting household_id and the person's columns: the characteristics tables read it.
 */
function peopleAt(households: HouseholdSet, on: string): HouseholdSet {
  return {
    sql: `SELECT p.* FROM household_people p JOIN (${households.sql}) s ON s.household_id = p.household_id
      WHERE p.left_on IS NULL OR p.left_on > ?`,
    params: [...households.params, on],
  };
}

/** Approved carers at 31 March (in households approved then). */
export const carersAt = (r: Range): HouseholdSet => peopleAt({ sql: ACTIVE_AT, params: [r.to, r.to] }, r.to);

/** A column name of household_people from the fixed vocabulary (never from a user). */
const column = (c: Characteristic): string => {
  if (!CHARACTERISTICS.includes(c)) throw new Error(`Unknown characteristic ${String(c)}`);
  return c;
};

/** People of a set by one characteristic's value (NULL = not recorded) and pathway. */
export function countPeopleBy(
  db: Db,
  people: HouseholdSet,
  c: Characteristic,
): Array<{ pathway: Pathway; value: string | null; n: number }> {
  return db
    .prepare<unknown[], { pathway: Pathway; value: string | null; n: number }>(
      `SELECT h.pathway, p.${column(c)} AS value, COUNT(*) AS n
       FROM (${people.sql}) p JOIN households h ON h.id = p.household_id GROUP BY 1, 2`,
    )
    .all(...people.params);
}

/** Age in whole years on a date, in SQL, from an ISO date of birth column. */
const AGE_SQL = `(CAST(substr(?, 1, 4) AS INTEGER) - CAST(substr(p.date_of_birth, 1, 4) AS INTEGER)
  - (substr(?, 6, 5) < substr(p.date_of_birth, 6, 5)))`;

/** People of a set by age on a date (NULL when no date of birth is recorded) and pathway. */
export function countPeopleByAge(
  db: Db,
  people: HouseholdSet,
  on: string,
): Array<{ pathway: Pathway; age: number | null; n: number }> {
  return db
    .prepare<unknown[], { pathway: Pathway; age: number | null; n: number }>(
      `SELECT h.pathway, CASE WHEN p.date_of_birth IS NULL THEN NULL ELSE ${AGE_SQL} END AS age, COUNT(*) AS n
       FROM (${people.sql}) p JOIN households h ON h.id = p.household_id GROUP BY 1, 2`,
    )
    .all(on, on, ...people.params);
}

/** The households of the people in a set with one value of a characteristic (null = not recorded). */
export function peopleWith(people: HouseholdSet, c: Characteristic, value: string | null): HouseholdSet {
  return value === null
    ? {
        sql: `SELECT household_id, 1 AS n FROM (${people.sql}) p WHERE p.${column(c)} IS NULL`,
        params: people.params,
      }
    : {
        sql: `SELECT household_id, 1 AS n FROM (${people.sql}) p WHERE p.${column(c)} = ?`,
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
        sql: `SELECT household_id, 1 AS n FROM (${people.sql}) p WHERE p.date_of_birth IS NULL`,
        params: people.params,
      }
    : {
        sql: `SELECT household_id, 1 AS n FROM (${people.sql}) p WHERE ${AGE_SQL} BETWEEN ? AND ?`,
        params: [...people.params, on, on, band.from, band.to],
      };
}
