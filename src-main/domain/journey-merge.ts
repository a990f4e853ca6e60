import { formatUkDate, type IsoDate } from './dates.ts';
import {
  closureBeforeRequestFault,
  JOURNEY_DATE_KINDS,
  journeyDateWords,
  kinshipApplication,
  milestoneStepsFault,
  type JourneyDates,
} from './journey-dates.ts';
import {
  episodePathwayOf,
  latestMilestone,
  stageAtClosure,
  type Dates,
  type JourneyState,
  type Violation,
} from './journey.ts';
import { checkEndDate, checkMilestoneOrder } from './order-rules.ts';
import { MILESTONE_LABELS, MILESTONES, type Milestone, type OpenStage } from './stages.ts';

/**
 * The journey engine's answer to merging a duplicate household into the one kept: whether the two
 * journeys can be one, and what the merged episode is. Nothing is guessed: the duplicate's
 * milestones join the kept household's current episode only where they do not contradict it, the
 * earlier of two enquiries is kept (the first contact), and one closure or one cessation at most
 * survives. Pure, like domain/journey.ts: db/queries/households-merge.ts writes the answer.
 */
export interface MergeDecision {
  violations: Violation[];
  /** The duplicate's enquiry replaces the kept one's (it came first). */
  earlierEnquiry: { date: IsoDate; old: IsoDate } | null;
  /** The merged episode's dates, and the stage a closure moving across records as reached. */
  dates: Dates;
  stageReached: OpenStage;
}

const refuse = (message: string, fact: Violation['fact'] = 'closure'): Violation => ({
  code: 'rule_violation',
  message,
  field: 'mergeReference',
  fact,
});

/** `dup` is the duplicate's journey (its one episode); `keep` the kept household's current episode. */
export function decideMerge(keep: JourneyState, dup: JourneyState, today: IsoDate): MergeDecision {
  const violations: Violation[] = [];
  const kept = keep.dates;
  const incoming = dup.dates;
  let earlierEnquiry: MergeDecision['earlierEnquiry'] = null;
  if (dup.episode !== 1) {
    violations.push(
      refuse(`${dup.reference} has been re-opened: merge it by hand, episode by episode.`, 'enquiry'),
    );
  }
  // A re-opened household's enquiry cannot move back towards the closure that ended its last episode.
  if (keep.episode > 1 && incoming.enquiry && incoming.enquiry < (kept.enquiry ?? '')) {
    violations.push(
      refuse(
        `${keep.reference} was re-opened: its enquiry date cannot move back to ${formatUkDate(incoming.enquiry)}.`,
        'enquiry',
      ),
    );
  }
  for (const [kind, date] of Object.entries(incoming) as Array<[Milestone, IsoDate]>) {
    const mine = kept[kind];
    if (kind === 'enquiry' && mine && date < mine) earlierEnquiry = { date, old: mine };
    else if (mine && mine !== date && kind !== 'enquiry') {
      violations.push(
        refuse(
          `${MILESTONE_LABELS[kind]} is ${formatUkDate(mine)} on ${keep.reference} but ${formatUkDate(date)} on ${dup.reference}: correct one of them first.`,
          kind,
        ),
      );
    }
  }
  const dates: Dates = { ...incoming, ...kept, ...(earlierEnquiry ? { enquiry: earlierEnquiry.date } : {}) };
  const order = checkMilestoneOrder(dates, today)[0];
  if (order)
    violations.push(refuse(`Merged, the dates would be out of order: ${order.message}`, order.field));
  // The merged milestones keep their order with the merged dated steps (the engine's rule: the
  // reg 24 placement before the approval, the enquiry before the kinship steps, the panel before
  // its minutes): a milestone the duplicate brings against every step, one the kept household
  // holds against the steps the duplicate brings (what the kept household held together stays
  // as it was, fitting or not, as by hand).
  const steps: JourneyDates = { ...dup.journeyDates, ...keep.journeyDates };
  const joiningSteps: JourneyDates = Object.fromEntries(
    JOURNEY_DATE_KINDS.filter((k) => dup.journeyDates?.[k] && !keep.journeyDates?.[k]).map((k) => [
      k,
      dup.journeyDates![k],
    ]),
  );
  for (const kind of MILESTONES) {
    const date = dates[kind];
    if (!date) continue;
    const joins = !kept[kind] || (kind === 'enquiry' && earlierEnquiry !== null);
    const fault = milestoneStepsFault(kind, date, joins ? steps : joiningSteps);
    if (fault) {
      violations.push(refuse(`Merged, the dates would be out of order: ${fault}`, kind));
      break;
    }
  }
  // A closed episode keeps the stage it had reached: no step joins it (by hand, none can be recorded
  // on a closed household either), or it would be closed before its own milestones, or approved and closed.
  const joining = MILESTONES.find((k) => k !== 'enquiry' && incoming[k] && !kept[k]);
  // So with a dated step (by hand none is recorded on a closed household): a viability request
  // would also move the stage the closure stands at (stageAtClosure), in a year reported.
  const step = JOURNEY_DATE_KINDS.find((k) => dup.journeyDates?.[k] && !keep.journeyDates?.[k]);
  if (keep.closure && !dup.closure && (joining || step)) {
    // The other way round the closure moves across, standing where the merged episode had reached
    // (unless the duplicate is approved or switched pathway, which that way is refused too).
    const instead =
      dup.lastSwitchOn || dates.approval
        ? 're-open it first'
        : `merge ${keep.reference} into ${dup.reference} instead`;
    violations.push(
      refuse(
        `${keep.reference} is closed, so ${dup.reference}'s ${joining ? MILESTONE_LABELS[joining] : journeyDateWords(step!)} date cannot join it: ${instead}.`,
        joining ?? 'closure',
      ),
    );
  }
  // The duplicate's pathway switches were made from its own pathway: moved across, they would not
  // chain with the kept household's, and the record would show one pathway while the reports counted another.
  if (dup.lastSwitchOn) {
    violations.push(
      refuse(
        `${dup.reference} changed pathway on ${formatUkDate(dup.lastSwitchOn)}: its pathway history cannot join ${keep.reference}'s${keep.lastSwitchOn ? '' : `; merge ${keep.reference} into ${dup.reference} instead`}.`,
        'pathway',
      ),
    );
  }
  if (dup.closure && keep.closure) {
    violations.push(
      refuse(`Both ${keep.reference} and ${dup.reference} are closed: re-open one before merging.`),
    );
  }
  // A closure that moves across must still follow every milestone of the merged episode, and its
  // viability request (the engine's rule for a closure: a kinship application it would stand before).
  if (dup.closure) {
    const latest = latestMilestone(dates);
    const request = (keep.journeyDates?.viability_request ?? dup.journeyDates?.viability_request)?.date;
    const bad =
      (latest && checkEndDate('Closure', dup.closure.date, latest, today)) ||
      closureBeforeRequestFault(dup.closure.date, request);
    if (bad) violations.push(refuse(`${dup.reference} was closed too early to merge: ${bad}`));
    if (dates.approval) {
      violations.push(
        refuse(`${dup.reference} is closed but the merged household is approved: re-open it before merging.`),
      );
    }
  }
  if (dup.cessation && keep.cessation) {
    violations.push(
      refuse(`Both ${keep.reference} and ${dup.reference} have ceased to foster.`, 'cessation'),
    );
  }
  return {
    violations,
    earlierEnquiry,
    dates,
    // The duplicate's closure, moving across, stands where the merged episode had reached by its
    // date; a kinship application (either's viability request, the kept household's first) counts.
    stageReached: stageAtClosure(dates, dup.closure?.date ?? today, () =>
      kinshipApplication(
        episodePathwayOf(keep),
        (keep.journeyDates?.viability_request ?? dup.journeyDates?.viability_request)?.date,
      ),
    ),
  };
}
