import type { Db } from '../open.ts';
import { CESSATION_EVENT, type DrillQuery } from './drill.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { funnelDateSql, pathwayAtSql } from '../journey-sql.ts';
import { heldInterviewSaid } from './reports/held-interviews.ts';
import { FUNNEL_MILESTONES, type FunnelMilestone, type Pathway } from '../../domain/stages.ts';

/**
 * The home dashboard's reads. Each count has a twin query selecting the households it counts,
 * so every number on the dashboard opens its households. Recruitment figures are per pathway.
 *
 * The year-to-date figures (milestones, cessations, drop-outs) read the episodes record, each
 * event on its episode's pathway at the event's date (db/journey-sql.ts `pathwayAtSql`, as
 * the recruitment tables count), so a pathway switch today never moves last year's figures.
 * The open pipeline is today's: it counts households on their pathway today.
 */

const FUNNEL_KINDS = FUNNEL_MILESTONES;
export type FunnelKind = FunnelMilestone;

/**
 * Episodes with the milestone `kind` dated in [?, ?] on the pathway (?) at that date, by its own index
 * (the Stage 1 start as the funnel counts it: db/journey-sql.ts funnelDateSql).
 */
function datedFrom(kind: FunnelKind): string {
  // A column name in the SQL: only ever one of the constant kinds.
  if (!(FUNNEL_KINDS as readonly string[]).includes(kind))
    throw new Error(`Unknown milestone ${String(kind)}`);
  const { date, index } = funnelDateSql(kind);
  return `FROM episodes INDEXED BY ${index}
    WHERE ${date} BETWEEN ? AND ? AND ${pathwayAtSql(date)} = ?`;
}

/** Milestones of each funnel kind dated from `from` to `to`. */
export function countMilestones(
  db: Db,
  pathway: Pathway,
  from: IsoDate,
  to: IsoDate,
): Record<FunnelKind, number> {
  const rows = db
    .prepare<unknown[], { kind: FunnelKind; n: number }>(
      FUNNEL_KINDS.map((k) => `SELECT '${k}' AS kind, COUNT(*) AS n ${datedFrom(k)}`).join(' UNION ALL '),
    )
    .all(...FUNNEL_KINDS.flatMap(() => [from, to, pathway]));
  const out = Object.fromEntries(FUNNEL_KINDS.map((k) => [k, 0])) as Record<FunnelKind, number>;
  for (const r of rows) out[r.kind] = r.n;
  return out;
}

export const milestonesQuery = (
  pathway: Pathway,
  kind: FunnelKind,
  from: IsoDate,
  to: IsoDate,
): DrillQuery => ({ sql: `SELECT household_id ${datedFrom(kind)}`, params: [from, to, pathway] });

/**
 * Approvals dated in the range on the pathway, as a drill's events (db/queries/drill.ts): the
 * approval and its date; nothing said (an approval has no exit interview), in the columns the
 * cessations beside it in the net change's list fill (ceasedQuery).
 */
export const approvalEvents = (pathway: Pathway, from: IsoDate, to: IsoDate): DrillQuery => ({
  sql: `SELECT household_id, 'approved' AS kind, ${funnelDateSql('approval').date} AS date, NULL AS stage,
    NULL AS reason, NULL AS said, NULL AS might_return ${datedFrom('approval')}`,
  params: [from, to, pathway],
});

export function countCeased(db: Db, pathway: Pathway | 'all', from: IsoDate, to: IsoDate): number {
  const q = ceasedQuery(pathway, from, to);
  return db
    .prepare(`SELECT COUNT(*) FROM (${q.sql})`)
    .pluck()
    .get(...q.params) as number;
}

const CEASED_PATHWAY = pathwayAtSql('ceased_on');

/**
 * Cessations dated in the range, on the pathway at the cessation (the approved episodes carry them),
 * with each one's date and reason, and what its exit interview said if one was held (the reports'
 * rule, as the retention table's ceased row), as the drill's events.
 */
export function ceasedQuery(
  pathway: Pathway | 'all',
  from: IsoDate,
  to: IsoDate,
): DrillQuery & { events: NonNullable<DrillQuery['events']> } {
  const where = `FROM episodes INDEXED BY episodes_by_approval
    WHERE approval IS NOT NULL AND ceased_on BETWEEN ? AND ?${pathway === 'all' ? '' : ` AND ${CEASED_PATHWAY} = ?`}`;
  const params = pathway === 'all' ? [from, to] : [from, to, pathway];
  return {
    sql: `SELECT household_id ${where}`,
    params,
    events: {
      sql: `SELECT ${CESSATION_EVENT}, ${heldInterviewSaid('cessation')} ${where}`,
      params,
    },
  };
}
/** Open households by the stage they are at. */
export function openByStage(db: Db, pathway: Pathway): Record<string, number> {
  const rows = db
    .prepare<[string], { stage: string; n: number }>(
      "SELECT stage, COUNT(*) AS n FROM households WHERE status = 'open' AND pathway = ? GROUP BY stage",
    )
    .all(pathway);
  return Object.fromEntries(rows.map((r) => [r.stage, r.n]));
}

/**
 * Open households on the pathway with no date for the stage they are at: at Enquiry with no
 * enquiry date (an import's row without one; any later stage has its own date). The pipeline
 * counts them; the forecast cannot (it walks each open household on from the day it reached its
 * stage), so Home says how many it leaves out so (helper-273: 32 in the pipeline, 31 forecast).
 */
const UNDATED_OPEN = "FROM households WHERE status = 'open' AND pathway = ? AND stage_date IS NULL";

export const undatedOpenQuery = (pathway: Pathway): DrillQuery => ({
  sql: `SELECT id ${UNDATED_OPEN}`,
  params: [pathway],
});

export function countUndatedOpen(db: Db, pathway: Pathway): number {
  return db.prepare<[string], number>(`SELECT count(*) ${UNDATED_OPEN}`).pluck().get(pathway)!;
}

export const openStageQuery = (pathway: Pathway, stage: string): DrillQuery => ({
  sql: "SELECT id FROM households WHERE status = 'open' AND stage = ? AND pathway = ?",
  params: [stage, pathway],
});

/** Overdue alerts (every pathway: they are the day's work), by the kind of the next alert. */
export function overdueByKind(db: Db): Array<{ kind: string; count: number }> {
  return db
    .prepare<[], { kind: string; count: number }>(
      `SELECT next_alert AS kind, COUNT(*) AS count FROM households WHERE overdue = 1
       GROUP BY next_alert ORDER BY count DESC, kind`,
    )
    .all();
}

export const overdueQuery = (kind: string | null): DrillQuery =>
  kind
    ? { sql: 'SELECT id FROM households WHERE overdue = 1 AND next_alert = ?', params: [kind] }
    : { sql: 'SELECT id FROM households WHERE overdue = 1', params: [] };

/**
 * Drop-outs dated in [?, ?] on the pathway (?) at the closure: driven by the closures' date
 * index, each closure's episode row (by its key) giving the pathway.
 */
const DROPOUTS = `FROM closures c
  CROSS JOIN episodes e ON e.household_id = c.household_id AND e.episode = c.episode
  WHERE c.date BETWEEN ? AND ? AND ${pathwayAtSql('c.date', 'e.')} = ?`;

/**
 * Drop-outs dated from `from` to `to` by reason, most first (label from the reason list). Reasons
 * with as many drop-outs are in the reason list's order (Settings, as the service arranged it;
 * the drop-out table's row order), not by label: the same order as the table a manager checks
 * Home against, which decides which of two tied reasons makes Home's top five, and which a
 * rename does not change. A key no longer in the list (never by hand) comes after, by key.
 */
export function dropoutsByReason(
  db: Db,
  pathway: Pathway,
  from: IsoDate,
  to: IsoDate,
): Array<{ reason: string; label: string; count: number }> {
  return db
    .prepare<unknown[], { reason: string; label: string; count: number }>(
      `SELECT x.reason, COALESCE(r.label, x.reason) AS label, x.count
       FROM (SELECT c.reason_key AS reason, COUNT(*) AS count ${DROPOUTS} GROUP BY c.reason_key) x
       LEFT JOIN reasons r ON r.list = 'dropout' AND r.key = x.reason
       ORDER BY x.count DESC, r.position IS NULL, r.position, x.reason`,
    )
    .all(from, to, pathway);
}

/**
 * The drop-outs `from` (DROPOUTS and a condition) selects, with each closure's date, stage and
 * reason, and what its exit interview said if one was held (the reports' rule), as events.
 */
const closuresOf = (from: string, params: unknown[]): DrillQuery => ({
  sql: `SELECT c.household_id ${from}`,
  params,
  events: {
    sql: `SELECT c.household_id, 'closed' AS kind, c.date, c.stage_reached AS stage, c.reason_key AS reason,
      ${heldInterviewSaid('closure', 'e.')} ${from}`,
    params,
  },
});

/** Drop-outs in the range with one reason, or with any reason when `reason` is null. */
export const dropoutQuery = (
  pathway: Pathway,
  reason: string | null,
  from: IsoDate,
  to: IsoDate,
): DrillQuery =>
  reason === null
    ? closuresOf(DROPOUTS, [from, to, pathway])
    : closuresOf(`${DROPOUTS} AND c.reason_key = ?`, [from, to, pathway, reason]);

/** Drop-outs in the range whose reason has exactly `each` drop-outs in it (Home's reasons tied with the fifth). */
export const dropoutsEachQuery = (pathway: Pathway, each: number, from: IsoDate, to: IsoDate): DrillQuery =>
  closuresOf(
    `${DROPOUTS} AND c.reason_key IN (SELECT c.reason_key ${DROPOUTS} GROUP BY c.reason_key HAVING COUNT(*) = ?)`,
    [from, to, pathway, from, to, pathway, each],
  );

/** An open kinship household's current episode with a reg 24 placement, and its clock's dates. */
export interface Reg24Placement {
  id: number;
  reference: string;
  first_name: string | null;
  surname: string | null;
  purged_at: string | null;
  reg24_placement: string;
  extension: string | null;
  /** The extension's length in weeks, where recorded. */
  extension_weeks: number | null;
  irm_pending_from: string | null;
  irm_pending_to: string | null;
}

/**
 * Open households whose current episode has a reg 24 placement and no approval: the households a
 * temporary approval clock runs for (one switched to mainstream since too: the child is still placed). Driven from the placements (few, by index;
 * CROSS JOIN keeps that order), never from every open household.
 */
export function openReg24Placements(db: Db): Reg24Placement[] {
  return db
    .prepare<[], Reg24Placement>(
      `SELECT h.id, h.reference, h.first_name, h.surname, h.purged_at,
         e.reg24_placement, e.extension, e.irm_pending_from, e.irm_pending_to,
         (SELECT x.weeks FROM journey_dates x WHERE x.household_id = h.id AND x.episode = h.episode
            AND x.kind = 'extension') AS extension_weeks
       FROM journey_dates j
       CROSS JOIN households h ON h.id = j.household_id AND h.episode = j.episode
       CROSS JOIN episodes e ON e.household_id = h.id AND e.episode = h.episode
       WHERE j.kind = 'reg24_placement' AND h.status = 'open' AND e.approval IS NULL`,
    )
    .all();
}

/** A household whose next alert falls due in a range of days, as stored with it (db/queries/summary.ts). */
export interface DueAlertRow {
  id: number;
  reference: string;
  first_name: string | null;
  surname: string | null;
  purged_at: string | null;
  kind: string;
  due: string;
}

/**
 * Households whose next alert is due from `from` to `to` (both included), soonest first, then by
 * reference: read by the next alert's date index (households_by_next_alert), the range a few days'
 * alerts, never every household. Closed, approved and ceased households have no alert.
 */
export function alertsDueBetween(db: Db, from: IsoDate, to: IsoDate): DueAlertRow[] {
  return db
    .prepare<[string, string], DueAlertRow>(
      `SELECT id, reference, first_name, surname, purged_at, next_alert AS kind, next_alert_date AS due
       FROM households INDEXED BY households_by_next_alert
       WHERE next_alert_date BETWEEN ? AND ? AND next_alert IS NOT NULL
       ORDER BY next_alert_date, reference COLLATE NOCASE, id`,
    )
    .all(from, to);
}
