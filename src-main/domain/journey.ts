import type { IsoDate } from './dates.ts';

/**
 * Rules of the journey that both hand edits and imports apply, so the two can never disagree
 * about which episode a fact belongs to. (Stage order: domain/stages.ts; date order:
 * domain/order-rules.ts; SQL generated from the order: domain/journey-sql.ts.)
 */

/** Where an enquiry date arriving for a known household belongs. */
export type EnquiryPlace =
  /** the current episode (its own enquiry, or a correction of it while it is the only one) */
  | 'current'
  /** a new episode: the household enquires again on or after its closure */
  | 'reopens'
  /** an episode before the current one: an old export's row, which must not rewrite the newer episode */
  | 'earlier';

export interface CurrentEpisode {
  episode: number;
  enquiry: IsoDate | null;
  /** The current episode's closure date, if it is closed. */
  closedOn: IsoDate | null;
}

export function placeEnquiry(enquiry: IsoDate, current: CurrentEpisode): EnquiryPlace {
  if (enquiry === current.enquiry) return 'current';
  if (current.closedOn && enquiry >= current.closedOn) return 'reopens';
  if (current.episode > 1 && current.enquiry && enquiry < current.enquiry) return 'earlier';
  return 'current';
}
