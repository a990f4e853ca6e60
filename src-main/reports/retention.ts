import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { pathwayAt } from './pathway.ts';
import { periodSql, periods, rangeOf } from './period.ts';
import type { RawRow, RawTable } from './shape.ts';
import type { TableModule } from './types.ts';

/**
 * Approved households over time. A household is approved from its first approval date and
 * stops being approved on its deregistration date; so, in every column,
 * households_start + approved − ceased = households_end, and one column's end is the next one's start.
 */
const BEFORE = 0;
const AFTER = 99_999_999;

/**
 * The approved episodes (a household is approved at most once: an approved household cannot be
 * closed, so cannot enquire again), with the cessation that ended each. A carer household counts
 * on the pathway it was on at its approval, in every row: were a later switch to move it, the
 * start + approved − ceased = end identity would break in the period of the switch.
 */
function approvedHouseholds(o: ResolvedReportOptions) {
  const p = pathwayAt(o, 'approval');
  return {
    sql: `SELECT household_id AS hid, approval AS approved_on, ceased_on
      FROM episodes INDEXED BY episodes_by_approval WHERE approval IS NOT NULL${p.sql}`,
    params: p.params,
  };
}

const ROWS = [
  { key: 'households_start', label: 'Approved households at the start of the period' },
  { key: 'approved', label: 'Households approved during the period' },
  { key: 'ceased', label: 'Households that ceased during the period' },
  { key: 'households_end', label: 'Approved households at the end of the period' },
] as const;

export const retentionTable: TableModule = {
  key: 'retention',
  title: 'Retention of approved foster households',
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
    const a = approvedHouseholds(o);
    // One grouped pass: households by the period of approval and of cessation (before/after the range clamped).
    const code = (col: string) =>
      `CASE WHEN ${col} IS NULL OR ${col} > ? THEN ${AFTER} WHEN ${col} < ? THEN ${BEFORE} ELSE ${periodSql(col, o.quarterly)} END`;
    const cells = db
      .prepare<unknown[], { ac: number; sc: number; n: number }>(
        `SELECT ${code('approved_on')} AS ac, ${code('ceased_on')} AS sc, COUNT(*) AS n FROM (${a.sql}) GROUP BY 1, 2`,
      )
      .all(range.to, range.from, range.to, range.from, ...a.params);
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
    }));
    // One column's end is the next one's start: hiding one must hide the other.
    for (let i = 0; i + 1 < cols.length; i++) {
      relations.push({
        cells: [
          ['households_end', cols[i]!.key],
          ['households_start', cols[i + 1]!.key],
        ],
      });
    }
    return { main: { columns: cols, rows, relations }, sections: [] };
  },

  drill(_db, o, section, row, column) {
    const col = periods(o).find((c) => c.key === column);
    if (section || !col) return null;
    const a = approvedHouseholds(o);
    const where: Record<string, [string, unknown[]]> = {
      households_start: ['approved_on < ? AND (ceased_on IS NULL OR ceased_on >= ?)', [col.from, col.from]],
      approved: ['approved_on BETWEEN ? AND ?', [col.from, col.to]],
      ceased: ['ceased_on BETWEEN ? AND ? AND approved_on <= ?', [col.from, col.to, col.to]],
      households_end: ['approved_on <= ? AND (ceased_on IS NULL OR ceased_on > ?)', [col.to, col.to]],
    };
    const w = where[row];
    if (!w) return null;
    return { sql: `SELECT hid FROM (${a.sql}) WHERE ${w[0]}`, params: [...a.params, ...w[1]] };
  },
};
