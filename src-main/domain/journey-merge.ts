import { cessationCarersFault } from './carers.ts';
import { formatUkDate, type IsoDate } from './dates.ts';
import {
  endingBeforeStepFault,
  JOURNEY_DATE_KINDS,
  journeyDateText,
  JOURNEY_DATE_LABELS,
  journeyDateWords,
  kinshipApplication,
  type JourneyDateKind,
  type JourneyDates,
} from './journey-dates.ts';
import { checkJourneyDate, milestoneStepsFault } from './journey-date-order.ts';
import { type EpisodePathway } from './episode-pathway.ts';
import {
  episodeEnding,
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
  /** The duplicate's dated steps that move into the kept household's current episode (it lacks them). */
  stepsToMove: JourneyDateKind[];
  /** The duplicate's "Enquiry answered" date, which the merged episode takes (see decideMerge). */
  respondedFromDuplicate: IsoDate | null;
}

const refuse = (message: string, fact: Violation['fact'] = 'closure'): Violation => ({
  code: 'rule_violation',
  message,
  field: 'mergeReference',
  fact,
});

/**
 * `dup` is the duplicate's journey (its one episode); `keep` the kept household's current episode,
 * with its pathway record (`keptEpisode`, the episodes row: a kinship step dated while it was on
 * kinship stays one after a switch to mainstream). Each `journeyDates` is that episode's dated steps.
 */
export function decideMerge(
  keep: JourneyState,
  dup: JourneyState,
  today: IsoDate,
  keptEpisode?: EpisodePathway | null,
): MergeDecision {
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
  // One record's journey ended before the other's enquiry: the family enquired again, which is not
  // one record twice. Merged, the later enquiry gave way to the earlier one and the household stood
  // closed (or ceased) since before it: a current enquirer's record was due for purge at once.
  for (const [ended, other] of [
    [dup, keep],
    [keep, dup],
  ] as const) {
    const enquiry = other.dates.enquiry;
    const end = ended.closure ?? ended.cessation;
    if (!enquiry || !end || end.date >= enquiry) continue;
    // One record is made of them only by re-opening the earlier and merging the later into it, which
    // a ceased or purged earlier record, or a later one re-opened or switched, cannot go through.
    const oneRecord =
      ended.closure && !ended.erased && other.episode === 1 && !other.lastSwitchOn
        ? `To keep one record, re-open ${ended.reference} as a new enquiry dated ${formatUkDate(enquiry)}, then merge ${other.reference} into it.`
        : 'The two records stay apart.';
    violations.push(
      refuse(
        `${other.reference} enquired on ${formatUkDate(enquiry)}, after ${ended.reference} ${ended.closure ? 'was closed' : 'ceased to foster'} on ${formatUkDate(end.date)}: a new enquiry, not the same one twice. ${oneRecord}`,
        'enquiry',
      ),
    );
  }
  if (dup.closure && keep.closure) {
    violations.push(
      refuse(`Both ${keep.reference} and ${dup.reference} are closed: re-open one before merging.`),
    );
  }
  // An ending that moves across must still follow every milestone of the merged episode, and its
  // dated steps (the engine's rule for a closure or cessation: nothing of the episode after it).
  const mergedSteps = { ...dup.journeyDates, ...keep.journeyDates };
  if (dup.closure) {
    const latest = latestMilestone(dates);
    const bad =
      (latest && checkEndDate('Closure', dup.closure.date, latest, today)) ||
      endingBeforeStepFault('closure', dup.closure.date, mergedSteps, {
        date: dup.closure.date,
        steps: dup.journeyDates,
      });
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
  // One household's cessation comes together with the other's carers (theirs move across): as by
  // hand, nobody joins or leaves, nor do places change, after it. Each household's own stays as it was.
  const carers =
    (dup.cessation &&
      !keep.cessation &&
      cessationCarersFault(keep.reference, dup.cessation.date, keep.carerDates?.until)) ||
    (keep.cessation &&
      !dup.cessation &&
      cessationCarersFault(dup.reference, keep.cessation.date, dup.carerDates?.until));
  if (carers) violations.push(refuse(`Merged, the dates would be out of order: ${carers}`, 'cessation'));
  const ceasedEarly =
    dup.cessation &&
    !keep.cessation &&
    endingBeforeStepFault('cessation', dup.cessation.date, mergedSteps, {
      date: dup.cessation.date,
      steps: dup.journeyDates,
    });
  if (ceasedEarly)
    violations.push(refuse(`Merged, the dates would be out of order: ${ceasedEarly}`, 'cessation'));
  const moving = mergeSteps(keep, dup, dates, keptEpisode, today);
  if (moving.violation) violations.push(moving.violation);
  // The family was answered on the first day either record says: the duplicate's answer joins where
  // the kept household has none or a later one (left behind, the merged household was told to
  // respond to an enquiry already answered, its alert overdue from the day after the earlier one).
  // Never before the merged enquiry (a duplicate with no enquiry, a kinship one from its viability
  // request, may hold an answer before it: the engine's rule, an answer follows the enquiry).
  const respondedFromDuplicate =
    dup.respondedDate &&
    (!keep.respondedDate || dup.respondedDate < keep.respondedDate) &&
    (!dates.enquiry || dup.respondedDate >= dates.enquiry)
      ? dup.respondedDate
      : null;
  return {
    violations,
    earlierEnquiry,
    respondedFromDuplicate,
    dates,
    stepsToMove: moving.move,
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

/**
 * The duplicate's dated steps (panel minutes, the kinship steps) against the kept household's, the
 * merged episode's `milestones` given: those the kept household lacks move (`move`). The same step
 * recorded on both with another date (or another viability result, or extension reason or length) refuses the
 * merge, naming both, as a milestone does; so does a merged journey that breaks the journey's rules (checkJourneyDate:
 * a kinship step on a mainstream household, an outcome before its request, a step before the merged
 * enquiry). Every step of the merged journey is checked, since a moved step can break a kept one's
 * order; but a kept step's fault the kept household held before the merge (as an earlier version
 * stored it) is not the merge's to refuse, while one the merge brings about is. Nothing moving,
 * nothing is checked: the milestones the merge brings are held against the steps by decideMerge.
 */
export function mergeSteps(
  keep: Pick<JourneyState, 'reference' | 'pathway' | 'dates' | 'journeyDates' | 'closure' | 'cessation'>,
  dup: Pick<JourneyState, 'reference' | 'journeyDates'>,
  milestones: Dates,
  keptEpisode: EpisodePathway | null | undefined,
  today: IsoDate,
): { move: JourneyDateKind[]; violation: Violation | null } {
  const kept = keep.journeyDates ?? {};
  const incoming = dup.journeyDates ?? {};
  const move: JourneyDateKind[] = [];
  // A step's result (a viability outcome's) or reason and length (an extension's) is part of it: the duplicate's
  // would go with it unsaid, so two that differ are named as two dates are.
  for (const kind of JOURNEY_DATE_KINDS) {
    const theirs = incoming[kind];
    if (!theirs) continue;
    const mine = kept[kind];
    if (!mine) {
      move.push(kind);
      continue;
    }
    if (
      mine.date !== theirs.date ||
      (mine.detail ?? null) !== (theirs.detail ?? null) ||
      (mine.reason ?? null) !== (theirs.reason ?? null) ||
      (mine.weeks ?? null) !== (theirs.weeks ?? null)
    ) {
      return {
        move: [],
        violation: refuse(
          `${JOURNEY_DATE_LABELS[kind]} is ${journeyDateText(mine)} on ${keep.reference} but ${journeyDateText(theirs)} on ${dup.reference}: correct one of them first.`,
        ),
      };
    }
  }
  if (move.length === 0) return { move, violation: null };
  const journey: JourneyDates = { ...incoming, ...kept };
  // A step moving across may not pass the kept household's ending (decideMerge checks the duplicate's).
  const ending = episodeEnding(keep);
  const ctx = { pathway: keep.pathway, episode: keptEpisode, milestones, journey, today, ending };
  for (const kind of JOURNEY_DATE_KINDS) {
    const step = journey[kind];
    if (!step) continue;
    const bad = checkJourneyDate(kind, step, ctx);
    const held =
      bad &&
      !move.includes(kind) &&
      checkJourneyDate(kind, step, { ...ctx, milestones: keep.dates, journey: kept }) === bad;
    if (bad && !held) {
      return { move: [], violation: refuse(`Merged, the journey would break its rules: ${bad}`) };
    }
  }
  return { move, violation: null };
}
