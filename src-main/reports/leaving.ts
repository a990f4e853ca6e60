import type { IsoDate } from '../domain/dates.ts';
import type { ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import {
  ceasedByInterview,
  ceasedByReason,
  ceasedHouseholds,
  ceasedInterviewHouseholds,
  countCeased as countCeasedIn,
} from '../db/queries/reports/leaving.ts';
import { heldInterviewAnswers } from '../db/queries/reports/held-interviews.ts';
import { reasonsInOrder } from '../db/queries/reports/scope.ts';
import { EXIT_INTERVIEW_REPORT_ROWS } from '../domain/stages.ts';
import { grid, reasonRows } from './grid.ts';
import { periods, rangeOf, toToday } from './period.ts';
import type { TableModule } from './types.ts';

/** Cessations dated in the period, as far as today, on the pathway: the leaving table's total, for the funnel's net change. */
export function countCeasedToToday(
  db: Db,
  o: ResolvedReportOptions,
  period: { from: IsoDate; to: IsoDate },
  today: IsoDate,
): number {
  return countCeasedIn(db, o, toToday(period, today));
}

/** The row of carers who said they might return: a key no reason can have (keys are a-z, 0-9 and _). */
const MIGHT_RETURN = 'might-return';

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
      key: 'exit_interviews',
      label: 'Exit interviews',
      text: 'The same cessations by the exit interview recorded against them: held, declined, offered and not yet held, or none recorded.',
    },
    {
      key: 'exit_interview_answers',
      label: 'In the exit interviews held',
      text: 'Of the same cessations, those whose exit interview was held: how many gave each reason for leaving (an interview may give several reasons or none, so the rows do not add up to the interviews held) and how many said they might return to fostering later. Reasons or an answer noted against an interview only offered or declined are not counted.',
    },
    {
      key: 'retired',
      label: 'Retired reasons',
      text: 'A retired reason is shown only when cessations in the range still carry it.',
    },
  ],

  build(db: Db, o, today) {
    const cols = periods(o);
    const range = toToday(rangeOf(o), today);
    const byCode = new Map(cols.map((c) => [c.code, c.key]));
    const column = (code: number) => byCode.get(code) ?? '';
    const counts = ceasedByReason(db, o, range).map((x) => ({ r: x.r, c: column(x.code), n: x.n }));
    const byInterview = ceasedByInterview(db, o, range).map((x) => ({ r: x.i, c: column(x.code), n: x.n }));
    const said = heldInterviewAnswers(db, 'cessation', o, range);
    const given = said.reasons.map((x) => ({ r: x.r, c: column(x.q), n: x.n }));
    const mightReturn = said.mightReturn.map((x) => ({ r: MIGHT_RETURN, c: column(x.q), n: x.n }));
    const reasons = reasonsInOrder(db, 'leaving');
    return {
      main: grid(reasonRows(reasons, counts), cols, counts, { totalColumn: true }),
      sections: [
        {
          key: 'exit_interviews',
          title: 'Exit-interview coverage of these cessations',
          rowHeading: 'Exit interview',
          restatesMainTotal: true,
          raw: grid(EXIT_INTERVIEW_REPORT_ROWS, cols, byInterview, {
            totalColumn: true,
            totalLabel: 'All cessations',
          }),
        },
        {
          key: 'exit_interview_answers',
          title: 'What carers said in the exit interviews held',
          rowHeading: 'Said in the interview',
          // Not parts of one whole: an interview gives any number of reasons, and may say both.
          raw: grid(
            [
              ...reasonRows(reasons, given).map((r) => ({ ...r, label: `Reason given: ${r.label}` })),
              { key: MIGHT_RETURN, label: 'Might return to fostering later' },
            ],
            cols,
            [...given, ...mightReturn],
            { totalColumn: true, totalRow: false },
          ),
        },
      ],
    };
  },

  drill(_db, o, section, row, column, today) {
    const period = column === 'total' ? rangeOf(o) : periods(o).find((c) => c.key === column);
    if (!period) return null;
    const col = toToday(period, today);
    if (section === '') return ceasedHouseholds(o, col, row === 'total' ? null : row);
    if (section === 'exit_interviews')
      return row === 'total'
        ? ceasedHouseholds(o, col, null)
        : ceasedInterviewHouseholds(o, col, { status: row });
    if (section === 'exit_interview_answers')
      return ceasedInterviewHouseholds(
        o,
        col,
        row === MIGHT_RETURN ? { mightReturn: true } : { reason: row },
      );
    return null;
  },
};
