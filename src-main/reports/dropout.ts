import type { ReportColumn, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { ENDED_BY, ENDED_BY_LABELS, OPEN_STAGES, STAGE_LABELS } from '../domain/stages.ts';
import { grid, reasonRows } from './grid.ts';
import { pathwayAt } from './pathway.ts';
import { rangeOf } from './period.ts';
import type { TableModule } from './types.ts';

/** Drop-outs: closures dated in the chosen period, by reason and stage reached. Columns are stages, not periods. */
const STAGE_COLUMNS: ReportColumn[] = OPEN_STAGES.map((s) => ({ key: s, label: STAGE_LABELS[s] }));

const INTERVIEW_ROWS = [
  { key: 'held', label: 'Exit interview held' },
  { key: 'declined', label: 'Exit interview declined' },
  { key: 'offered', label: 'Offered, not yet held' },
  { key: 'none', label: 'Not offered or not recorded' },
];

/** The grouping expression of each view, over the episodes table; the SQL text is ours, never the user's. */
const VIEWS: Record<string, string> = {
  '': 'closed_reason',
  ended_by: 'ended_by',
  exit_interviews: "COALESCE(exit_interview, 'none')",
};

/** Episodes closed in the chosen period on the pathway they were on at the closure. */
function closed(o: ResolvedReportOptions) {
  const range = rangeOf(o);
  const p = pathwayAt(o, 'closed_on');
  return {
    from: `FROM episodes INDEXED BY episodes_by_closure WHERE closed_on BETWEEN ? AND ?${p.sql}`,
    params: [range.from, range.to, ...p.params],
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
    // One pass over the closure index in its own order (reason, stage, who, interview): no sort,
    // a few hundred groups, folded here into the three views.
    const c = closed(o);
    const groups = db
      .prepare<unknown[], { r: string; c: string; b: string; i: string; n: number }>(
        `SELECT ${VIEWS['']} AS r, closed_stage AS c, ${VIEWS.ended_by} AS b, ${VIEWS.exit_interviews} AS i,
           COUNT(*) AS n ${c.from} GROUP BY closed_reason, closed_stage, ended_by, exit_interview`,
      )
      .all(...c.params);
    const byReason = groups.map((g) => ({ r: g.r, c: g.c, n: g.n }));
    const byEndedBy = groups.map((g) => ({ r: g.b, c: g.c, n: g.n }));
    const byInterview = groups.map((g) => ({ r: g.i, c: g.c, n: g.n }));
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
    const c = closed(o);
    const where: string[] = [];
    const params: unknown[] = [...c.params];
    if (row !== 'total') {
      where.push(`${expr} = ?`);
      params.push(row);
    }
    if (column !== 'total') {
      where.push('closed_stage = ?');
      params.push(column);
    }
    return { sql: `SELECT household_id ${c.from}${where.map((w) => ` AND ${w}`).join('')}`, params };
  },
};
