import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { grid, reasonRows } from './grid.ts';
import { pathwayJoin, periodSql, periods, rangeOf } from './period.ts';
import type { TableModule } from './types.ts';

/** Approved households that ceased: a household counts in the period of its deregistration date. */
function source(o: ResolvedReportOptions) {
  const join = pathwayJoin(o, 's.household_id');
  return { sql: `FROM cessations s ${join.sql} WHERE s.date BETWEEN ? AND ?`, params: join.params };
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
        `SELECT s.reason_key AS r, ${periodSql('s.date', o.quarterly)} AS code, COUNT(*) AS n ${s.sql} GROUP BY 1, 2`,
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
      sql: `SELECT s.household_id ${s.sql}${row === 'total' ? '' : ' AND s.reason_key = ?'}`,
      params: [...s.params, col.from, col.to, ...(row === 'total' ? [] : [row])],
    };
  },
};
