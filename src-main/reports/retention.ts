import type { Db } from '../db/open.ts';
import {
  approvalCessationCells,
  onPathwayBy,
  pathwayMoves,
  retentionHouseholds,
} from '../db/queries/reports/retention.ts';
import { periods, rangeOf, toToday } from './period.ts';
import type { RawRow, RawTable } from './shape.ts';
import type { TableModule } from './types.ts';

/**
 * Approved households over time. A household is approved from its first approval date and
 * stops being approved on its deregistration date; so, in every column,
 * households_start + approved + moved_in − moved_out − ceased = households_end, and one column's
 * end is the next one's start. Each row counts a household on the pathway it was on at that row's
 * date, as every table does; the moves are carer households that changed pathway while approved,
 * shown only for one pathway (with every pathway, a switch moves no one).
 */
const ROWS = [
  { key: 'households_start', label: 'Approved households at the start of the period' },
  { key: 'approved', label: 'Households approved during the period' },
  { key: 'moved_in', label: 'Approved households that moved from the other pathway' },
  { key: 'moved_out', label: 'Approved households that moved to the other pathway' },
  { key: 'ceased', label: 'Households that ceased during the period' },
  { key: 'households_end', label: 'Approved households at the end of the period' },
] as const;
type RowKey = (typeof ROWS)[number]['key'];
const MOVES: readonly RowKey[] = ['moved_in', 'moved_out'];
const rowsFor = (pathway: string) => ROWS.filter((r) => pathway !== 'all' || !MOVES.includes(r.key));

export const retentionTable: TableModule = {
  key: 'retention',
  title: 'Retention of approved foster households',
  stockRows: { start: ['households_start'], end: ['households_end'] },
  // Approvals are the recruitment table's row and cessations the leaving table's total.
  printedBeside: [
    { row: 'approved', table: 'funnel', as: 'approved' },
    { row: 'ceased', table: 'leaving', as: 'total' },
  ],
  definitions: (o) => [
    {
      key: 'households_start',
      label: ROWS[0].label,
      text: 'Households approved before the first day of the period (1 April for a year) and not deregistered before it.',
    },
    {
      key: 'approved',
      label: ROWS[1].label,
      text: 'Households whose approval is dated in the period.',
    },
    ...(o.pathway === 'all'
      ? []
      : [
          {
            key: 'moved_in',
            label: ROWS[2].label,
            text: 'Approved households whose pathway changed to this one in the period: a change dated after the approval and on or before any deregistration.',
          },
          {
            key: 'moved_out',
            label: ROWS[3].label,
            text: 'Approved households whose pathway changed from this one to the other in the period, by the same rule.',
          },
        ]),
    {
      key: 'ceased',
      label: ROWS[4].label,
      text: 'Approved households whose deregistration is dated in the period (the leaving table’s total).',
    },
    {
      key: 'households_end',
      label: ROWS[5].label,
      text: 'Households approved on or before the last day of the period (31 March for a year) and not deregistered by then.',
    },
    {
      key: 'pathway_at_date',
      label: 'Pathway of a carer household',
      text: 'Each row counts a household on the pathway it was on at that row’s date: its approval, its deregistration, the day before the period begins (31 March, for a year) or its last day. A household that changes pathway while approved moves from one pathway’s households to the other’s, so that each column’s start + approved + moved in − moved out − ceased = end holds.',
    },
    {
      key: 'ceased_rate',
      label: 'Ceased rate',
      text: 'ceased ÷ households at the start, % to one decimal place; no rate (–) when none were approved at the start.',
    },
  ],

  build(db: Db, o, today) {
    const cols = periods(o);
    const range = toToday(rangeOf(o), today);
    const cells = approvalCessationCells(db, o, range);
    const moves = pathwayMoves(db, o, range);
    const sum = (test: (x: (typeof cells)[number]) => boolean) =>
      cells.reduce((t, x) => (test(x) ? t + x.n : t), 0);
    const moved = (code: number, inward: number) =>
      moves.reduce((t, m) => (m.code === code && m.inward === inward ? t + m.n : t), 0);
    const shown = rowsFor(o.pathway);
    const values: Record<string, Record<string, number>> = Object.fromEntries(shown.map((r) => [r.key, {}]));
    for (const c of cols) {
      // On the pathway the day before the period begins (codes before this one), and on its last day.
      const atStart = (x: (typeof cells)[number]) => onPathwayBy(x, (k) => k < c.code);
      const atEnd = (x: (typeof cells)[number]) => onPathwayBy(x, (k) => k <= c.code);
      values.households_start![c.key] = sum((x) => x.ac < c.code && x.sc >= c.code && atStart(x));
      values.approved![c.key] = sum((x) => x.ac === c.code && !!x.atApproval);
      if (values.moved_in) values.moved_in[c.key] = moved(c.code, 1);
      if (values.moved_out) values.moved_out[c.key] = moved(c.code, 0);
      values.ceased![c.key] = sum((x) => x.sc === c.code && x.ac <= c.code && !!x.atCessation);
      values.households_end![c.key] = sum((x) => x.ac <= c.code && x.sc > c.code && atEnd(x));
    }
    const rows: RawRow[] = shown.map((r) => ({ ...r, kind: 'count', values: values[r.key]! }));
    rows.push({
      key: 'ceased_rate',
      label: 'Ceased during the period as a % of households at the start',
      kind: 'rate',
      numerator: 'ceased',
      denominator: 'households_start',
    });
    const minus = new Set<string>(['moved_out', 'ceased', 'households_end']);
    const relations: RawTable['relations'] = cols.map((c) => ({
      cells: shown.map((r) => [r.key, c.key] as [string, string]),
      minus: shown.filter((r) => minus.has(r.key)).map((r) => [r.key, c.key] as [string, string]),
    }));
    // One column's end is the next one's start: hiding one must hide the other.
    for (let i = 0; i + 1 < cols.length; i++) {
      relations.push({
        cells: [
          ['households_end', cols[i]!.key],
          ['households_start', cols[i + 1]!.key],
        ],
        minus: [['households_start', cols[i + 1]!.key]],
      });
    }
    return { main: { columns: cols, rows, relations }, sections: [] };
  },

  drill(_db, o, section, row, column, today) {
    const col = periods(o).find((c) => c.key === column);
    if (section || !col) return null;
    const r = rowsFor(o.pathway).find((x) => x.key === row);
    return r ? retentionHouseholds(o, r.key, toToday(col, today)) : null;
  },
};
