import type { HouseholdRecord as Rec } from '../../../src-main/contract/households.ts';
import { stageLabel, STATUS_LABELS, todayIso, uk } from './format.ts';

/** Where the household stands, in a sentence: an approved or ceased household's stage says nothing more. */
export function whereNow(r: Rec): string {
  if (r.status === 'ceased')
    return endsLater(r) ? `stops fostering on ${uk(r.stageDate)}` : 'has ceased fostering';
  if (r.status === 'approved') return 'is now approved';
  return `is now ${STATUS_LABELS[r.status]?.toLowerCase()} at ${stageLabel(r.stage)}`;
}

/** A cessation recorded at its notice, dated up to 28 days on: the household still fosters until then. */
const endsLater = (r: Rec) => r.status === 'ceased' && !!r.stageDate && r.stageDate > todayIso();

/**
 * Where the household stands, after its status: a closed one, the stage it reached and the day it
 * closed (its stage date is the closure's, not the day it reached that stage); any other, its stage
 * and since when, the stage said once where it is the status (approved, ceased); a cessation not yet
 * in effect, when fostering ends.
 */
export function standingWords(record: Rec): string {
  const stage = stageLabel(record.stage);
  if (record.status === 'closed') return `at ${stage}, closed ${uk(record.stageDate)}`;
  if (endsLater(record)) return `fostering ends on ${uk(record.stageDate)}`;
  return `${stage === STATUS_LABELS[record.status] ? '' : `${stage} `}since ${uk(record.stageDate)}`;
}
