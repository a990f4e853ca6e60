import type { Report, ReportRow } from '../../../src-main/contract/reports.ts';
import { FUNNEL_ROWS } from '../../../src-main/contract/report-shapes.ts';

/** What the chart of each table plots, derived from the report itself (never recomputed). */
export interface ChartSpec {
  kind: 'bar' | 'line' | 'composed';
  stacked: boolean;
  /** Horizontal bars, for long category names (reasons). */
  horizontal: boolean;
  /** One entry per point on the x axis (or y for horizontal bars). */
  data: Array<Record<string, string | number | null>>;
  series: Array<{ key: string; label: string; as?: 'bar' | 'line' }>;
  unit: string;
  description: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function byColumns(report: Report, rows: ReportRow[]): ChartSpec['data'] {
  return report.columns
    .filter((c) => c.key !== 'total')
    .map((c) => ({ name: c.label, ...Object.fromEntries(rows.map((r) => [r.key, num(r.values[c.key])])) }));
}

const pick = (report: Report, keys: string[]) =>
  keys.map((k) => report.rows.find((r) => r.key === k)).filter((r): r is ReportRow => !!r);

export function chartSpec(report: Report): ChartSpec {
  const series = (rows: ReportRow[], as?: 'bar' | 'line') =>
    rows.map((r) => ({ key: r.key, label: r.label, as }));
  switch (report.table) {
    case 'funnel': {
      const rows = pick(
        report,
        FUNNEL_ROWS.map((r) => r.key),
      );
      return {
        kind: 'bar',
        stacked: false,
        horizontal: false,
        data: byColumns(report, rows),
        series: series(rows),
        unit: 'households',
        description:
          'Bar chart of enquiries, expressions of interest, Stage 1, Stage 2 and approvals in each period.',
      };
    }
    case 'cohort': {
      const rows = report.rows.filter((r) => r.kind === 'rate');
      return {
        kind: 'line',
        stacked: false,
        horizontal: false,
        data: byColumns(report, rows),
        series: series(rows),
        unit: '% of cohort',
        description: 'Line chart of the share of each cohort reaching each stage.',
      };
    }
    case 'dropout': {
      const rows = report.rows.filter((r) => r.key !== 'total');
      const stages = report.columns.filter((c) => c.key !== 'total');
      return {
        kind: 'bar',
        stacked: true,
        horizontal: true,
        data: rows.map((r) => ({
          name: r.label,
          ...Object.fromEntries(stages.map((c) => [c.key, num(r.values[c.key])])),
        })),
        series: stages.map((c) => ({ key: c.key, label: c.label })),
        unit: 'drop-outs',
        description: 'Stacked bar chart of drop-outs by reason, each bar split by the stage reached.',
      };
    }
    case 'leaving': {
      const rows = report.rows.filter((r) => r.key !== 'total');
      return {
        kind: 'bar',
        stacked: true,
        horizontal: false,
        data: byColumns(report, rows),
        series: series(rows),
        unit: 'households',
        description:
          'Stacked bar chart of households that ceased in each period, split by reason for leaving.',
      };
    }
    case 'retention': {
      const bars = pick(report, ['approved', 'ceased']);
      const lines = pick(report, ['households_start', 'households_end']);
      return {
        kind: 'composed',
        stacked: false,
        horizontal: false,
        data: byColumns(report, [...bars, ...lines]),
        series: [...series(bars, 'bar'), ...series(lines, 'line')],
        unit: 'households',
        description:
          'Bars of households approved and ceased in each period, with lines of approved households at its start and end.',
      };
    }
    case 'timescales': {
      const rows = report.rows.filter((r) => r.key.endsWith('_median'));
      return {
        kind: 'line',
        stacked: false,
        horizontal: false,
        data: byColumns(report, rows),
        series: series(rows),
        unit: 'days',
        description: 'Line chart of the median days between milestones in each period.',
      };
    }
    case 'sources': {
      const rows = report.rows.filter((r) => r.kind === 'count' && !r.key.includes(':') && r.key !== 'total');
      return {
        kind: 'bar',
        stacked: true,
        horizontal: false,
        data: byColumns(report, rows),
        series: series(rows).map((s) => ({ ...s, label: s.label.replace(/: enquiries$/, '') })),
        unit: 'enquiries',
        description: 'Stacked bar chart of enquiries in each period, split by source.',
      };
    }
    case 'kinship': {
      const rows = pick(report, ['requests', 'viability_positive', 'full_assessments', 'approvals']);
      return {
        kind: 'bar',
        stacked: false,
        horizontal: false,
        data: byColumns(report, rows),
        series: series(rows),
        unit: 'assessments',
        description:
          'Bar chart of kinship viability requests, positive viability outcomes, full assessments started and approvals in each period.',
      };
    }
    case 'ofsted': {
      const rows = pick(report, [
        'applications_received',
        'applications_approved',
        'applications_withdrawn',
        'applications_turned_down',
        'households_deregistered',
      ]);
      return {
        kind: 'bar',
        stacked: false,
        horizontal: false,
        data: byColumns(report, rows),
        series: series(rows),
        unit: 'households',
        description:
          'Bar chart of applications received, approved, withdrawn and turned down, and households deregistered, for mainstream, family and friends and all households.',
      };
    }
    case 'diversity': {
      // Each cohort's ethnic groups as shares of those recorded, beside the children in care.
      const rows = report.rows.filter((r) => r.kind === 'rate');
      return {
        kind: 'bar',
        stacked: true,
        horizontal: true,
        data: byColumns(report, rows),
        series: series(rows).map((s) => ({ ...s, label: s.label.replace(/ \(% of recorded\)$/, '') })),
        unit: '% of people with an ethnicity recorded',
        description:
          'Stacked bar chart: for enquirers, applicants and approved carers in each year, and the children in care, the share of each ethnic group among the people whose ethnicity is recorded.',
      };
    }
    case 'forecast': {
      const bars = pick(report, ['expected']);
      const lines = pick(report, ['low', 'high']);
      return {
        kind: 'composed',
        stacked: false,
        horizontal: false,
        data: byColumns(report, [...bars, ...lines]),
        series: [...series(bars, 'bar'), ...series(lines, 'line')],
        unit: 'approvals',
        description:
          'Bars of the expected approvals in each quarter, with lines at the low and high ends of the 80% range.',
      };
    }
    case 'forecast-backtest': {
      const bars = pick(report, ['forecast', 'actual']);
      const lines = pick(report, ['low', 'high']);
      return {
        kind: 'composed',
        stacked: false,
        horizontal: false,
        data: byColumns(report, [...bars, ...lines]),
        series: [...series(bars, 'bar'), ...series(lines, 'line')],
        unit: 'approvals',
        description:
          'Bars of the approvals forecast at 1 April and the actual approvals from that pipeline in each year, with lines at the low and high ends of the forecast’s 80% range.',
      };
    }
  }
}

/** Distinguishable on white and for the commonest colour-vision differences (Okabe–Ito, then extras). */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#7A6A00',
  '#000000',
  '#8C564B',
  '#6A3D9A',
  '#999999',
  '#1F78B4',
];
