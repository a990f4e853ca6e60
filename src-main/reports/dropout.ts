import type { ReportColumn, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { ENDED_BY, ENDED_BY_LABELS, OPEN_STAGES, STAGE_LABELS } from '../domain/stages.ts';
import { grid, reasonRows } from './grid.ts';
import { byPathway, scopedFrom, type Scope } from './pathway.ts';
import { pathwayJoin, rangeOf } from './period.ts';
import type { TableModule } from './types.ts';

/** Drop-outs: closures dated in the chosen period, by reason and stage reached. Columns are stages, not periods. */
const STAGE_COLUMNS: ReportColumn[] = OPEN_STAGES.map((s) => ({ key: s, label: STAGE_LABELS[s] }));

const INTERVIEW_ROWS = [
  { key: 'held', label: 'Exit interview held' },
  { key: 'declined', label: 'Exit interview declined' },
  { key: 'offered', label: 'Offered, not yet held' },
  { key: 'none', label: 'Not offered or not recorded' },
];

/** The grouping expression of each view; the SQL text is ours, never the user's. */
const VIEWS: Record<string, string> = {
  '': 'cl.reason_key',
  ended_by: 'cl.ended_by',
  exit_interviews: "COALESCE(ei.status, 'none')",
};

function source(o: ResolvedReportOptions) {
  const join = pathwayJoin(o, 'cl.household_id');
  const range = rangeOf(o);
  return {
    sql: `FROM closures cl ${join.sql} LEFT JOIN exit_interviews ei ON ei.closure_id = cl.id
      WHERE cl.date BETWEEN ? AND ?`,
    params: [...join.params, range.from, range.to],
  };
}

export const dropoutTable: TableModule = {
  key: 'dropout',
  title: 'Applicants who dropped out, by reason and stage reached',
  definitions: () => [
    {
      key: 'counting',
      label: 'What is counted',
      text: 'Closures (drop-outs before approval) dated within the whole chosen period, by the reason recorded and the stage the household had reached. Columns are stages, so the quarterly option does not change this table.',
    },
    {
      key: 'ended_by',
      label: 'Who ended it',
      text: 'The same closures by who ended them: the applicant, the service, or contact was lost.',
    },
    {
      key: 'exit_interviews',
      label: 'Exit interviews',
      text: 'The same closures by the exit interview recorded against them: held, declined, offered and not yet held, or none recorded.',
    },
    {
      key: 'retired',
      label: 'Retired reasons',
      text: 'A retired reason is shown only when closures in the period still carry it.',
    },
  ],

  build(db: Db, o) {
    const range = rangeOf(o);
    // Grouped by date first, so each view streams from a date index instead of sorting every closure.
    const count = (expr: string, perDate: true, from: (scope: Scope) => string) =>
      byPathway(o, ['d', 'r', 'c'], (scope) =>
        db
          .prepare<unknown[], { d: string | null; r: string; c: string; n: number }>(
            `SELECT ${perDate ? 'cl.date' : 'NULL'} AS d, ${expr} AS r, cl.stage_reached AS c, COUNT(*) AS n
             ${from(scope)} AND cl.date BETWEEN ? AND ? GROUP BY 1, 2, 3`,
          )
          .all(range.from, range.to),
      );
    const plain = (scope: Scope) => scopedFrom(scope, 'closures', 'cl');
    const byReason = count(VIEWS['']!, true, plain);
    const byEndedBy = count(VIEWS.ended_by!, true, plain);
    const byInterview = count(VIEWS.exit_interviews!, true, (scope) =>
      plain(scope).replace(
        / WHERE /,
        ' LEFT JOIN exit_interviews ei INDEXED BY exit_interviews_by_closure_status ON ei.closure_id = cl.id WHERE ',
      ),
    );
    const reasons = db
      .prepare<[], { key: string; label: string; retired: number }>(
        "SELECT key, label, retired FROM reasons WHERE list = 'dropout' ORDER BY position, key",
      )
      .all();
    const endedBy = ENDED_BY.map((k) => ({ key: k, label: ENDED_BY_LABELS[k] }));
    return {
      main: grid(reasonRows(reasons, byReason), STAGE_COLUMNS, byReason, { totalColumn: true }),
      sections: [
        {
          key: 'ended_by',
          title: 'Drop-outs by who ended them',
          raw: grid(endedBy, STAGE_COLUMNS, byEndedBy, { totalColumn: true }),
        },
        {
          key: 'exit_interviews',
          title: 'Exit-interview coverage of these drop-outs',
          raw: grid(INTERVIEW_ROWS, STAGE_COLUMNS, byInterview, {
            totalColumn: true,
            totalLabel: 'All drop-outs',
          }),
        },
      ],
    };
  },

  drill(_db, o, section, row, column) {
    const expr = VIEWS[section];
    if (expr === undefined) return null;
    if (column !== 'total' && !OPEN_STAGES.includes(column as never)) return null;
    const s = source(o);
    const where: string[] = [];
    const params: unknown[] = [...s.params];
    if (row !== 'total') {
      where.push(`${expr} = ?`);
      params.push(row);
    }
    if (column !== 'total') {
      where.push('cl.stage_reached = ?');
      params.push(column);
    }
    return { sql: `SELECT cl.household_id ${s.sql}${where.map((w) => ` AND ${w}`).join('')}`, params };
  },
};
