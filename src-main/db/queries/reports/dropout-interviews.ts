import { CLOSURE_EVENT } from './dropout.ts';
import { heldInterviewsFrom, mightReturnColumn } from './held-interviews.ts';
import type { DateRange, DrillQuery, ReportScope } from './scope.ts';

/**
 * The households closed in the range at `stage` (null: any) whose held exit interview gave the
 * drop-out reason `reason`, or said they might return later (`mightReturn`): the drill of the
 * drop-out table's "What applicants said" section, whose counts are held-interviews.ts's.
 */
export function heldClosureInterviewHouseholds(
  s: ReportScope,
  range: DateRange,
  which: { reason: string } | { mightReturn: true },
  stage: string | null,
): DrillQuery {
  const atStage =
    stage === null ? { sql: '', params: [] } : { sql: ' AND closed_stage = ?', params: [stage] };
  const h = heldInterviewsFrom('closure', s, range, 'reason' in which);
  const [rest, params] =
    'reason' in which
      ? [`${h.from} AND json_each.value = ?${atStage.sql}`, [...h.params, which.reason, ...atStage.params]]
      : [`${h.from} AND ${mightReturnColumn('closure')} = 1${atStage.sql}`, [...h.params, ...atStage.params]];
  // Each closure with its date, stage, reason and who ended it (the list's events).
  return {
    sql: `SELECT household_id ${rest}`,
    params,
    events: { sql: `SELECT ${CLOSURE_EVENT} ${rest}`, params },
  };
}
