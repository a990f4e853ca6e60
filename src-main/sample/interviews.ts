import { givenInInterview, interviewHeldAfter, type ReasonList } from '../domain/reasons.ts';
import type { EndedBy, ExitInterviewStatus } from '../domain/stages.ts';
import type { Random } from './random.ts';

/**
 * A sample exit interview's outcome: none is held after an ending no interview can follow held
 * (interviewHeldAfter: contact was lost, so the offer went unanswered), whatever was drawn for it.
 * The draw is left as it was, so every other sample value stays where it was.
 */
export const interviewStatus = (drawn: ExitInterviewStatus, endedBy: EndedBy | null): ExitInterviewStatus =>
  drawn === 'held' && !interviewHeldAfter(endedBy) ? 'offered' : drawn;

/** What else people say at an exit interview, by list, and how often. */
const ALSO: Record<ReasonList, ReadonlyArray<readonly [string, number]>> = {
  dropout: [
    ['process', 3],
    ['not_as_expected', 3],
    ['circumstances', 3],
    ['financial', 2],
    ['housing', 2],
    ['allegations_risk', 1],
    ['other_provider', 1],
  ],
  leaving: [
    ['personal_circumstances', 3],
    ['not_for_them', 2],
    ['dissatisfied', 2],
    ['transfer_ifa', 1],
    ['other', 1],
  ],
};

/**
 * The reasons given at a sample interview held: mostly the one recorded for the ending, but a third
 * add another and some give a different one (one counselled out says the process was not what they
 * expected), so "What applicants said" is not the reasons table again. Never one no interview held
 * gives (givenInInterview). Draws on its own stream `r`, a fixed number of times.
 */
export function reasonsSaid(list: ReasonList, recorded: string, r: Random): string[] {
  const how = r.weighted([
    ['same', 6],
    ['more', 3],
    ['other', 2],
  ] as const);
  const other = r.weighted(ALSO[list]);
  const said = how === 'same' ? [recorded] : how === 'more' ? [recorded, other] : [other];
  return [...new Set(said)].filter((k) => givenInInterview(list, k));
}
