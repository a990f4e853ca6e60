import type { IsoDate } from './dates.ts';
import { HOUSEHOLD_COLUMNS, type HouseholdColumn } from './household-details.ts';
import type { JourneyState } from './journey.ts';
import type { MergeDecision } from './journey-merge.ts';

/** What the note of a merge names: a detail column, or one of the two dates a merge chooses between. */
export type NotKeptField = HouseholdColumn | 'enquiry_date' | 'responded_date';

/**
 * The duplicate's own values a merge leaves behind (`theirs`), each beside what the kept household
 * holds instead (`kept`; null: none). Written into the kept household's history with the merge
 * (households-merge.ts), so its timeline says that the duplicate held another email, and an
 * erasure or a subject access request reaches the values as any other entry's (they are the
 * audit entry's old and new values, which erase.ts blanks and subject-access.ts lists).
 */
export interface NotKept {
  theirs: Partial<Record<NotKeptField, string>>;
  kept: Partial<Record<NotKeptField, string | null>>;
}

/** One household's side of a merge: its details and its current journey. */
export interface MergeSide {
  details: Readonly<Record<HouseholdColumn, string | null>>;
  journey: Pick<JourneyState, 'dates' | 'respondedDate'>;
}

/**
 * What of the duplicate a merge the engine allowed (`decision`, decideMerge's) does not keep: a
 * detail both hold with other values (a blank one is filled from the duplicate instead), its
 * enquiry date where the kept household's earlier one stands, and its enquiry response where
 * another stands (or none: one before the merged enquiry). Null when nothing is lost.
 */
export function mergeNotKept(
  keep: MergeSide,
  dup: MergeSide,
  decision: Pick<MergeDecision, 'dates' | 'respondedFromDuplicate'>,
): NotKept | null {
  const out: NotKept = { theirs: {}, kept: {} };
  const leave = (field: NotKeptField, theirs: string, kept: string | null) => {
    out.theirs[field] = theirs;
    out.kept[field] = kept;
  };
  for (const column of HOUSEHOLD_COLUMNS) {
    const theirs = dup.details[column];
    const mine = keep.details[column];
    if (theirs && mine && theirs !== mine) leave(column, theirs, mine);
  }
  const enquiry = dup.journey.dates.enquiry;
  if (enquiry && enquiry !== decision.dates.enquiry)
    leave('enquiry_date', enquiry, decision.dates.enquiry ?? null);
  const responded = dup.journey.respondedDate;
  const keptResponse: IsoDate | null = decision.respondedFromDuplicate ?? keep.journey.respondedDate;
  if (responded && responded !== keptResponse) leave('responded_date', responded, keptResponse);
  return Object.keys(out.theirs).length > 0 ? out : null;
}
