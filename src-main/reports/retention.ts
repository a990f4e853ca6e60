import type { Db } from '../db/open.ts';
import { approvalCessationCells, retentionHouseholds } from '../db/queries/reports/retention.ts';
import { periods, rangeOf } from './period.ts';
import type { RawRow, RawTable } from './shape.ts';
import type { TableModule } from './types.ts';

/**
 * Approved households over time. A household is approved from its first approval date and
 * stops being approved on its deregistration date; so, in every column,
 * households_start + approved − ceased = households_end, and one column's end is the next one's start.
 * A carer household counts on the pathway it was on at its approval (db/queries/reports/retention.ts).
 */
const ROWS = [
  { key: 'households_start', label: 'Approved households at the start of the period' },
  { key: 'approved', label: 'Households approved during the period' },
  { key: 'ceased', label: 'Households that ceased during the period' },
  { key: 'households_end', label: 'Approved households at the end of the period' },
] as const;

export const retentionTable: TableModule = {
  key: 'retention',
  title: 'Retention of approved foster households',
  stockRows: { start: ['households_start'], end: ['households_end'] },
  // Approvals are the recruitment table's row and cessations the leaving table's total.
  printedBeside: [
    { row: 'approved', table: 'funnel', as: 'approved' },
    { row: 'ceased', table: 'leaving', as: 'total' },
  ],
  definitions: () => [
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
    {
      key: 'ceased',
      label: ROWS[2].label,
      text: 'Approved households whose deregistration is dated in the period.',
    },
    {
      key: 'households_end',
      label: ROWS[3].label,
      text: 'Households approved on or before the last day of the period (31 March for a year) and not deregistered by then.',
    },
    {
      key: 'pathway_at_approval',
      label: 'Pathway of a carer household',
      text: 'A household counts, in every row, on the pathway it was on when approved, so that each column’s start + approved − ceased = end holds.',
    },
    {
      key: 'ceased_rate',
      label: 'Ceased rate',
      text: 'ceased ÷ households at the start, % to one decimal place; no rate (–) when none were approved at the start.',
    },
  ],

  build(db: Db, o) {
    const cols = periods(o);
    const range = rangeOf(o);
    const cells = approvalCessationCells(db, o, range);
    const sum = (test: (x: { ac: number; sc: number }) => boolean) =>
      cells.reduce((t, x) => (test(x) ? t + x.n : t), 0);
    const values: Record<string, Record<string, number>> = Object.fromEntries(ROWS.map((r) => [r.key, {}]));
    for (const c of cols) {
      values.households_start![c.key] = sum((x) => x.ac < c.code && x.sc >= c.code);
      values.approved![c.key] = sum((x) => x.ac === c.code);
      values.ceased![c.key] = sum((x) => x.sc === c.code && x.ac <= c.code);
      values.households_end![c.key] = sum((x) => x.ac <= c.code && x.sc > c.code);
    }
    const rows: RawRow[] = ROWS.map((r) => ({ ...r, kind: 'count', values: values[r.key]! }));
    rows.push({
      key: 'ceased_rate',
      label: 'Ceased during the period as a % of households at the start',
      kind: 'rate',
      numerator: 'ceased',
      denominator: 'households_start',
    });
    const relations: RawTable['relations'] = cols.map((c) => ({
      cells: ROWS.map((r) => [r.key, c.key] as [string, string]),
      minus: [
        ['ceased', c.key],
        ['households_end', c.key],
      ],
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

  drill(_db, o, section, row, column) {
    const col = periods(o).find((c) => c.key === column);
    if (section || !col) return null;
    const r = ROWS.find((x) => x.key === row);
    return r ? retentionHouseholds(o, r.key, col) : null;
  },
};
