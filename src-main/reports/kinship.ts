import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { REG24_WEEKS } from '../domain/journey-dates.ts';
import { grid } from './grid.ts';
import { pathwayAt } from './pathway.ts';
import { periodSql, periods, rangeOf } from './period.ts';
import type { TableModule } from './types.ts';

/**
 * The kinship (connected persons) journey by period: viability requests and positive outcomes,
 * full assessments, reg 24 placements, approvals, and how many assessments of a placed child were
 * decided within 16 and 24 weeks of the placement. Each row counts episodes whose event is dated
 * in the period while the household was on the kinship pathway (the recruitment tables' rule:
 * a later switch never moves a counted event).
 */
const DECIDED = 'COALESCE(approval, closed_on)';
const REG24_DAYS = REG24_WEEKS.first * 7;
const REG24_EXTENDED_DAYS = REG24_WEEKS.final * 7;

/** Each row: its event's date column and, where the row is a part of its events, the condition. */
const ROWS = [
  {
    key: 'requests',
    label: 'Requests for initial (viability) assessment',
    date: 'viability_request',
    where: '',
  },
  {
    key: 'viability_positive',
    label: 'Positive viability outcomes',
    date: 'viability_outcome',
    where: " AND viability_result = 'positive'",
  },
  { key: 'full_assessments', label: 'Full assessments started (Stage 2)', date: 'stage2', where: '' },
  { key: 'approvals', label: 'Connected persons approved', date: 'approval', where: '' },
  {
    key: 'reg24_placements',
    label: 'Children placed under reg 24 (temporary approval)',
    date: 'reg24_placement',
    where: '',
  },
  {
    key: 'decided_within_16_weeks',
    label: 'Placed-child assessments decided within 16 weeks of the placement',
    date: DECIDED,
    where: ` AND reg24_placement IS NOT NULL AND julianday(${DECIDED}) - julianday(reg24_placement) <= ${REG24_DAYS}`,
  },
  {
    key: 'decided_within_24_weeks',
    label: 'Placed-child assessments decided within 24 weeks (with a reg 25 extension)',
    date: DECIDED,
    where: ` AND reg24_placement IS NOT NULL AND julianday(${DECIDED}) - julianday(reg24_placement) <= ${REG24_EXTENDED_DAYS}`,
  },
] as const;

type Row = (typeof ROWS)[number];

/**
 * Episodes that were ever on the kinship pathway and have any kinship event, read once (one pass
 * over the episodes: the kinship columns have no index of their own, and kinship episodes are a
 * minority), each row then a GROUP BY of that small set.
 */
const KINSHIP_EPISODES = `WITH k AS MATERIALIZED (
  SELECT household_id, pathway, switched_on, switched_to, viability_request, viability_outcome, viability_result,
    stage2, approval, closed_on, reg24_placement
  FROM episodes e
  WHERE (pathway = 'kinship' OR switched_to = 'kinship')
    AND (viability_request IS NOT NULL OR viability_outcome IS NOT NULL OR stage2 IS NOT NULL
      OR approval IS NOT NULL OR reg24_placement IS NOT NULL))`;

/** The row's events dated in [?, ?], on the table's pathway (kinship) at their date: one more `?`. */
const rowSql = (o: ResolvedReportOptions, r: Row) =>
  `FROM k WHERE ${r.date} BETWEEN ? AND ?${pathwayAt(o, r.date).sql}${r.where}`;
const rowParams = (o: ResolvedReportOptions, from: string, to: string) => [
  from,
  to,
  ...pathwayAt(o, 'x').params,
];

export const kinshipTable: TableModule = {
  key: 'kinship',
  title: 'Kinship (connected persons) assessments',
  pathway: 'kinship',
  definitions: () => [
    {
      key: 'counting',
      label: 'What is counted',
      text: 'Each row counts assessments (episodes) whose event is dated within the period, while the household was on the kinship pathway: the viability request, the viability outcome (positive ones), the start of the full assessment (Stage 2), the approval and the reg 24 placement. The pathway option does not apply: this table is the kinship pathway.',
    },
    {
      key: 'decided',
      label: 'Decided within 16 and 24 weeks',
      text: `Assessments of a household with a child placed under regulation 24, counted in the period of their decision (the approval, or the date the assessment ended without approval), when the decision came within ${REG24_DAYS} days (16 weeks) of the placement, or within ${REG24_EXTENDED_DAYS} days (24 weeks, the most a regulation 25 extension allows). The 24-week row includes the 16-week one.`,
    },
  ],

  build(db: Db, o: ResolvedReportOptions) {
    const cols = periods(o);
    const range = rangeOf(o);
    const byCode = new Map(cols.map((c) => [c.code, c.key]));
    const counts = db
      .prepare<unknown[], { r: string; code: number; n: number }>(
        `${KINSHIP_EPISODES} ${ROWS.map(
          (r) =>
            `SELECT '${r.key}' AS r, ${periodSql(r.date, o.quarterly)} AS code, COUNT(*) AS n ${rowSql(o, r)} GROUP BY 2`,
        ).join(' UNION ALL ')}`,
      )
      .all(...ROWS.flatMap(() => rowParams(o, range.from, range.to)))
      .map((x) => ({ r: x.r, c: byCode.get(x.code) ?? '', n: x.n }));
    return { main: grid(ROWS, cols, counts, { totalColumn: true, totalRow: false }), sections: [] };
  },

  drill(_db, o, section, row, column) {
    const col = column === 'total' ? rangeOf(o) : periods(o).find((c) => c.key === column);
    const r = ROWS.find((x) => x.key === row);
    if (section || !col || !r) return null;
    return {
      sql: `${KINSHIP_EPISODES} SELECT household_id ${rowSql(o, r)}`,
      params: rowParams(o, col.from, col.to),
    };
  },
};
