import { ApiError } from '../contract/errors.ts';
import type { HomeDrillResult } from '../contract/planning.ts';
import { inOneSnapshot, type Db } from '../db/handle.ts';
import {
  approvalEvents,
  ceasedQuery,
  countCeased,
  countMilestones,
  dropoutQuery,
  dropoutsEachQuery,
  milestonesQuery,
  openStageQuery,
  overdueQuery,
  undatedOpenQuery,
  type FunnelKind,
} from '../db/queries/dashboard.ts';
import { readThresholds } from '../db/queries/alerts.ts';
import { countInBoth, drillHouseholds, type DrillQuery } from '../db/queries/drill.ts';
import { householdIdsQuery, withEpisodeDays } from '../db/queries/forecast-source.ts';
import { isoToDayNumber, type IsoDate } from '../domain/dates.ts';
import { openDays } from '../domain/forecast.ts';
import { FUNNEL_MILESTONES, OPEN_STAGES } from '../domain/stages.ts';
import { countOf, MINUS } from '../domain/words.ts';
import { homeAlertLists, kinshipDeadlines, PATHWAY, periodsOf } from './dashboard-lists.ts';

/**
 * The households behind one of Home's figures (planning/dashboard.ts), from its drill key, read
 * with the figure (one state of the records).
 */
export function homeHouseholds(db: Db, key: string, today: IsoDate, limit: number): HomeDrillResult {
  return inOneSnapshot(db, () => {
    const { note, ...q } = dashboardDrill(db, key, today);
    return { ...drillHouseholds(db, q, limit), ...(note && { note }) };
  });
}

/** A net figure as a sentence says it: +4, −2 (the minus sign), 0. */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${MINUS}${-n}` : '0');

/**
 * What the net change's list adds up, so a manager reading 6 households behind a net change of +4
 * is told why: "5 approved and 1 ceased to foster: net change +4." A household approved and
 * ceased in the period counts in both and is listed once, which the line says.
 */
function netNote(db: Db, approvals: DrillQuery, cessations: DrillQuery, from: IsoDate, to: IsoDate): string {
  const approved = countMilestones(db, PATHWAY, from, to).approval;
  const ceased = countCeased(db, PATHWAY, from, to);
  const both = countInBoth(db, approvals, cessations);
  return `${approved} approved and ${ceased} ceased to foster: net change ${signed(approved - ceased)}.${
    both > 0 ? ` ${countOf(both, 'household')} ${both === 1 ? 'was' : 'were'} both, listed once.` : ''
  }`;
}

const KINDS = new Set<string>(FUNNEL_MILESTONES);

/** The households behind a dashboard number, from its drill key. */
function dashboardDrill(db: Db, key: string, today: IsoDate): DrillQuery & { note?: string } {
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
      note: netNote(db, x, y, from, to),
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
  if (what === 'forecast' && a === 'undated') return undatedOpenQuery(PATHWAY);
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
