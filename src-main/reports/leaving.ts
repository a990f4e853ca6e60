import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { grid, reasonRows } from './grid.ts';
import { pathwayAt } from './pathway.ts';
import { periodSql, periods, rangeOf } from './period.ts';
import type { TableModule } from './types.ts';

/**
 * Approved households that ceased: a household counts in the period of its deregistration date,
 * on the pathway it was on at that date. The cessation is on its approved episode, so this reads
 * the approved episodes only (a few per hundred); the SQL takes the period's two dates last.
 */
function source(o: ResolvedReportOptions) {
  const p = pathwayAt(o, 'ceased_on');
  return {
    sql: `FROM episodes INDEXED BY episodes_by_approval WHERE approval IS NOT NULL${p.sql} AND ceased_on BETWEEN ? AND ?`,
    params: p.params,
  };
}

/** Cessations dated in [from, to] on the pathway: the leaving table's total, for the funnel's net change. */
export function countCeased(db: Db, o: ResolvedReportOptions, from: string, to: string): number {
  const s = source(o);
  return db
    .prepare(`SELECT COUNT(*) ${s.sql}`)
    .pluck()
    .get(...s.params, from, to) as number;
}

export const leavingTable: TableModule = {
  key: 'leaving',
  title: 'Approved households that ceased to foster, by reason for leaving',
  definitions: () => [
    {
      key: 'counting',
      label: 'What is counted',
      text: 'Deregistrations (cessations) of approved households dated within each period, by the reason for leaving recorded. Total column: the whole range.',
    },
    {
      key: 'retired',
      label: 'Retired reasons',
      text: 'A retired reason is shown only when cessations in the range still carry it.',
    },
  ],

  build(db: Db, o) {
    const cols = periods(o);
    const range = rangeOf(o);
    const s = source(o);
    const byCode = new Map(cols.map((c) => [c.code, c.key]));
    const counts = db
      .prepare<unknown[], { r: string; code: number; n: number }>(
        `SELECT ceased_reason AS r, ${periodSql('ceased_on', o.quarterly)} AS code, COUNT(*) AS n ${s.sql} GROUP BY 1, 2`,
      )
      .all(...s.params, range.from, range.to)
      .map((x) => ({ r: x.r, c: byCode.get(x.code) ?? '', n: x.n }));
    const reasons = db
      .prepare<[], { key: string; label: string; retired: number }>(
        "SELECT key, label, retired FROM reasons WHERE list = 'leaving' ORDER BY position, key",
      )
      .all();
    return { main: grid(reasonRows(reasons, counts), cols, counts, { totalColumn: true }), sections: [] };
  },

  drill(_db, o, section, row, column) {
    const col = column === 'total' ? rangeOf(o) : periods(o).find((c) => c.key === column);
    if (section || !col) return null;
    const s = source(o);
    return {
      sql: `SELECT household_id ${s.sql}${row === 'total' ? '' : ' AND ceased_reason = ?'}`,
      params: [...s.params, col.from, col.to, ...(row === 'total' ? [] : [row])],
    };
  },
};
