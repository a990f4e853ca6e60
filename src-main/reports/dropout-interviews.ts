import type { ReportColumn, ReportDefinition, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import { heldClosureInterviewHouseholds } from '../db/queries/reports/dropout-interviews.ts';
import { heldInterviewAnswers } from '../db/queries/reports/held-interviews.ts';
import { reasonsInOrder, type DateRange, type DrillQuery } from '../db/queries/reports/scope.ts';
import { givenInInterview } from '../domain/reasons.ts';
import { OPEN_STAGES, STAGE_LABELS } from '../domain/stages.ts';
import { grid, reasonRows } from './grid.ts';
import { rangeOf } from './period.ts';
import type { RawTable } from './shape.ts';

/**
 * The drop-out table's "What applicants said in the exit interviews held": of the closures it
 * counts whose exit interview was held, how many gave each drop-out reason and how many said they
 * might return later, by the stage reached (one block of stages per quarter, as the table's). The
 * applicants' side of the leaving table's "What carers said in the exit interviews held".
 *
 * Suppressed as a table of its own: its rows are not parts of one whole (an interview gives any
 * number of reasons, and may say it might return as well), so they add up to no cell of the
 * drop-out table; each is at most the interviews held in its cell, a bound and not a sum.
 */
export const INTERVIEW_ANSWERS = 'exit_interview_answers';

/** The row of applicants who said they might return: a key no reason can have (keys are a-z, 0-9 and _). */
const MIGHT_RETURN = 'might-return';

const STAGE_COLUMNS: ReportColumn[] = OPEN_STAGES.map((s) => ({ key: s, label: STAGE_LABELS[s] }));

export const INTERVIEW_ANSWERS_SECTION = {
  key: INTERVIEW_ANSWERS,
  title: 'What applicants said in the exit interviews held',
  rowHeading: 'Said in the interview',
} as const;

export const INTERVIEW_ANSWERS_DEFINITION: ReportDefinition = {
  key: INTERVIEW_ANSWERS,
  label: 'In the exit interviews held',
  text: 'Of the same closures, those whose exit interview was held: how many gave each drop-out reason (an interview may give several reasons or none, so the rows do not add up to the interviews held) and how many said they might return later. Reasons or an answer noted against an interview only offered or declined are not counted.',
};

/**
 * The section's grid for each block of the drop-out table (`key` null: the whole period; else a
 * quarter, with its period `code`), to be set side by side as the table's blocks are.
 */
export function interviewAnswerBlocks(
  db: Db,
  o: ResolvedReportOptions,
  blocks: ReadonlyArray<{ key: string | null; label: string; code?: number }>,
): Array<{ key: string | null; label: string; raw: RawTable }> {
  const said = heldInterviewAnswers(db, 'closure', o, rangeOf(o));
  const given = said.reasons.map((x) => ({ r: x.r, c: x.c ?? '', q: x.q, n: x.n }));
  const mightReturn = said.mightReturn.map((x) => ({ r: MIGHT_RETURN, c: x.c ?? '', q: x.q, n: x.n }));
  // A reason no interview held gives (lost contact) has a row only where an older interview holds it.
  const held = new Set(given.filter((x) => x.n > 0).map((x) => x.r));
  const reasons = reasonsInOrder(db, 'dropout').filter(
    (r) => givenInInterview('dropout', r.key) || held.has(r.key),
  );
  const rows = [
    ...reasonRows(reasons, given).map((r) => ({
      ...r,
      label: `Reason given: ${r.label}`,
    })),
    { key: MIGHT_RETURN, label: 'Might return later' },
  ];
  const all = [...given, ...mightReturn];
  return blocks.map((b) => ({
    key: b.key,
    label: b.label,
    raw: grid(rows, STAGE_COLUMNS, b.code === undefined ? all : all.filter((x) => x.q === b.code), {
      totalColumn: true,
      totalRow: false,
    }),
  }));
}

/** The households behind one cell of the section: a row, over `range`, at `stage` (null: any). */
export function interviewAnswerHouseholds(
  o: ResolvedReportOptions,
  range: DateRange,
  row: string,
  stage: string | null,
): DrillQuery {
  return heldClosureInterviewHouseholds(
    o,
    range,
    row === MIGHT_RETURN ? { mightReturn: true } : { reason: row },
    stage,
  );
}
