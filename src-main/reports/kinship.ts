import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { kinshipCounts, kinshipHouseholds } from '../db/queries/reports/kinship.ts';
import { REG24_WEEKS } from '../domain/decision-clocks.ts';
import { PATHWAY_FULL_LABELS } from '../domain/stages.ts';
import { grid } from './grid.ts';
import { periods, rangeOf } from './period.ts';
import type { TableModule } from './types.ts';

/**
 * The kinship (connected persons) journey by period: viability requests and positive outcomes,
 * full assessments, reg 24 placements, approvals, and how many assessments of a placed child were
 * decided within 16 and 24 weeks of the placement. Each row counts episodes whose event is dated
 * in the period while the household was on the kinship pathway (the recruitment tables' rule:
 * a later switch never moves a counted event).
 */
const REG24_DAYS = REG24_WEEKS.first * 7;
const REG24_EXTENDED_DAYS = REG24_WEEKS.final * 7;

/** The table's rows, in order (db/queries/reports/kinship.ts holds what each counts). */
const ROWS = [
  {
    key: 'requests',
    label: 'Requests for initial (viability) assessment',
  },
  {
    key: 'viability_positive',
    label: 'Positive viability outcomes',
  },
  { key: 'full_assessments', label: 'Full assessments started (Stage 2)' },
  { key: 'approvals', label: 'Connected persons approved' },
  {
    key: 'reg24_placements',
    label: 'Children placed under reg 24 (temporary approval)',
  },
  {
    key: 'decided_after_placement',
    label: 'Placed-child assessments decided (approved or ended)',
  },
  {
    key: 'decided_within_16_weeks',
    label: 'Placed-child assessments decided within 16 weeks of the placement',
  },
  {
    key: 'decided_within_24_weeks',
    label:
      'Placed-child assessments decided within 24 weeks of the placement (the most a reg 25 extension allows)',
  },
] as const;

const DAYS = { first: REG24_DAYS, final: REG24_EXTENDED_DAYS };

export const kinshipTable: TableModule = {
  key: 'kinship',
  title: `${PATHWAY_FULL_LABELS.kinship} assessments`,
  // Its full assessments and approvals are the kinship recruitment table's Stage 2 starts and
  // approvals (the same episodes, on the kinship pathway at their dates): published side by side,
  // the kinship table's total gave back a year's approvals of 2 that the other hid (helper-244).
  printedBeside: [
    { row: 'full_assessments', table: 'funnel', as: 'stage2', pathway: 'kinship' },
    { row: 'approvals', table: 'funnel', as: 'approved', pathway: 'kinship' },
  ],
  definitions: () => [
    {
      key: 'counting',
      label: 'What is counted',
      text: 'Each row counts assessments (episodes) whose event is dated within the period, while the household was on the kinship pathway: the viability request, the viability outcome (positive ones), the start of the full assessment (Stage 2), the approval and the reg 24 placement. The pathway option does not apply: this table is the kinship pathway.',
    },
    {
      key: 'decided',
      label: 'Placed-child assessments decided, and within 16 and 24 weeks',
      text: `Assessments of a household with a child placed under regulation 24, counted in the period of their decision (the approval, or the date the assessment ended without approval), when the decision came on or after the placement and within ${REG24_DAYS} days (16 weeks) of it, or within ${REG24_EXTENDED_DAYS} days (24 weeks, the most a regulation 25 extension allows). The 24-week row includes the 16-week one; the row above them counts every such assessment decided in the period, however long after the placement, so each can be read as a share of it.`,
    },
  ],

  build(db: Db, o: ResolvedReportOptions) {
    const cols = periods(o);
    const range = rangeOf(o);
    const byCode = new Map(cols.map((c) => [c.code, c.key]));
    const counts = kinshipCounts(
      db,
      o,
      ROWS.map((r) => r.key),
      DAYS,
      range,
    ).map((x) => ({ r: x.r, c: byCode.get(x.code) ?? '', n: x.n }));
    return { main: grid(ROWS, cols, counts, { totalColumn: true, totalRow: false }), sections: [] };
  },

  drill(_db, o, section, row, column) {
    const col = column === 'total' ? rangeOf(o) : periods(o).find((c) => c.key === column);
    const r = ROWS.find((x) => x.key === row);
    if (section || !col || !r) return null;
    return kinshipHouseholds(o, r.key, DAYS, col);
  },
};
