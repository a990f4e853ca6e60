import type { Db } from '../open.ts';
import { JOURNEY_DATE_KINDS, type ApplicationBasis } from '../../domain/journey-dates.ts';
import { MILESTONES, PATHWAYS, type Pathway } from '../../domain/stages.ts';
import type { IsoDate } from '../../domain/dates.ts';
import {
  applicationReceivedSql,
  milestoneDateSql,
  milestonesFromSql,
  pathwayAtSql,
  sqlString,
  sqlStringList,
} from '../journey-sql.ts';
import { UNKNOWN_WITHDRAWAL_CODE, WITHDRAWAL_CODES, WITHDREW_ENDED_BY } from '../../domain/ofsted.ts';

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

/**
 * A return's year, with the last day a cessation counts in it: its 31 March, or today while the
 * year runs. A cessation recorded at the carer's notice is dated up to 28 days ahead, and the
 * return of the year in progress (its figures "at 31 March" are as far as today: reports/period.ts)
 * counted it as a deregistration, and its household as gone, before it had left (helper-242).
 * Every other date the return counts is on or before today; ages stay at 31 March.
 */
export interface ReturnRange extends Range {
  ceasedBy: string;
}

/** `pathway` of an episodes row `e` at a date (a column of `e`, or `?` bound to a date). */
const at = (date: string) => `${pathwayAtSql(date, 'e.')} AS pathway`;

/**
 * The default basis's application received has its own index (migration 14 holds the rule's
 * expression), forced where SQLite would not pick it; the EOI basis's date is an expression no
 * index holds, so SQLite plans it itself.
 */
const byApplicationIndex = (basis: ApplicationBasis) =>
  basis === 'stage1' ? 'INDEXED BY episodes_by_application' : '';

/**
 * A person of the household on a date (params [on, on]): joined by then (blank: a carer since the
 * approval) and not yet left. Entering a carer who joined later leaves an earlier 31 March as it was.
 */
export const PRESENT_ON = (p: string) =>
  `(${p}.joined_on IS NULL OR ${p}.joined_on <= ?) AND (${p}.left_on IS NULL OR ${p}.left_on > ?)`;

/**
 * Approved households on `to` (31 March), on their pathway that day, and not deregistered by
 * then: the approved episodes (a household is approved once: an approved household cannot be
 * closed, so cannot enquire again), whose row also carries its deregistration. Params [to, to,
 * ceasedBy]: `activeParams`.
 * `from`: the episodes, and how they are read.
 */
const approvedOn = (from: string) => `SELECT e.household_id, ${at('?')} FROM ${from}
  WHERE e.approval <= ? AND (e.ceased_on IS NULL OR e.ceased_on > ?)`;

export const ACTIVE_AT = approvedOn('episodes e');

/** The params of ACTIVE_AT and ACTIVE_BY_HOUSEHOLD. */
export const activeParams = (r: ReturnRange) => [r.to, r.to, r.ceasedBy];

/**
 * ACTIVE_AT as `h`, in household order, for a join that looks each household up in a table
 * keyed by household (its people, its approval terms): in approval order each lookup was a jump
 * to another part of the table, where in household order the lookups walk it (the carers' join,
 * ~116,000 people at 1,000,000 households, 290 -> 175 ms). Read from the approved episodes'
 * index in household order (migration 30), which holds every column it reads, so nothing is
 * sorted (sorting the ~75,000 households from the approval index cost ~80 ms of CPU a read).
 * A WITH clause to put before a SELECT reading `h`, its `activeParams` first.
 */
export const ACTIVE_BY_HOUSEHOLD = `WITH h AS (
  ${approvedOn('episodes e INDEXED BY episodes_by_household_approval')} ORDER BY e.household_id)`;

/**
 * An application closed after the panel heard it: withdrawn or turned down, but under no
 * withdrawal code, which Ofsted asks only of households withdrawing "before consideration at panel".
 */
const AFTER_PANEL = 'after panel';

/** An ended application's figures, from its episode row `e` and its drop-out reason `r`. */
const ENDED_COLUMNS = `e.household_id, e.ended_by, ${at('e.closed_on')},
    CASE WHEN e.closed_stage IN ${milestonesFromSql('panel')} THEN '${AFTER_PANEL}'
      ELSE COALESCE(r.ofsted_code, ${sqlString(UNKNOWN_WITHDRAWAL_CODE)}) END AS code`;

/** Its closure came once the application was received. */
const endedAfterApplication = (
  basis: ApplicationBasis,
) => `(e.closed_stage IN ${milestonesFromSql(basis === 'eoi' ? 'eoi' : 'stage1')}
    -- A kinship application (its viability request, not a stage) counts however far it got.
    OR e.viability_request = ${applicationReceivedSql(basis, 'e')})`;

/**
 * Closures dated in [?, ?] of episodes whose application had been received (applications that
 * ended), on the pathway at the closure, with who ended it and the reason's withdrawal code.
 * Read from the episodes record (db/episodes.ts: an episode's row carries its closure's date,
 * stage, reason and who ended it). On the default basis, from the received applications by
 * closure date (migration 30), which hold every column read: the year's ~17,000 at 1,000,000
 * households and nothing else. On the EOI basis, whose date no index holds, the applications
 * are found first (`k`, kept apart so that only those read their row: SQLite otherwise reads
 * the row of every episode it passes; driven by the closures' date index, it passed over the
 * year's ~155,000 closures and read two rows for each of those that had reached the application).
 */
const endedApplications = (basis: ApplicationBasis) =>
  basis === 'stage1'
    ? `SELECT ${ENDED_COLUMNS}
  FROM episodes e INDEXED BY episodes_by_application_closure
  LEFT JOIN reasons r ON r.list = 'dropout' AND r.key = e.closed_reason
  WHERE ${applicationReceivedSql(basis, 'e')} IS NOT NULL AND e.closed_on BETWEEN ? AND ?
    AND ${endedAfterApplication(basis)}`
    : `WITH k AS MATERIALIZED (
    SELECT a.household_id, a.episode FROM episodes a
    WHERE ${applicationReceivedSql(basis, 'a')} IS NOT NULL AND a.closed_on BETWEEN ? AND ?
  )
  SELECT ${ENDED_COLUMNS}
  FROM k CROSS JOIN episodes e ON e.household_id = k.household_id AND e.episode = k.episode
  LEFT JOIN reasons r ON r.list = 'dropout' AND r.key = e.closed_reason
  WHERE ${endedAfterApplication(basis)}`;

/** Who ended it: the household (withdrew, or contact was lost) or the service (turned down). */
const WITHDREW = `ended_by IN ${sqlStringList(WITHDREW_ENDED_BY)}`;

export const WITHDRAWAL_CODE_KEYS = WITHDRAWAL_CODES.map((c) => c.code);

/** Every slice an ended application falls in: a withdrawal code, or after panel. */
const ENDED_KEYS = [...WITHDRAWAL_CODE_KEYS, AFTER_PANEL];

/**
 * Applications that ended in [?, ?], sliced by who ended them and the withdrawal code
 * ('withdrew AW1', 'turned down AW0'): the withdrawn, turned-down and per-code figures are
 * slices of this one set, counted in one read.
 */
const endedBySlice = (basis: ApplicationBasis) => `SELECT household_id, pathway, 1 AS n,
    CASE WHEN ${WITHDREW} THEN 'withdrew ' ELSE 'turned down ' END || code AS slice
  FROM (${endedApplications(basis)})`;

const endedSlice = (basis: ApplicationBasis, inYear: unknown[], keys: readonly string[]): HouseholdSet => ({
  sql: `SELECT household_id, pathway, 1 AS n FROM (${endedBySlice(basis)}) WHERE slice IN (SELECT value FROM json_each(?))`,
  params: [...inYear, JSON.stringify(keys)],
  slice: { of: endedBySlice(basis), params: inYear, keys },
});

/** Episodes whose `date` (SQL over `e`) is in [?, ?], counted once each on the pathway at that date. */
const dated = (date: string, where = '') =>
  `SELECT e.household_id, ${at(date)}, 1 AS n FROM episodes e WHERE ${date} BETWEEN ? AND ?${where}`;

/**
 * The recruitment, deregistration and 31 March sets of one financial year. The sets keyed in
 * `mainstreamOnly` (items Ofsted collects for mainstream fostering alone) hold mainstream
 * households only, in their column and the total.
 */
export function ofstedSets(
  r: ReturnRange,
  deregistrationKeys: Record<string, string[]>,
  basis: ApplicationBasis,
  mainstreamOnly: readonly string[],
): Record<string, HouseholdSet> {
  const received = applicationReceivedSql(basis, 'e');
  const inYear = [r.from, r.to];
  const ceasedInYear = [r.from, r.ceasedBy];
  const active = activeParams(r);
  const sets: Record<string, HouseholdSet> = {
    initial_enquiries: { sql: dated('e.enquiry'), params: inYear },
    applications_received: { sql: dated(received), params: inYear },
    applications_approved: {
      sql: dated('e.approval', ` AND ${received} IS NOT NULL`),
      params: inYear,
    },
    applications_withdrawn: endedSlice(
      basis,
      inYear,
      ENDED_KEYS.map((c) => `withdrew ${c}`),
    ),
    applications_turned_down: endedSlice(
      basis,
      inYear,
      ENDED_KEYS.map((c) => `turned down ${c}`),
    ),
    applications_in_progress_31_march: {
      sql: `SELECT e.household_id, ${at('?')}, 1 AS n FROM episodes e
        WHERE ${received} <= ?
          AND (e.approval IS NULL OR e.approval > ?) AND (e.closed_on IS NULL OR e.closed_on > ?)`,
      params: [r.to, r.to, r.to, r.to],
    },
    households_approved: { sql: dated('e.approval'), params: inYear },
    // Only an approved episode ceases: saying so lets the approvals' covering index serve the read.
    households_deregistered: {
      sql: dated('e.ceased_on', ' AND e.approval IS NOT NULL'),
      params: ceasedInYear,
    },
    approved_and_deregistered: {
      sql: dated('e.approval', ' AND e.ceased_on BETWEEN ? AND ?'),
      params: [...inYear, ...ceasedInYear],
    },
    // On its pathway at approval, as the year's approvals it is part of (with those approved and
    // deregistered), so the three agree in every column after a switch since the approval.
    new_approvals_active_31_march: {
      sql: dated('e.approval', ' AND (e.ceased_on IS NULL OR e.ceased_on > ?)'),
      params: [...inYear, r.ceasedBy],
    },
    households_31_march: { sql: `SELECT household_id, pathway, 1 AS n FROM (${ACTIVE_AT})`, params: active },
    carers_31_march: {
      sql: `SELECT h.household_id, h.pathway, COUNT(p.id) AS n, COUNT(p.id) = 0 AS missing FROM (${ACTIVE_AT}) h
        LEFT JOIN household_people p ON p.household_id = h.household_id AND ${PRESENT_ON('p')}
        GROUP BY h.household_id`,
      params: [...active, r.to, r.to],
      hasMissing: true,
    },
    places_31_march: {
      sql: `${ACTIVE_BY_HOUSEHOLD} SELECT h.household_id, h.pathway,
          COALESCE(t.places, 0) + COALESCE((SELECT SUM(pc.change) FROM place_changes pc
            WHERE pc.household_id = h.household_id AND pc.date <= ?), 0) AS n,
          t.places IS NULL AS missing
        FROM h LEFT JOIN approval_terms t ON t.household_id = h.household_id`,
      params: [...active, r.to],
      hasMissing: true,
    },
  };
  for (const code of WITHDRAWAL_CODE_KEYS) {
    sets[`withdrawn_${code.toLowerCase()}`] = endedSlice(basis, inYear, [`withdrew ${code}`]);
  }
  const deregistrations = `SELECT e.household_id, ${at('e.ceased_on')}, 1 AS n, e.ceased_reason AS slice
    FROM episodes e WHERE e.ceased_on BETWEEN ? AND ? AND e.approval IS NOT NULL`;
  for (const [category, reasonKeys] of Object.entries(deregistrationKeys)) {
    sets[`deregistered_${category}`] = {
      sql: `SELECT household_id, pathway, 1 AS n FROM (${deregistrations}) WHERE slice IN (SELECT value FROM json_each(?))`,
      params: [...ceasedInYear, JSON.stringify(reasonKeys)],
      slice: { of: deregistrations, params: ceasedInYear, keys: reasonKeys },
    };
  }
  for (const key of mainstreamOnly) {
    const set = sets[key];
    // A slice is counted from its wider set's SQL, which this filter would not reach.
    if (!set || set.slice) throw new Error(`${key} is not an unsliced Ofsted set`);
    sets[key] = { ...set, sql: `SELECT * FROM (${set.sql}) WHERE pathway = 'mainstream'` };
  }
  return sets;
}

/**
 * The approvals of a year in two index-only reads, for the figures counted on them: households approved,
 * applications approved (those with an application received), approved and deregistered in the
 * year, new approvals still approved at 31 March, and the days from application to approval.
 * Each is the same condition as its set in `ofstedSets` (and counted on the same pathway), so a
 * figure and its drill agree. Two reads instead of five, neither reading an episode's row (the
 * application date is not in the approvals index; the approval is in the applications index).
 */
export interface ApprovalsInYear {
  /** By the set's key in `ofstedSets`. */
  counts: Record<
    | 'households_approved'
    | 'applications_approved'
    | 'approved_and_deregistered'
    | 'new_approvals_active_31_march',
    PathwayCount[]
  >;
  /** Days from application received to approval of the applications approved, by pathway at approval. */
  days: Array<{ pathway: Pathway; v: number; n: number }>;
}

const APPROVAL_PATHWAY = pathwayAtSql('e.approval', 'e.');

export function countApprovalsInYear(db: Db, r: ReturnRange, basis: ApplicationBasis): ApprovalsInYear {
  const received = applicationReceivedSql(basis, 'e');
  // Every approval of the year, from the approvals index alone.
  const approvals = db
    .prepare<unknown[], { pathway: Pathway; deregistered: number; active: number; n: number }>(
      `SELECT ${APPROVAL_PATHWAY} AS pathway,
         COALESCE(e.ceased_on BETWEEN ? AND ?, 0) AS deregistered,
         (e.ceased_on IS NULL OR e.ceased_on > ?) AS active, COUNT(*) AS n
       FROM episodes e INDEXED BY episodes_by_approval WHERE e.approval BETWEEN ? AND ?
       GROUP BY 1, 2, 3`,
    )
    .all(r.from, r.ceasedBy, r.ceasedBy, r.from, r.to);
  // Those with an application received, from the applications index alone: read whole, it costs
  // a third of reading the application date from each approved episode's row.
  const days = db
    .prepare<unknown[], { pathway: Pathway; v: number; n: number }>(
      `SELECT ${APPROVAL_PATHWAY} AS pathway,
         CAST(julianday(e.approval) - julianday(${received}) AS INTEGER) AS v, COUNT(*) AS n
       FROM episodes e ${byApplicationIndex(basis)}
       WHERE ${received} IS NOT NULL AND e.approval BETWEEN ? AND ? GROUP BY 1, 2`,
    )
    .all(r.from, r.to);
  const tally = () => new Map<Pathway, number>();
  const add = (m: Map<Pathway, number>, p: Pathway, n: number) => m.set(p, (m.get(p) ?? 0) + n);
  const approved = tally();
  const applied = tally();
  const deregistered = tally();
  const active = tally();
  for (const x of approvals) {
    add(approved, x.pathway, x.n);
    if (x.deregistered) add(deregistered, x.pathway, x.n);
    if (x.active) add(active, x.pathway, x.n);
  }
  for (const x of days) add(applied, x.pathway, x.n);
  const counts = (m: Map<Pathway, number>): PathwayCount[] =>
    [...m].map(([pathway, n]) => ({ pathway, n, missing: 0 }));
  return {
    counts: {
      households_approved: counts(approved),
      applications_approved: counts(applied),
      approved_and_deregistered: counts(deregistered),
      new_approvals_active_31_march: counts(active),
    },
    days,
  };
}

export interface PathwayCount {
  pathway: Pathway;
  n: number;
  /** Households in the set whose figure is not recorded (places or carers never entered). */
  missing: number;
}

/**
 * Sums over a set's rows for each pathway, in one row of `<column>_<pathway index>`: each a
 * `SUM(…) FILTER (WHERE pathway = …)`. A GROUP BY of the pathway sorted every row of the set to
 * make its two groups (the year's ~176,000 enquiries at 1,000,000 households: 83 -> 35 ms CPU).
 * Every pathway has its sums, 0 where the set has none of its households.
 */
function sumByPathway<K extends string>(
  db: Db,
  set: Pick<HouseholdSet, 'sql' | 'params'>,
  sums: Record<K, string>,
): Array<{ pathway: Pathway } & Record<K, number>> {
  const keys = Object.keys(sums) as K[];
  const columns = PATHWAYS.flatMap((p, i) =>
    keys.map((k) => `COALESCE(SUM(${sums[k]}) FILTER (WHERE x.pathway = ${sqlString(p)}), 0) AS ${k}_${i}`),
  );
  const row = db
    .prepare<unknown[], Record<string, number>>(`SELECT ${columns.join(', ')} FROM (${set.sql}) x`)
    .get(...set.params)!;
  return PATHWAYS.map((pathway, i) => {
    const sumsOf = Object.fromEntries(keys.map((k) => [k, row[`${k}_${i}`]!])) as Record<K, number>;
    return { ...sumsOf, pathway };
  });
}

/** A set's total weight and missing households, by pathway. */
export function countSet(db: Db, set: HouseholdSet): PathwayCount[] {
  return sumByPathway(db, set, { n: 'x.n', missing: set.hasMissing ? 'x.missing' : '0' });
}

/**
 * The places at 31 March and the households approved then, in one read: the places set has one
 * row per household of `households_31_march` (both are ACTIVE_AT; a household has one row of
 * terms), so counting its rows gives that figure.
 */
export function countPlacesAndHouseholds(
  db: Db,
  places: HouseholdSet,
): { places: PathwayCount[]; households: PathwayCount[] } {
  const rows = sumByPathway(db, places, { n: 'x.n', missing: 'x.missing', households: '1' });
  return {
    places: rows.map(({ pathway, n, missing }) => ({ pathway, n, missing })),
    households: rows.map(({ pathway, households }) => ({ pathway, n: households, missing: 0 })),
  };
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

/**
 * The first day any household's journey is recorded on, or null with none: each milestone's and
 * dated step's first (a kinship household's viability request is an application the return counts).
 * Each is the first entry of an index (a few lookups at any size): the episodes row's date
 * columns, Stage 1 through the application date that episodes_by_application holds (never
 * later than the Stage 1 start, and itself a recorded date), and journey_dates (kind, date).
 * milestones has no (kind, date) index (migration 22): read there, this took 1 to 6.6 s at
 * 1,000,000 households.
 */
export function firstRecordedOn(db: Db): IsoDate | null {
  const step = db
    .prepare<[string], string | null>('SELECT MIN(date) FROM journey_dates WHERE kind = ?')
    .pluck();
  const days = [
    ...MILESTONES.map((m) => {
      const { date: firstDate, index: firstIndex } = milestoneDateSql(m);
      return db
        .prepare<[], string | null>(
          `SELECT MIN(${firstDate}) FROM episodes INDEXED BY ${firstIndex} WHERE ${firstDate} IS NOT NULL`,
        )
        .pluck()
        .get();
    }),
    ...JOURNEY_DATE_KINDS.map((k) => step.get(k)),
  ].filter((d): d is string => typeof d === 'string');
  return days.length === 0 ? null : days.sort()[0]!;
}

/**
 * The first day a household's journey is recorded on this pathway (on the pathway at that day's
 * date, as the return counts it), up to `upTo`, or null with none: a pathway's records may begin
 * after the other's (kinship assessments kept elsewhere at first). Each milestone's index is read
 * in date order to the first entry on the pathway (its pathway columns are in the index), so it
 * stops at once where the pathway has records; where it has none up to `upTo`, it reads every
 * entry to that day. A viability request counts where it is the application (Stage 1's date).
 */
export function firstRecordedOnPathway(db: Db, pathway: Pathway, upTo: IsoDate): IsoDate | null {
  const days = MILESTONES.map((m) => {
    const { date: firstDate, index: firstIndex } = milestoneDateSql(m);
    return db
      .prepare<[IsoDate, Pathway], string | undefined>(
        `SELECT ${firstDate} FROM episodes INDEXED BY ${firstIndex}
         WHERE ${firstDate} IS NOT NULL AND ${firstDate} <= ? AND (${pathwayAtSql(firstDate)}) = ?
         ORDER BY ${firstDate} LIMIT 1`,
      )
      .pluck()
      .get(upTo, pathway);
  }).filter((d): d is string => typeof d === 'string');
  return days.length === 0 ? null : days.sort()[0]!;
}
