import type { ReportColumn } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { closureGroups, closureHouseholds, isDropoutView } from '../db/queries/reports/dropout.ts';
import { reasonsInOrder } from '../db/queries/reports/scope.ts';
import {
  ENDED_BY,
  ENDED_BY_LABELS,
  EXIT_INTERVIEW_REPORT_ROWS,
  OPEN_STAGES,
  STAGE_LABELS,
} from '../domain/stages.ts';
import { grid, reasonRows } from './grid.ts';
import { rangeOf } from './period.ts';
import type { TableModule } from './types.ts';

/** Drop-outs: closures dated in the chosen period, by reason and stage reached. Columns are stages, not periods. */
const STAGE_COLUMNS: ReportColumn[] = OPEN_STAGES.map((s) => ({ key: s, label: STAGE_LABELS[s] }));

export const dropoutTable: TableModule = {
  key: 'dropout',
  title: 'Applicants who dropped out, by reason and stage reached',
  definitions: () => [
    {
      key: 'counting',
      label: 'What is counted',
      text: 'Closures (drop-outs before approval) dated within the whole chosen period, by the reason recorded and the stage the household had reached. Columns are the stages reached, over the whole period: the table has no columns by year or quarter.',
    },
    {
      key: 'kinship_application',
      label: 'Kinship households',
      text: "A kinship household's viability assessment stands as its application: closed after its viability request, it counts at Stage 1 at least, as the Ofsted return counts it among applications withdrawn or turned down.",
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
    const groups = closureGroups(db, o, rangeOf(o));
    const byReason = groups.map((g) => ({ r: g.r, c: g.c, n: g.n }));
    const byEndedBy = groups.map((g) => ({ r: g.b, c: g.c, n: g.n }));
    const byInterview = groups.map((g) => ({ r: g.i, c: g.c, n: g.n }));
    const reasons = reasonsInOrder(db, 'dropout');
    const endedBy = ENDED_BY.map((k) => ({ key: k, label: ENDED_BY_LABELS[k] }));
    return {
      main: grid(reasonRows(reasons, byReason), STAGE_COLUMNS, byReason, { totalColumn: true }),
      sections: [
        {
          key: 'ended_by',
          title: 'Drop-outs by who ended them',
          rowHeading: 'Who ended it',
          restatesMainTotal: true,
          raw: grid(endedBy, STAGE_COLUMNS, byEndedBy, { totalColumn: true }),
        },
        {
          key: 'exit_interviews',
          title: 'Exit-interview coverage of these drop-outs',
          rowHeading: 'Exit interview',
          restatesMainTotal: true,
          raw: grid(EXIT_INTERVIEW_REPORT_ROWS, STAGE_COLUMNS, byInterview, {
            totalColumn: true,
            totalLabel: 'All drop-outs',
          }),
        },
      ],
    };
  },

  drill(_db, o, section, row, column) {
    if (!isDropoutView(section)) return null;
    if (column !== 'total' && !OPEN_STAGES.includes(column as never)) return null;
    return closureHouseholds(
      o,
      rangeOf(o),
      section,
      row === 'total' ? null : row,
      column === 'total' ? null : column,
    );
  },
};
