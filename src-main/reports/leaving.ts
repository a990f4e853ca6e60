import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import {
  ceasedByReason,
  ceasedHouseholds,
  countCeased as countCeasedIn,
} from '../db/queries/reports/leaving.ts';
import { reasonsInOrder } from '../db/queries/reports/scope.ts';
import { grid, reasonRows } from './grid.ts';
import { periods, rangeOf } from './period.ts';
import type { TableModule } from './types.ts';

/** Cessations dated in [from, to] on the pathway: the leaving table's total, for the funnel's net change. */
export function countCeased(db: Db, o: ResolvedReportOptions, from: string, to: string): number {
  return countCeasedIn(db, o, { from, to });
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
    const byCode = new Map(cols.map((c) => [c.code, c.key]));
    const counts = ceasedByReason(db, o, range).map((x) => ({ r: x.r, c: byCode.get(x.code) ?? '', n: x.n }));
    const reasons = reasonsInOrder(db, 'leaving');
    return { main: grid(reasonRows(reasons, counts), cols, counts, { totalColumn: true }), sections: [] };
  },

  drill(_db, o, section, row, column) {
    const col = column === 'total' ? rangeOf(o) : periods(o).find((c) => c.key === column);
    if (section || !col) return null;
    return ceasedHouseholds(o, col, row === 'total' ? null : row);
  },
};
