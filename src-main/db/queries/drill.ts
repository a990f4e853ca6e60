import type { Db } from '../open.ts';
import { reasonWords, type ReasonList } from '../../domain/reasons.ts';
import { ENDED_BY_LABELS, type EndedBy } from '../../domain/stages.ts';
import { shownName } from '../../domain/words.ts';

/** SQL selecting the `household_id` of every fact a figure counts (duplicates allowed). */
export interface DrillQuery {
  sql: string;
  params: unknown[];
  /**
   * Where a figure counts endings (drop-outs, cessations, or approvals less cessations): SQL
   * selecting each fact it counts as `household_id, kind, date, stage, reason` (kind 'approved',
   * 'ceased' or 'closed'; stage the closure's stage reached, else NULL; reason the key of the
   * closure's or cessation's reason, else NULL), and optionally a column `ended_by` (who ended a
   * closure, its key) and the two of reports/held-interviews.ts `heldInterviewSaid` (`said`,
   * `might_return`), so the list says of each household what it was counted for, when, why, (a
   * report's drop-outs) who ended it and (drop-outs and cessations, on Reports and Home's
   * drop-outs and net change) what the household said at the exit interview held.
   */
  events?: { sql: string; params: unknown[] };
  /**
   * Where a household may be in a figure for a reason its list should give (a carer under Not
   * recorded for a date of birth in no age band): SQL selecting `household_id` and the columns
   * `words` reads, one row for each thing to say, and `words` saying it.
   */
  why?: { sql: string; params: unknown[]; words: (row: Readonly<Record<string, unknown>>) => string };
}

export type DrillEventKind = 'approved' | 'ceased' | 'closed';

/** A cessation as a drill's event, over the episodes table: its date and reason's key (Home's and the reports' lists). */
export const CESSATION_EVENT =
  "household_id, 'ceased' AS kind, ceased_on AS date, NULL AS stage, ceased_reason AS reason";

/** A fact a household was counted for, its reason in the service's words. */
export interface DrillEventRow {
  kind: DrillEventKind;
  date: string;
  stage: string | null;
  reason: string | null;
  /** Only where the query selects `ended_by`: who ended the closure, in words. */
  endedBy?: string | null;
  /**
   * Only where the query selects `said`: the reasons given at the exit interview held, in the
   * service's words (null: none held), and whether they might return later (null: not known, or none held).
   */
  said?: string[] | null;
  mightReturn?: boolean | null;
}

export interface DrillRow {
  id: number;
  reference: string;
  name: string;
  stage: string;
  status: string;
  /** Only where the query has events: each fact counted, oldest first. */
  events?: DrillEventRow[];
  /** Only where the query says why: each thing it says of the household. */
  why?: string[];
}

/** What the query says of the households listed (`ids`), by household. */
function whyOf(db: Db, q: NonNullable<DrillQuery['why']>, ids: number[]): Map<number, string[]> {
  const rows = db
    .prepare<unknown[], Record<string, unknown> & { household_id: number }>(
      `SELECT * FROM (${q.sql}) WHERE household_id IN (SELECT value FROM json_each(?))`,
    )
    .all(...q.params, JSON.stringify(ids));
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.household_id, [...(out.get(r.household_id) ?? []), q.words(r)]);
  return out;
}

const REASON_LIST = { closed: 'dropout', ceased: 'leaving' } as const;

/** The facts counted for the households listed (`ids`), by household, each reason in words. */
function eventsOf(db: Db, q: NonNullable<DrillQuery['events']>, ids: number[]): Map<number, DrillEventRow[]> {
  const rows = db
    .prepare<
      unknown[],
      {
        household_id: number;
        kind: DrillEventKind;
        date: string;
        stage: string | null;
        reason: string | null;
        ended_by?: string | null;
        said?: string | null;
        might_return?: number | null;
      }
    >(
      `SELECT * FROM (${q.sql})
       WHERE household_id IN (SELECT value FROM json_each(?)) ORDER BY date, kind`,
    )
    .all(...q.params, JSON.stringify(ids));
  const labels = db
    .prepare<[], { list: string; key: string; label: string }>(
      'SELECT list, key, label FROM reasons ORDER BY position, key',
    )
    .all();
  const labelsOf = (list: string) =>
    new Map(labels.filter((l) => l.list === list).map((l) => [l.key, l.label]));
  const byList = { dropout: labelsOf('dropout'), leaving: labelsOf('leaving') };
  const out = new Map<number, DrillEventRow[]>();
  for (const r of rows) {
    const list = r.kind === 'approved' ? null : REASON_LIST[r.kind];
    const reason = list && r.reason !== null ? reasonWords(list, r.reason, byList[list]) : null;
    const of = out.get(r.household_id) ?? [];
    const endedBy =
      r.ended_by === undefined
        ? {}
        : { endedBy: r.ended_by === null ? null : (ENDED_BY_LABELS[r.ended_by as EndedBy] ?? null) };
    of.push({
      kind: r.kind,
      date: r.date,
      stage: r.stage,
      reason,
      ...endedBy,
      ...(list && saidOf(r, list, byList[list])),
    });
    out.set(r.household_id, of);
  }
  return out;
}

/**
 * What a held interview said (`said` the reasons' JSON array of keys), in words (`labels` the
 * list's, in its order); {} where the query selects none.
 */
function saidOf(
  r: { said?: string | null; might_return?: number | null },
  list: ReasonList,
  labels: ReadonlyMap<string, string>,
): Pick<DrillEventRow, 'said' | 'mightReturn'> {
  if (r.said === undefined) return {};
  if (r.said === null) return { said: null, mightReturn: null };
  const keys: unknown = JSON.parse(r.said);
  // In the list's order (`labels`' own), as the tables' rows and the interview form's boxes are.
  const order = [...labels.keys()];
  const at = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return {
    said: (Array.isArray(keys) ? (keys as string[]) : [])
      .sort((a, b) => at(a) - at(b))
      .map((k) => reasonWords(list, k, labels)),
    mightReturn: r.might_return === null || r.might_return === undefined ? null : r.might_return === 1,
  };
}

/** How many households both queries select. */
export function countInBoth(db: Db, a: DrillQuery, b: DrillQuery): number {
  return db
    .prepare(`SELECT COUNT(*) FROM (${a.sql} INTERSECT ${b.sql})`)
    .pluck()
    .get(...a.params, ...b.params) as number;
}

/** The households a drill query selects: how many, and the first `limit` by reference. */
export function drillHouseholds(
  db: Db,
  q: DrillQuery,
  limit: number,
): { total: number; households: DrillRow[] } {
  const total = db
    .prepare(`SELECT COUNT(*) FROM (SELECT DISTINCT * FROM (${q.sql}))`)
    .pluck()
    .get(...q.params) as number;
  const rows = db
    .prepare<
      unknown[],
      {
        id: number;
        reference: string;
        first_name: string | null;
        surname: string | null;
        stage: string;
        status: string;
        purged_at: string | null;
      }
    >(
      `SELECT id, reference, first_name, surname, stage, status, purged_at FROM households
       WHERE id IN (${q.sql}) ORDER BY reference LIMIT ?`,
    )
    .all(...q.params, limit);
  const events = q.events
    ? eventsOf(
        db,
        q.events,
        rows.map((h) => h.id),
      )
    : null;
  const why = q.why
    ? whyOf(
        db,
        q.why,
        rows.map((h) => h.id),
      )
    : null;
  return {
    total,
    households: rows.map((h) => ({
      id: h.id,
      reference: h.reference,
      name: shownName(h),
      stage: h.stage,
      status: h.status,
      ...(events && { events: events.get(h.id) ?? [] }),
      ...(why && { why: why.get(h.id) ?? [] }),
    })),
  };
}
