import type { DashboardNumber, HomeDashboard, TrackStatus } from '../contract/planning.ts';
import { columnHeading, FUNNEL_ROWS } from '../contract/report-shapes.ts';
import { inOneSnapshot, type Db } from '../db/handle.ts';
import {
  countCeased,
  countMilestones,
  countUndatedOpen,
  dropoutsByReason,
  openByStage,
  overdueByKind,
} from '../db/queries/dashboard.ts';
import { readFigures } from '../db/queries/planning-figures.ts';
import { ALERT_LABELS, type AlertKind } from '../domain/alerts.ts';
import { addDays, daysBetween, type IsoDate } from '../domain/dates.ts';
import { fyEnd, fyStart } from '../domain/financial-year.ts';
import { OPEN_STAGES, PATHWAY_LABELS, STAGE_LABELS, type FunnelMilestone } from '../domain/stages.ts';
import {
  BASES,
  BASIS_LABELS,
  MEASURE_KIND,
  MEASURE_LABELS,
  MEASURES,
  type Measure,
} from '../domain/targets.ts';
import { topWithTies } from '../domain/top-with-ties.ts';
import {
  forecastCoverage,
  liveForecast,
  notForecastNote,
  quarterColumns,
  quartersSpan,
} from '../reports/forecast.ts';
import { rate } from '../reports/rate.ts';
import { DUE_DAYS, homeAlertLists, KINSHIP_DAYS, PATHWAY, periodsOf } from './dashboard-lists.ts';
import { figureOf } from './figures.ts';

/**
 * The home dashboard: where the year is going for mainstream recruitment (the funnel proper),
 * the day's overdue alerts (every pathway), the alerts due this week and the kinship deadlines of
 * the next four weeks.
 * Every number carries a drill key that `dashboardDrill` (dashboard-drill.ts) turns back into its households.
 */
/** The panel of alerts due this week (dashboard-lists.ts DUE_DAYS) lists the soonest DUE_SHOWN. */
export const DUE_SHOWN = 10;
export { DUE_DAYS, KINSHIP_DAYS } from './dashboard-lists.ts';
export { homeHouseholds } from './dashboard-drill.ts';

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

const n = (value: number, drill: string): DashboardNumber => ({ value, drill });
const one = (v: number) => Math.round(v * 10) / 10;

/** Home's panels, all from one state of the records. */
export function homeDashboard(db: Db, today: IsoDate): HomeDashboard {
  return inOneSnapshot(db, () => dashboardOf(db, today));
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
  // The quarters headed as the Reports screen's forecast heads them (its begun one "from" tomorrow).
  const columns = quarterColumns(live.quarters, today);
  const soFar = now.approval;
  const year = {
    // Whole, as the range (domain/forecast.ts expectedApprovals); the status below reads the figure shown.
    expected: soFar + live.restOfYear.expected,
    low: soFar + live.restOfYear.low,
    high: soFar + live.restOfYear.high,
  };
  const approvalsTarget = target('approved');
  const coverage = forecastCoverage(live);
  const none = coverage.none;
  const forecastStatus: TrackStatus | null = none
    ? null
    : approvalsTarget === null
      ? 'no_target'
      : year.expected >= approvalsTarget
        ? 'on_track'
        : year.high >= approvalsTarget
          ? 'at_risk'
          : 'off_track';

  const alerts = overdueByKind(db);
  const dropouts = dropoutsByReason(db, PATHWAY, p.thisFrom, p.thisTo);
  const topDropouts = topWithTies(dropouts);
  const { deadlines, due } = homeAlertLists(db, today);

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
        heading: columnHeading(columns[i]!),
        expected: live.expected[i]!,
        low: live.low[i]!,
        high: live.high[i]!,
      })),
      span: quartersSpan(today),
      restFrom: columns[0]!.countsFrom ?? null,
      approvedSoFar: n(soFar, 'ytd:approval:this'),
      year,
      // What the approvals so far and this year's quarters, each as shown, add up to.
      quartersAddUpTo: live.restOfYear.quarters.reduce((sum, i) => sum + live.expected[i]!, soFar),
      target: approvalsTarget,
      status: forecastStatus,
      open: n(coverage.open, 'forecast:open'),
      undated: n(countUndatedOpen(db, PATHWAY), 'forecast:undated'),
      forecastFrom: coverage.from,
      notForecast: notForecastNote(live, true),
      none,
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
      // Passed limits stay until the record says what happened (a CRM's stale records too): the
      // first few are listed, the count opens them all (helper-243).
      total: deadlines.length,
      deadlines: deadlines.slice(0, DUE_SHOWN).map((d) => ({
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
