import { ApiError } from '../contract/errors.ts';
import type { HomeDrillResult } from '../contract/planning.ts';
import { inOneSnapshot, type Db } from '../db/handle.ts';
import {
  approvalEvents,
  ceasedQuery,
  dropoutQuery,
  dropoutsEachQuery,
  milestonesQuery,
  openStageQuery,
  overdueQuery,
  type FunnelKind,
} from '../db/queries/dashboard.ts';
import { readThresholds } from '../db/queries/alerts.ts';
import { drillHouseholds, type DrillQuery } from '../db/queries/drill.ts';
import { householdIdsQuery, withEpisodeDays } from '../db/queries/forecast-source.ts';
import { isoToDayNumber, type IsoDate } from '../domain/dates.ts';
import { openDays } from '../domain/forecast.ts';
import { FUNNEL_MILESTONES, OPEN_STAGES } from '../domain/stages.ts';
import { homeAlertLists, kinshipDeadlines, PATHWAY, periodsOf } from './dashboard-lists.ts';

/**
 * The households behind one of Home's figures (planning/dashboard.ts), from its drill key, read
 * with the figure (one state of the records).
 */
export function homeHouseholds(db: Db, key: string, today: IsoDate, limit: number): HomeDrillResult {
  return inOneSnapshot(db, () => drillHouseholds(db, dashboardDrill(db, key, today), limit));
}

const KINDS = new Set<string>(FUNNEL_MILESTONES);

/** The households behind a dashboard number, from its drill key. */
function dashboardDrill(db: Db, key: string, today: IsoDate): DrillQuery {
  const p = periodsOf(today);
  const range = (when: string) =>
    (when === 'last' ? [p.lastFrom, p.lastTo] : [p.thisFrom, p.thisTo]) as [IsoDate, IsoDate];
  const [what, a = '', b = ''] = key.split(':');
  if (what === 'ytd' && a === 'net' && (b === 'this' || b === 'last')) {
    const [from, to] = range(b);
    const x = milestonesQuery(PATHWAY, 'approval', from, to);
    const y = ceasedQuery(PATHWAY, from, to);
    const xe = approvalEvents(PATHWAY, from, to);
    return {
      sql: `${x.sql} UNION ALL ${y.sql}`,
      params: [...x.params, ...y.params],
      events: { sql: `${xe.sql} UNION ALL ${y.events.sql}`, params: [...xe.params, ...y.events.params] },
    };
  }
  if (what === 'ytd' && KINDS.has(a) && (b === 'this' || b === 'last')) {
    return milestonesQuery(PATHWAY, a as FunnelKind, ...range(b));
  }
  if (what === 'pipeline' && (OPEN_STAGES as readonly string[]).includes(a))
    return openStageQuery(PATHWAY, a);
  if (what === 'forecast' && a === 'open') {
    return householdIdsQuery(
      withEpisodeDays(db, PATHWAY, (d) => openDays(d, isoToDayNumber(today)).map((e) => e.householdId)),
    );
  }
  if (what === 'alerts') return overdueQuery(a || null);
  if (what === 'dropouts') return dropoutQuery(PATHWAY, a || null, p.thisFrom, p.thisTo);
  // The reasons tied with the fifth that Home counts in one line ('And 6 more reasons with 1 drop-out each').
  if (what === 'dropouts-each' && /^[1-9]\d{0,8}$/.test(a))
    return dropoutsEachQuery(PATHWAY, Number(a), p.thisFrom, p.thisTo);
  if (what === 'kinship')
    return householdIdsQuery(kinshipDeadlines(db, today, readThresholds(db)).map((d) => d.id));
  if (what === 'due-soon') return householdIdsQuery(homeAlertLists(db, today).due.map((d) => d.id));
  throw new ApiError('not_found', `drill: the dashboard has no number "${key}".`, 'drill');
}
