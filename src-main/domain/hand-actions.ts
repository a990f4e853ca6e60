import type { IsoDate } from './dates.ts';
import { JOURNEY_DATE_STATUSES } from './journey-dates.ts';
import type { Status } from './stages.ts';

/**
 * Where a household must stand for each change made by hand: the journey engine refuses it
 * elsewhere (domain/journey-decider.ts), and the record offers its form only there. One list,
 * read by both, so a screen never offers what the core would refuse, nor hides what it would take.
 * (A recorded response may be corrected whatever has happened since: responseChangeAllowed.)
 */
export const HAND_ACTION_STATUSES = {
  /**
   * A milestone recorded: the next one while open; one an approved or ceased household's record lacks
   * (a panel date an import left out, a Stage 1 removed by mistake), in its place before the approval
   * (the order rules). Not on a closed household, whose closure holds the stage it reached: re-open it.
   */
  record: ['open', 'approved', 'ceased'],
  /** The enquiry's first response. */
  respond: ['open'],
  close: ['open'],
  reopen: ['closed'],
  /** A closure recorded by mistake (the wrong household, a withdrawal taken back the same week). */
  removeClosure: ['closed'],
  /** A closure's date, reason, who ended it or notes typed wrongly: the same closure, corrected. */
  correctClosure: ['closed'],
  cease: ['approved'],
  removeCessation: ['ceased'],
  /** A cessation's dates, reason, who initiated it or notes typed wrongly: the same cessation, corrected. */
  correctCessation: ['ceased'],
  /** A dated step of the journey (panel minutes, a kinship step). */
  journeyDate: JOURNEY_DATE_STATUSES,
} as const satisfies Record<string, readonly Status[]>;
export type HandAction = keyof typeof HAND_ACTION_STATUSES;

/**
 * Whether an ending is one an erasure of the household's personal details followed (dated on or
 * before the day they were erased): removed, the household would stand open, or approved, again, a
 * case no one can contact (helper-241), so it stays. A family that came back since, and ended
 * again by mistake, has that later ending removed as any other (helper-243).
 */
export const endingErased = (endedOn: IsoDate, erasedOn: IsoDate | null | undefined): boolean =>
  !!erasedOn && endedOn <= erasedOn;

/**
 * Whether a household may take a duplicate in by merge: not once its personal details were erased
 * (purged), whatever has been typed since. Erasure is final: the duplicate's details and history
 * would sit in a household no purge lists again (db/queries/households-merge.ts refuses it, and the
 * record offers no merge form there); merged the other way round, they stay within reach.
 */
export const mergeIntoAllowed = (erased: boolean): boolean => !erased;

/** Whether a household in `status` may have `action` done to it by hand. */
export const handActionAllowed = (action: HandAction, status: Status): boolean =>
  (HAND_ACTION_STATUSES[action] as readonly Status[]).includes(status);

/**
 * Whether the enquiry's response may be set by hand: a first response only while the household is
 * open (a file may say when a closed one was answered); one recorded may be corrected whatever has
 * happened since, as the enquiry it follows may be.
 */
export const responseChangeAllowed = (status: Status, recorded: boolean): boolean =>
  recorded || handActionAllowed('respond', status);
