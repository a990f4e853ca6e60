import type { Db } from '../../open.ts';
import { CLOSURE_EVENT } from './dropout.ts';
import { pathwayAt, periodSql, type DateRange, type DrillQuery, type ReportScope } from './scope.ts';

/**
 * What applicants said in the exit interviews held after the closures of a range: the drop-out
 * table's section under its coverage of those interviews, as the leaving table's
 * heldInterviewAnswers is for carers. Only a held interview counts: reasons or an answer noted
 * against one offered or declined (the record keeps what was ticked) are not what was said.
 * Read from the episodes record alone, through the index of the closures whose interview was held
 * (migration 28), which also holds the closure's stage, its answers and its pathway.
 */
const HELD = "exit_interview = 'held'";

function held(s: ReportScope, range: DateRange) {
  const p = pathwayAt(s, 'closed_on');
  return {
    from: `FROM episodes INDEXED BY episodes_by_closure_interview WHERE ${HELD} AND closed_on BETWEEN ? AND ?${p.sql}`,
    params: [range.from, range.to, ...p.params],
  };
}

/** The same, each row once per reason its held interview gave (the reasons are the row's own JSON array). */
function reasonsGiven(s: ReportScope, range: DateRange) {
  const p = pathwayAt(s, 'closed_on');
  return {
    from: `FROM episodes INDEXED BY episodes_by_closure_interview, json_each(closure_exit_reasons)
      WHERE ${HELD} AND closed_on BETWEEN ? AND ?${p.sql}`,
    params: [range.from, range.to, ...p.params],
  };
}

export interface InterviewAnswerGroup {
  /** The stage the household had reached at its closure. */
  c: string;
  /** reports/period.ts's code of the closure date's year, or its quarter when quarterly. */
  q: number;
  n: number;
}

/**
 * By stage reached and period code: each drop-out reason given (`reasons`, `r` a key; an
 * interview may give several or none) and the applicants who said they might return later.
 */
export function heldClosureInterviewAnswers(
  db: Db,
  s: ReportScope,
  range: DateRange,
): { reasons: Array<InterviewAnswerGroup & { r: string }>; mightReturn: InterviewAnswerGroup[] } {
  const code = periodSql('closed_on', s.quarterly);
  const given = reasonsGiven(s, range);
  const reasons = db
    .prepare<unknown[], InterviewAnswerGroup & { r: string }>(
      `SELECT json_each.value AS r, closed_stage AS c, ${code} AS q, COUNT(*) AS n ${given.from} GROUP BY 1, 2, 3`,
    )
    .all(...given.params);
  const h = held(s, range);
  const mightReturn = db
    .prepare<unknown[], InterviewAnswerGroup>(
      `SELECT closed_stage AS c, ${code} AS q, COUNT(*) AS n ${h.from} AND closure_might_return = 1 GROUP BY 1, 2`,
    )
    .all(...h.params);
  return { reasons, mightReturn };
}

/**
 * The households closed in the range at `stage` (null: any) whose held exit interview gave the
 * drop-out reason `reason`, or said they might return later (`mightReturn`).
 */
export function heldClosureInterviewHouseholds(
  s: ReportScope,
  range: DateRange,
  which: { reason: string } | { mightReturn: true },
  stage: string | null,
): DrillQuery {
  const atStage =
    stage === null ? { sql: '', params: [] } : { sql: ' AND closed_stage = ?', params: [stage] };
  const [rest, params] =
    'reason' in which
      ? [
          `${reasonsGiven(s, range).from} AND json_each.value = ?${atStage.sql}`,
          [...reasonsGiven(s, range).params, which.reason, ...atStage.params],
        ]
      : [
          `${held(s, range).from} AND closure_might_return = 1${atStage.sql}`,
          [...held(s, range).params, ...atStage.params],
        ];
  // Each closure with its date, stage, reason and who ended it (the list's events).
  return {
    sql: `SELECT household_id ${rest}`,
    params,
    events: { sql: `SELECT ${CLOSURE_EVENT} ${rest}`, params },
  };
}
