import type { Report, ReportRow } from '../../../src-main/contract/reports.ts';
import { columnHeading, FUNNEL_ROWS, type RowKind } from '../../../src-main/contract/report-shapes.ts';
import { LIKELY_RANGE } from '../../../src-main/contract/vocab.ts';

/** What the chart of each table plots, derived from the report itself (never recomputed). */
export interface ChartSpec {
  kind: 'bar' | 'line' | 'composed';
  stacked: boolean;
  /** Horizontal bars, for long category names (reasons). */
  horizontal: boolean;
  /** One entry per point on the x axis (or y for horizontal bars). */
  data: Array<Record<string, string | number | null>>;
  /** What the points are (the heading of the chart's table's first column): periods unless said. */
  category: string;
  /** Each series' kind of figure, as its row in the report: the chart's table writes it as the table does. */
  series: Array<{ key: string; label: string; kind: RowKind; as?: 'bar' | 'line' }>;
  unit: string;
  description: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * Each point is named as the table heads its column: a cohort (or a backtest year) too recent to
 * judge keeps its "(immature)" on the axis, the tooltip and the chart's table, a quarter in progress
 * its "(to date)". A period not yet started has nothing to draw: no bar or point, no place on the axis.
 */
function byColumns(report: Report, rows: ReportRow[]): ChartSpec['data'] {
  return report.columns
    .filter((c) => c.key !== 'total' && !c.notStarted)
    .map((c) => ({
      name: columnHeading(c),
      ...Object.fromEntries(rows.map((r) => [r.key, num(r.values[c.key])])),
    }));
}

const pick = (report: Report, keys: string[]) =>
  keys.map((k) => report.rows.find((r) => r.key === k)).filter((r): r is ReportRow => !!r);

/** How a chart lays its series out: bars side by side unless stacked; horizontal for long names. */
type Layout = Partial<Pick<ChartSpec, 'stacked' | 'horizontal' | 'category'>>;

export function chartSpec(report: Report): ChartSpec {
  const series = (rows: ReportRow[], as?: 'bar' | 'line') =>
    rows.map((r) => ({ key: r.key, label: r.label, kind: r.kind, as }));
  /** One series a row, one point a period column. */
  const rowsChart = (
    kind: 'bar' | 'line',
    rows: ReportRow[],
    unit: string,
    description: string,
    layout: Layout = {},
  ): ChartSpec => ({
    kind,
    stacked: layout.stacked ?? false,
    horizontal: layout.horizontal ?? false,
    data: byColumns(report, rows),
    category: layout.category ?? 'Period',
    series: series(rows),
    unit,
    description,
  });
  /** Rows drawn as bars with others as lines over them (a range, or a level at each period's ends). */
  const barsAndLines = (bars: string[], lines: string[], unit: string, description: string): ChartSpec => {
    const b = pick(report, bars);
    const l = pick(report, lines);
    return {
      ...rowsChart('bar', [...b, ...l], unit, description),
      kind: 'composed',
      series: [...series(b, 'bar'), ...series(l, 'line')],
    };
  };
  const relabel = (spec: ChartSpec, suffix: RegExp): ChartSpec => ({
    ...spec,
    series: spec.series.map((s) => ({ ...s, label: s.label.replace(suffix, '') })),
  });
  switch (report.table) {
    case 'funnel':
      return rowsChart(
        'bar',
        pick(
          report,
          FUNNEL_ROWS.map((r) => r.key),
        ),
        'households',
        'Bar chart of enquiries, expressions of interest, Stage 1, Stage 2 and approvals in each period.',
      );
    case 'cohort':
      return rowsChart(
        'line',
        report.rows.filter((r) => r.kind === 'rate'),
        '% of cohort',
        'Line chart of the share of each cohort reaching each stage.',
      );
    case 'dropout': {
      // Reasons down the side, each bar split by the stage reached: the table turned on its side.
      // By quarter, each bar is split by quarter (each quarter's total column), or its blocks' stages
      // and totals stacked together would count every drop-out twice.
      const rows = report.rows.filter((r) => r.key !== 'total');
      const quarterly = report.options.quarterly;
      const stages = quarterly
        ? report.columns
            .filter((c) => c.key.endsWith(' total') && !c.notStarted)
            .map((c) => ({ key: c.key, label: c.key.slice(0, -' total'.length) }))
        : report.columns.filter((c) => c.key !== 'total');
      return {
        kind: 'bar',
        stacked: true,
        horizontal: true,
        data: rows.map((r) => ({
          name: r.label,
          ...Object.fromEntries(stages.map((c) => [c.key, num(r.values[c.key])])),
        })),
        category: 'Reason',
        series: stages.map((c) => ({ key: c.key, label: c.label, kind: 'count' })),
        unit: 'drop-outs',
        description: `Stacked bar chart of drop-outs by reason, each bar split by ${quarterly ? 'quarter' : 'the stage reached'}.`,
      };
    }
    case 'leaving':
      return rowsChart(
        'bar',
        report.rows.filter((r) => r.key !== 'total'),
        'households',
        'Stacked bar chart of households that ceased in each period, split by reason for leaving.',
        { stacked: true },
      );
    case 'retention':
      // For one pathway, the carer households that moved between pathways too (all has none).
      return barsAndLines(
        ['approved', 'moved_in', 'moved_out', 'ceased'],
        ['households_start', 'households_end'],
        'households',
        report.rows.some((r) => r.key === 'moved_in')
          ? 'Bars of households approved, moved from and to the other pathway, and ceased in each period, with lines of approved households at its start and end.'
          : 'Bars of households approved and ceased in each period, with lines of approved households at its start and end.',
      );
    case 'timescales':
      return rowsChart(
        'line',
        report.rows.filter((r) => r.key.endsWith('_median')),
        'days',
        'Line chart of the median days between milestones in each period.',
      );
    case 'sources':
      return relabel(
        rowsChart(
          'bar',
          report.rows.filter((r) => r.kind === 'count' && !r.key.includes(':') && r.key !== 'total'),
          'enquiries',
          'Stacked bar chart of enquiries in each period, split by source.',
          { stacked: true },
        ),
        /: enquiries$/,
      );
    case 'kinship':
      return rowsChart(
        'bar',
        pick(report, ['requests', 'viability_positive', 'full_assessments', 'approvals']),
        'assessments',
        'Bar chart of kinship viability requests, positive viability outcomes, full assessments started and approvals in each period.',
      );
    case 'ofsted':
      return rowsChart(
        'bar',
        pick(report, [
          'applications_received',
          'applications_approved',
          'applications_withdrawn',
          'applications_turned_down',
          'households_deregistered',
        ]),
        'households',
        'Bar chart of applications received, approved, withdrawn and turned down, and households deregistered, for mainstream, family and friends and all households.',
        { category: 'Pathway' },
      );
    case 'diversity':
      // Each cohort's ethnic groups as shares of those recorded, beside the children in care.
      return relabel(
        rowsChart(
          'bar',
          report.rows.filter((r) => r.kind === 'rate'),
          '% of people with an ethnicity recorded',
          'Stacked bar chart: for enquirers, applicants and approved carers in each year, and the children in care, the share of each ethnic group among the people whose ethnicity is recorded.',
          { stacked: true, horizontal: true, category: 'Group' },
        ),
        / \(% of recorded\)$/,
      );
    case 'forecast':
      return barsAndLines(
        ['expected'],
        ['low', 'high'],
        'approvals',
        `Bars of the expected approvals in each quarter, with lines at the low and high ends of the ${LIKELY_RANGE}.`,
      );
    case 'forecast-backtest':
      return barsAndLines(
        ['forecast', 'actual'],
        ['low', 'high'],
        'approvals',
        `Bars of the approvals forecast at 1 April and the actual approvals from that pipeline in each year, with lines at the low and high ends of the forecast’s ${LIKELY_RANGE}.`,
      );
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
