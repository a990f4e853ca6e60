import { formatUkDate, type IsoDate } from './dates.ts';
import { endingBeforeStepFault, kinshipApplication } from './journey-dates.ts';
import { cessationDate, type CessationFacts, type ClosureFacts } from './journey-events.ts';
import {
  episodePathwayOf,
  latestMilestone,
  stageAtClosure,
  statusOf,
  type Ending,
  type JourneyState,
} from './journey-state.ts';
import { checkCessation, checkEndDate, checkReopen, exitInterviewFrom } from './order-rules.ts';
import { cessationCarersFault } from './carers.ts';
import { endedByFault, reasonStageFault } from './reasons.ts';
import type { OpenStage } from './stages.ts';
import type { WorkingCopy } from './journey-working-copy.ts';

/**
 * How the journey engine (journey-decider.ts) ends an episode and starts the next: a closure (a
 * drop-out, at the stage the episode had reached), a re-opening, a cessation (an approved
 * household stops fostering), and the stage a standing closure stands at as its dates move.
 */

/** The stage a closure dated `closedOn` stands at, on the episode as it now is. */
export function closureStageAt(s: JourneyState, closedOn: IsoDate) {
  return stageAtClosure(s.dates, closedOn, () =>
    kinshipApplication(episodePathwayOf(s), s.journeyDates?.viability_request?.date),
  );
}

/**
 * A standing closure stands at the stage its episode's dates give (stageAtClosure): an import
 * row's milestones or kinship viability request dated before it move it, whoever recorded the
 * closure, or the drop-out counts at the wrong stage (`because` null; by hand no date joins a
 * closed episode). So does a pathway switch dated before its viability request: the request was
 * then made on the other pathway, so it is (or is no longer) the episode's kinship application,
 * as the return counts it; only the switch's own effect is applied (`before`: the stage the rule
 * gave before it, `because`: the switch's date).
 */
export function restageClosure(d: WorkingCopy, because: IsoDate | null, before?: OpenStage): void {
  const c = d.state.closure;
  const stage = c?.stage && closureStageAt(d.state, c.date);
  if (!c?.stage || !stage || stage === before || stage === c.stage) return;
  d.writes.push({ to: 'closureStage', id: c.id, date: c.date, stage, old: c.stage, because });
  d.state.closure = { ...c, stage };
}

/**
 * An exit interview follows its ending (order-rules checkExitInterview): a moved ending may not
 * pass it, unless it follows the notice of a resignation (exitInterviewFrom). `notice`: the notice
 * that will stand, as a correction by hand may move or clear it (helper-253: a notice moved after
 * the interview left one the interview form then refused to save again).
 */
function passesInterview(
  reference: string,
  ending: Ending | null,
  date: IsoDate,
  what: string,
  notice: IsoDate | null = ending?.interview?.notice ?? null,
): string | null {
  const i = ending?.interview;
  if (!i || (date === ending.date && notice === (i.notice ?? null))) return null;
  const from = exitInterviewFrom({ date, noticeDate: notice });
  if (from.date <= i.on) return null;
  const after =
    notice && notice < date
      ? `the notice given on ${formatUkDate(notice)}`
      : `the ${what} date ${formatUkDate(date)}`;
  return `${reference}: its exit interview was ${i.what} on ${formatUkDate(i.on)}, before ${after}: correct the interview first.`;
}

export function closeEpisode(
  d: WorkingCopy,
  c: ClosureFacts,
  replace: boolean,
  fields: { date: string; endedBy: string; reasonKey: string | null },
  because?: string,
): void {
  const s = d.state;
  const status = statusOf(s);
  if (status === 'approved' || status === 'ceased')
    return d.fail('closure', fields.date, `${s.reference} is ${status}: it cannot be closed as a drop-out.`);
  if (status === 'closed' && !replace) return void d.requireStatus('close', 'close', 'closure');
  const bad = checkEndDate('Closure', c.date, latestMilestone(s.dates), d.today);
  if (bad) d.fail('closure', fields.date, bad);
  // Nor before a dated step of the episode (the viability request is also a kinship application).
  const early =
    !bad &&
    endingBeforeStepFault(
      'closure',
      c.date,
      s.journeyDates,
      s.closure && { date: s.closure.date, steps: d.held },
    );
  if (early) d.fail('closure', fields.date, early);
  const passed = passesInterview(s.reference, s.closure, c.date, 'closure');
  if (passed) d.fail('closure', fields.date, passed);
  const wrongBy = c.reason && endedByFault(c.reason, c.endedBy);
  if (wrongBy) d.fail('closure', fields.endedBy, wrongBy);
  const stage = closureStageAt(s, c.date);
  const wrongStage =
    fields.reasonKey !== null &&
    c.reason &&
    reasonStageFault({ key: c.reasonKey, label: c.reason.label }, stage);
  if (wrongStage) d.fail('closure', fields.reasonKey!, wrongStage);
  d.writes.push({
    to: 'closure',
    op: s.closure ? 'update' : 'insert',
    id: s.closure?.id ?? null,
    episode: s.episode,
    stageReached: stage,
    closure: c,
    ...(because === undefined ? {} : { because }),
  });
  s.closure = { id: s.closure?.id ?? null, date: c.date, stage };
}

/** A closed household enquires again: the closure keeps its record, a new episode starts with the enquiry. */
export function reopenEpisode(
  d: WorkingCopy,
  enquiryDate: IsoDate,
  notes: string | null,
  field: string,
): void {
  const s = d.state;
  if (!d.requireStatus('reopen', 're-open', 'enquiry')) return;
  const bad = checkReopen(enquiryDate, s.closure!.date, d.today, s.lastSwitchOn);
  if (bad) d.fail('enquiry', field, bad);
  d.writes.push({
    to: 'reopen',
    closureId: s.closure!.id,
    on: enquiryDate,
    fromEpisode: s.episode,
    notes,
  });
  s.episode += 1;
  s.reopenedAfter = s.closure!.date;
  s.closure = null;
  s.respondedDate = null;
  s.dates = { enquiry: enquiryDate };
  s.episodeSwitches = [];
  s.journeyDates = null;
  d.writes.push({
    to: 'milestone',
    op: 'insert',
    episode: s.episode,
    kind: 'enquiry',
    date: enquiryDate,
  });
}

export function ceaseFostering(d: WorkingCopy, c: CessationFacts, replace: boolean, because?: string): void {
  const s = d.state;
  if (!s.dates.approval)
    return d.fail('cessation', 'date', `${s.reference} has no approval date, so it cannot cease to foster.`);
  if (s.cessation && !replace) return void d.requireStatus('cease', 'record a cessation', 'cessation');
  const date = cessationDate(c);
  if (!date)
    return d.fail('cessation', 'date', 'Give the date fostering ends, or the notice date.', 'invalid_input');
  const bad = checkCessation(
    { date, noticeDate: c.noticeDate ?? null, initiatedBy: c.initiatedBy },
    s.dates.approval,
    d.today,
  );
  if (bad) d.fail('cessation', bad.field, bad.message);
  const early =
    !bad &&
    endingBeforeStepFault(
      'cessation',
      date,
      s.journeyDates,
      s.cessation && { date: s.cessation.date, steps: d.held },
    );
  if (early) d.fail('cessation', 'date', early);
  // The notice the cessation will hold: the one given (an import passes on the one stored).
  const notice = c.noticeDate ?? null;
  const passed = passesInterview(s.reference, s.cessation, date, 'deregistration', notice);
  if (passed) d.fail('cessation', notice && notice < date ? 'noticeDate' : 'date', passed);
  const carers = date !== s.cessation?.date && cessationCarersFault(s.reference, date, s.carerDates?.until);
  if (carers) d.fail('cessation', 'date', carers);
  // Nor before a pathway change: the household fostered on the new pathway from then, so a cessation
  // before it would be counted on the pathway it had left. One on the change's own day is allowed and
  // counted on the new pathway (the household changed, then stopped); the reverse, a change on or
  // after a cessation's day, is refused (pathway-switch.ts): a household that stopped moves nowhere.
  const switched = s.lastSwitchOn;
  if (switched && date < switched)
    d.fail(
      'cessation',
      'date',
      `${s.reference} changed pathway on ${formatUkDate(switched)}: a cessation before that, on ${formatUkDate(date)}, cannot be recorded (correct the pathway change first).`,
    );
  d.writes.push({
    to: 'cessation',
    op: s.cessation ? 'update' : 'insert',
    id: s.cessation?.id ?? null,
    cessation: { ...c, date },
    ...(because === undefined ? {} : { because }),
  });
  s.cessation = { id: s.cessation?.id ?? null, date };
}
