import type { IsoDate } from './dates.ts';
import type { Pathway } from './stages.ts';

/**
 * An episode's pathway as the episodes record holds it (db/episodes.ts): as at its enquiry, the
 * last dated switch inside it (none: null), and, switched twice, the first switch's date (else null).
 */
export interface EpisodePathway {
  pathway: Pathway;
  switched_on: IsoDate | null;
  switched_to: Pathway | null;
  first_switched_on: IsoDate | null;
}

/** The other pathway: where a switch goes (a switch always changes pathway). */
export function otherPathway(p: Pathway): Pathway {
  return p === 'kinship' ? 'mainstream' : 'kinship';
}

/** Whether an episode was on `p` at some time: at its enquiry, or from a switch (a switch visits both pathways). */
export const everOn = (e: Pick<EpisodePathway, 'pathway' | 'switched_on'>, p: Pathway): boolean =>
  e.pathway === p || e.switched_on !== null;

/**
 * The pathway an episode's event dated `date` counts under: its pathway as at the enquiry, but
 * the other one from its only switch on, or, switched twice, from the first switch until the
 * second brought it back (db/journey-sql.ts `pathwayAtSql`, the same rule).
 */
export function pathwayOn(
  e: { pathway: Pathway; switched_on?: IsoDate | null; first_switched_on?: IsoDate | null },
  date: IsoDate,
): Pathway {
  return switchedAt(e.first_switched_on, e.switched_on, date) ? otherPathway(e.pathway) : e.pathway;
}

/**
 * Whether an episode is on the other pathway than at its enquiry at `at`: from its only switch
 * (`last`) on, or, switched twice, from the first until the second brought it back. On ISO dates
 * or day numbers alike (the forecast's scan compares day numbers).
 */
export function switchedAt<T extends string | number>(
  first: T | null | undefined,
  last: T | null | undefined,
  at: T,
): boolean {
  return first != null ? first <= at && last != null && at < last : last != null && last <= at;
}
