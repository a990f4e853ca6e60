import { ApiError } from '../contract/errors.ts';
import type { DashboardNumber, HomeDashboard, HomeDrillResult, TrackStatus } from '../contract/planning.ts';
import { inOneSnapshot, type Db } from '../db/handle.ts';
import { readThresholds } from '../db/queries/alerts.ts';
import {
  alertsDueBetween,
  approvalEvents,
  ceasedQuery,
  countCeased,
  countMilestones,
  dropoutQuery,
  dropoutsEachQuery,
  dropoutsByReason,
  openReg24Placements,
  milestonesQuery,
  openByStage,
  openStageQuery,
  overdueByKind,
  overdueQuery,
  type FunnelKind,
} from '../db/queries/dashboard.ts';
import { drillHouseholds, type DrillQuery } from '../db/queries/drill.ts';
import { householdIdsQuery, withEpisodeDays } from '../db/queries/forecast-source.ts';
import { readFigures } from '../db/queries/planning-figures.ts';
import { ALERT_LABELS, type AlertKind, type AlertThresholds } from '../domain/alerts.ts';
import { addDays, addMonths, daysBetween, isoToDayNumber, type IsoDate } from '../domain/dates.ts';
import { fyEnd, fyLabel, fyOf, fyStart, fyStartYear } from '../domain/financial-year.ts';
import { openDays } from '../domain/forecast.ts';
import { topWithTies } from '../domain/top-with-ties.ts';
import { shownName } from '../domain/words.ts';
import { reg24Clock, reg24Due } from '../domain/decision-clocks.ts';
import { FUNNEL_ROWS } from '../contract/report-shapes.ts';
import {
  FUNNEL_MILESTONES,
  OPEN_STAGES,
  PATHWAY_LABELS,
  STAGE_LABELS,
  type FunnelMilestone,
} from '../domain/stages.ts';
import {
  BASES,
  BASIS_LABELS,
  MEASURE_KIND,
  MEASURE_LABELS,
  MEASURES,
  type Measure,
} from '../domain/targets.ts';
import { liveForecast } from '../reports/forecast.ts';
import { rate } from '../reports/rate.ts';
import { figureOf } from './figures.ts';

/**
 * The home dashboard: where the year is going for mainstream recruitment (the funnel proper),
 * the day's overdue alerts (every pathway), the alerts due this week and the kinship deadlines of
 * the next four weeks.
 * Every number carries a drill key that `dashboardDrill` turns back into its households.
 */
const PATHWAY = 'mainstream' as const;
export const KINSHIP_DAYS = 28;
/** Alerts due this week: today and the six days after it; the panel lists the soonest DUE_SHOWN. */
export const DUE_DAYS = 7;
export const DUE_SHOWN = 10;

/** Home's words for the recruitment table's count rows, whose keys and order it takes (FUNNEL_ROWS). */
const YTD_LABELS: Record<FunnelMilestone, string> = {
  enquiry: 'Initial enquiries',
  eoi: 'Expressions of interest',
  stage1: 'Stage 1 started',
  stage2: 'Stage 2 started',
  approval: 'Households approved',
};
const YTD = FUNNEL_ROWS.map((r) => ({ key: r.key, kind: r.kind, label: YTD_LABELS[r.kind] }));
const isMeasure = (key: string): key is Measure => (MEASURES as readonly string[]).includes(key);

interface Periods {
  fy: string;
  lastFy: string;
  thisFrom: IsoDate;
  thisTo: IsoDate;
  lastFrom: IsoDate;
  lastTo: IsoDate;
}

function periodsOf(today: IsoDate): Periods {
  const fy = fyOf(today);
  const lastFy = fyLabel(fyStartYear(fy) - 1);
  return {
    fy,
    lastFy,
    thisFrom: fyStart(fy),
    thisTo: today,
    lastFrom: fyStart(lastFy),
    lastTo: addMonths(today, -12),
  };
}

interface KinshipDeadline {
  id: number;
  reference: string;
  name: string;
  kind: 'reg24_first' | 'reg24_final';
  due: IsoDate;
}

/**
 * Reg 24 temporary approval limits falling due from today to the end of the next four weeks:
 * the clock runs from the placement date (never the enquiry), as the alerts' clock does
 * (domain/decision-clocks.ts): 16 weeks, 24 once extended, none due while an IRM review is pending
 * and the review's outcome where that is later.
 */
function kinshipDeadlines(db: Db, today: IsoDate, t: AlertThresholds): KinshipDeadline[] {
  const last = addDays(today, KINSHIP_DAYS - 1);
  const out: KinshipDeadline[] = [];
  for (const p of openReg24Placements(db)) {
    const at = (date: string | null) => (date ? { date } : undefined);
    const clock = reg24Clock(
      {
        reg24_placement: { date: p.reg24_placement },
        extension: at(p.extension),
        irm_pending_from: at(p.irm_pending_from),
        irm_pending_to: at(p.irm_pending_to),
      },
      { first: t.kinshipFirstWeeks, final: t.kinshipFinalWeeks },
    );
    const due = reg24Due(clock);
    if (!due || due.due < today || due.due > last) continue;
    out.push({
      id: p.id,
      reference: p.reference,
      name: shownName(p),
      kind: due.kind,
      due: due.due,
    });
  }
  return out.sort((a, b) =>
    a.due < b.due ? -1 : a.due > b.due ? 1 : a.reference.localeCompare(b.reference),
  );
}

/**
 * Households whose next alert falls due from today to the last of the next DUE_DAYS (not yet
 * overdue: those are the overdue panel's), soonest first. A reg 24 limit the kinship panel lists
 * (same household, limit and date) is left to it, never listed twice.
 */
function dueSoon(db: Db, today: IsoDate, kinship: KinshipDeadline[]) {
  const inKinship = new Set(kinship.map((k) => `${k.id}:${k.kind}:${k.due}`));
  return alertsDueBetween(db, today, addDays(today, DUE_DAYS - 1))
    .filter((a) => !inKinship.has(`${a.id}:${a.kind}:${a.due}`))
    .map((a) => ({
      id: a.id,
      reference: a.reference,
      name: shownName(a),
      kind: a.kind,
      label: ALERT_LABELS[a.kind as AlertKind] ?? a.kind,
      due: a.due,
    }));
}

const n = (value: number, drill: string): DashboardNumber => ({ value, drill });
const one = (v: number) => Math.round(v * 10) / 10;

/** Home's panels, all from one state of the records. */
export function homeDashboard(db: Db, today: IsoDate): HomeDashboard {
  return inOneSnapshot(db, () => dashboardOf(db, today));
}

/** The households behind one of Home's figures, read with the figure (one state of the records). */
export function homeHouseholds(db: Db, key: string, today: IsoDate, limit: number): HomeDrillResult {
  return inOneSnapshot(db, () => drillHouseholds(db, dashboardDrill(db, key, today), limit));
}

function dashboardOf(db: Db, today: IsoDate): HomeDashboard {
  const p = periodsOf(today);
  const figures = readFigures(db);
  const target = (m: Measure) => figureOf(figures, p.fy, PATHWAY, 'target', m);
  const share = (daysBetween(p.thisFrom, today) + 1) / (daysBetween(p.thisFrom, fyEnd(p.fy)) + 1);
  const toDate = (t: number | null) => (t === null ? null : one(t * share));
  // Households come whole: off track only once a whole household short of the target to date
  // (at 00:00 on 1 April, 0 enquiries against 0.3 is not behind; 67 against 67.1 is not either).
  const track = (value: number, t: number | null): TrackStatus =>
    t === null ? 'no_target' : value >= Math.floor(t) ? 'on_track' : 'off_track';

  const now = countMilestones(db, PATHWAY, p.thisFrom, p.thisTo);
  const before = countMilestones(db, PATHWAY, p.lastFrom, p.lastTo);
  const yearToDate: HomeDashboard['yearToDate'] = YTD.map((r) => {
    const t = isMeasure(r.key) ? target(r.key) : null;
    return {
      key: r.key,
      label: r.label,
      thisYear: n(now[r.kind], `ytd:${r.kind}:this`),
      lastYear: n(before[r.kind], `ytd:${r.kind}:last`),
      target: t,
      targetToDate: toDate(t),
      status: track(now[r.kind], toDate(t)),
    };
  });
  const netNow = now.approval - countCeased(db, PATHWAY, p.thisFrom, p.thisTo);
  const netBefore = before.approval - countCeased(db, PATHWAY, p.lastFrom, p.lastTo);
  const netTarget = target('net_change');
  yearToDate.push({
    key: 'net_change',
    label: MEASURE_LABELS.net_change,
    thisYear: n(netNow, 'ytd:net:this'),
    lastYear: n(netBefore, 'ytd:net:last'),
    target: netTarget,
    targetToDate: toDate(netTarget),
    status: track(netNow, toDate(netTarget)),
  });

  const open = openByStage(db, PATHWAY);
  const pipeline = OPEN_STAGES.map((s) => ({
    stage: s,
    label: STAGE_LABELS[s],
    count: n(open[s] ?? 0, `pipeline:${s}`),
  }));

  // Approvals this year: those so far plus the forecast for the rest of the year, with its own range.
  const live = liveForecast(db, PATHWAY, today);
  const soFar = now.approval;
  const year = {
    // Whole, as the range (domain/forecast.ts expectedApprovals); the status below reads the figure shown.
    expected: soFar + live.restOfYear.expected,
    low: soFar + live.restOfYear.low,
    high: soFar + live.restOfYear.high,
  };
  const approvalsTarget = target('approved');
  const forecastStatus: TrackStatus =
    approvalsTarget === null
      ? 'no_target'
      : year.expected >= approvalsTarget
        ? 'on_track'
        : year.high >= approvalsTarget
          ? 'at_risk'
          : 'off_track';
  const openCount = Object.values(live.openByStage).reduce((a, b) => a + b, 0);

  const alerts = overdueByKind(db);
  const dropouts = dropoutsByReason(db, PATHWAY, p.thisFrom, p.thisTo);
  const topDropouts = topWithTies(dropouts);
  const t = readThresholds(db);
  const deadlines = kinshipDeadlines(db, today, t);
  const due = dueSoon(db, today, deadlines);

  return {
    today,
    fy: p.fy,
    lastFy: p.lastFy,
    sameDayLastYear: p.lastTo,
    pathwayLabel: PATHWAY_LABELS[PATHWAY],
    yearToDate,
    pipeline,
    forecast: {
      quarters: live.quarters.map((q, i) => ({
        key: q.key,
        expected: live.expected[i]!,
        low: live.low[i]!,
        high: live.high[i]!,
      })),
      approvedSoFar: n(soFar, 'ytd:approval:this'),
      year,
      target: approvalsTarget,
      status: forecastStatus,
      open: n(openCount, 'forecast:open'),
    },
    alerts: {
      overdue: n(
        alerts.reduce((s, a) => s + a.count, 0),
        'alerts',
      ),
      byKind: alerts.map((a) => ({
        kind: a.kind,
        label: ALERT_LABELS[a.kind as AlertKind] ?? a.kind,
        count: n(a.count, `alerts:${a.kind}`),
      })),
    },
    dropouts: {
      total: n(
        dropouts.reduce((s, d) => s + d.count, 0),
        'dropouts',
      ),
      top: topDropouts.top.map(({ row: d, rank, joint }) => ({
        reason: d.reason,
        label: d.label,
        rank,
        joint,
        count: n(d.count, `dropouts:${d.reason}`),
      })),
      more: topDropouts.more && {
        ...topDropouts.more,
        count: n(topDropouts.more.reasons * topDropouts.more.each, `dropouts-each:${topDropouts.more.each}`),
      },
    },
    dueSoon: {
      days: DUE_DAYS,
      to: addDays(today, DUE_DAYS - 1),
      count: n(due.length, 'due-soon'),
      alerts: due.slice(0, DUE_SHOWN),
    },
    kinship: {
      days: KINSHIP_DAYS,
      count: n(new Set(deadlines.map((d) => d.id)).size, 'kinship'),
      deadlines: deadlines.map((d) => ({
        id: d.id,
        reference: d.reference,
        name: d.name,
        label: ALERT_LABELS[d.kind],
        due: d.due,
      })),
    },
    comparators: comparators(db, p.lastFy, figures),
  };
}

/** Last complete year's figures beside the comparators typed in for it (only measures that have one). */
function comparators(
  db: Db,
  fy: string,
  figures: ReturnType<typeof readFigures>,
): HomeDashboard['comparators'] {
  const counts = countMilestones(db, PATHWAY, fyStart(fy), fyEnd(fy));
  const actual: Record<Measure, number | null> = {
    enquiries: counts.enquiry,
    approved: counts.approval,
    net_change: counts.approval - countCeased(db, PATHWAY, fyStart(fy), fyEnd(fy)),
    enquiry_to_approved: rate(counts.approval, counts.enquiry),
  };
  const rows = MEASURES.map((m) => ({
    measure: m,
    label: MEASURE_LABELS[m],
    kind: MEASURE_KIND[m],
    actual: actual[m],
    figures: BASES.filter((b) => b !== 'target').flatMap((b) => {
      const value = figureOf(figures, fy, PATHWAY, b, m);
      return value === null ? [] : [{ basis: b, label: BASIS_LABELS[b], value }];
    }),
  })).filter((r) => r.figures.length > 0);
  return { fy, rows };
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
  if (what === 'kinship') {
    const t = readThresholds(db);
    return householdIdsQuery(kinshipDeadlines(db, today, t).map((d) => d.id));
  }
  if (what === 'due-soon') {
    return householdIdsQuery(
      dueSoon(db, today, kinshipDeadlines(db, today, readThresholds(db))).map((d) => d.id),
    );
  }
  throw new ApiError('not_found', `drill: the dashboard has no number "${key}".`, 'drill');
}
