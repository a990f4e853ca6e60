import { formatUkDate, type IsoDate } from './dates.ts';
import {
  checkJourneyDate,
  endingBeforeStepFault,
  JOURNEY_DATE_DEPENDANTS,
  JOURNEY_DATE_LABELS,
  journeyDateFaultPart,
  journeyDateWords,
  kinshipApplication,
  MILESTONE_DEPENDANTS,
  milestoneStepsFault,
  type JourneyDate,
  type JourneyDateKind,
} from './journey-dates.ts';
import {
  cessationDate,
  type CessationFacts,
  type ClosureFacts,
  type JourneyEvent,
  type JourneyWrite,
  type Violation,
} from './journey-events.ts';
import {
  episodeEnding,
  episodePathwayOf,
  latestMilestone,
  stageAtClosure,
  statusOf,
  type Dates,
  type Ending,
  type JourneyState,
} from './journey-state.ts';
import {
  checkBeforeCessation,
  checkBeforeClosure,
  checkCessation,
  checkEndDate,
  checkMilestoneOrder,
  checkReopen,
  exitInterviewFrom,
  responseFault,
} from './order-rules.ts';
import { cessationCarersFault } from './carers.ts';
import { handActionAllowed, responseChangeAllowed, type HandAction } from './hand-actions.ts';
import { importSwitchDate, pathwaySwitchFault } from './pathway-switch.ts';
import { endedByFault } from './reasons.ts';
import { MILESTONE_LABELS, MILESTONES, type Milestone, type OpenStage, type Pathway } from './stages.ts';

/**
 * How the journey engine (domain/journey.ts `decide`) applies an event: each event's rules, the
 * facts it writes and the faults it finds, on a working copy of the state.
 */

/** A hand edit's dates are bounded by the household's standing closure and cessation. */
const BOTH_ENDINGS = { closure: true, cessation: true } as const;

/** The input fields of a closure's date and who ended it: the hand form's, and an import's columns. */
const HAND_CLOSURE_FIELDS = { date: 'date', endedBy: 'endedBy' } as const;
const IMPORT_CLOSURE_FIELDS = { date: 'closed_date', endedBy: 'closed_by' } as const;

/** The step form's boxes, by the part of a step a fault is about (journeyDateFaultPart). */
const STEP_FIELDS = { result: 'result', reason: 'extensionReason', date: 'date' } as const;

/** Applies events one after another to a working copy, collecting writes and violations. */
export class Decider {
  state: JourneyState;
  readonly writes: JourneyWrite[] = [];
  readonly violations: Violation[] = [];

  private readonly today: IsoDate;

  // Plain fields, not constructor parameter properties: the import worker runs this file under
  // Node's type stripping, which does not rewrite them.
  /** The steps stored before the event (an import row's may replace them): endingBeforeStepFault's `replacing`. */
  private held: JourneyState['journeyDates'];
  constructor(state: JourneyState, today: IsoDate) {
    this.state = { ...state, dates: { ...state.dates } };
    this.today = today;
    this.held = state.journeyDates;
  }

  private fail(
    fact: Violation['fact'],
    field: string,
    message: string,
    code: Violation['code'] = 'rule_violation',
  ) {
    this.violations.push({ code, message, field, fact });
  }

  private requireStatus(action: HandAction, doing: string, fact: Violation['fact']): boolean {
    const status = statusOf(this.state);
    if (handActionAllowed(action, status)) return true;
    this.fail(fact, 'id', `Cannot ${doing}: household ${this.state.reference} is ${status}.`);
    return false;
  }

  /** Order violations the new dates introduce (old data's own faults do not block an unrelated change). */
  private checkOrder(next: Dates, field: (kind: Milestone) => string): void {
    const old = new Set(checkMilestoneOrder(this.state.dates, this.today).map((v) => v.message));
    for (const v of checkMilestoneOrder(next, this.today))
      if (!old.has(v.message)) this.fail(v.field, field(v.field), v.message);
  }

  apply(e: JourneyEvent): void {
    switch (e.type) {
      case 'enquire': {
        const v = checkMilestoneOrder({ enquiry: e.date }, this.today)[0];
        if (v) this.fail('enquiry', 'enquiryDate', v.message);
        this.state.dates = { enquiry: e.date };
        this.writes.push({
          to: 'milestone',
          op: 'insert',
          episode: this.state.episode,
          kind: 'enquiry',
          date: e.date,
        });
        return;
      }
      case 'record':
        if (!this.requireStatus('record', `record ${MILESTONE_LABELS[e.kind]}`, e.kind)) return;
        if (this.state.dates[e.kind]) {
          return this.fail(
            e.kind,
            'kind',
            `${MILESTONE_LABELS[e.kind]} is already recorded; correct it instead, with a reason.`,
            'conflict',
          );
        }
        return this.setDates({ [e.kind]: e.date }, () => 'date', BOTH_ENDINGS);
      case 'correct': {
        if (!this.state.dates[e.kind]) return this.notRecorded(e.kind);
        if (this.state.dates[e.kind] === e.date) return;
        return this.setDates({ [e.kind]: e.date }, () => 'date', BOTH_ENDINGS, e.reason);
      }
      case 'remove':
        return this.remove(e.kind, e.reason);
      case 'respond':
        if (!responseChangeAllowed(statusOf(this.state), this.state.respondedDate !== null))
          return void this.requireStatus('respond', 'record a response', 'response');
        if (this.state.respondedDate === e.date) return;
        // As a milestone's: the audit keeps why a recorded date was changed.
        if (this.state.respondedDate && !e.reason?.trim())
          return this.fail(
            'response',
            'correctionReason',
            `The enquiry response is already recorded (${formatUkDate(this.state.respondedDate)}); give a reason to correct it.`,
            'conflict',
          );
        return this.respond(e.date, 'date', this.state.dates.enquiry, e.reason ?? null);
      case 'close':
        return this.close(e.closure, e.replace ?? false, HAND_CLOSURE_FIELDS);
      case 'reopen':
        return this.reopen(e.enquiryDate, e.notes, 'enquiryDate');
      case 'cease':
        return this.cease(e.cessation, e.replace ?? false);
      case 'removeCessation': {
        const c = this.state.cessation;
        if (!this.requireStatus('removeCessation', 'remove a cessation', 'cessation') || !c) return;
        this.writes.push({ to: 'cessation', op: 'delete', id: c.id, date: c.date, reason: e.reason });
        this.state.cessation = null;
        return;
      }
      case 'switchPathway': {
        const s = this.state;
        if (s.pathway === e.pathway)
          return this.fail(
            'pathway',
            'pathway',
            `Household ${s.reference} is already on the ${e.pathway} pathway.`,
          );
        const fault = pathwaySwitchFault(s, e.date, this.today);
        if (fault) this.fail('pathway', 'date', fault);
        this.switchPathway(e.pathway, e.date);
        return;
      }
      case 'recordStep':
        return this.recordStep(e.kind, e.step, e.reason);
      case 'removeStep':
        return this.removeStep(e.kind, e.reason);
      case 'importRow': {
        const to = e.pathway && e.pathway !== this.state.pathway ? e.pathway : null;
        const on = importSwitchDate(e.reopenOn, this.state.lastSwitchOn, this.today);
        const switchTo = (pathway: Pathway) => {
          const fault = pathwaySwitchFault(this.state, on, this.today);
          if (fault) this.fail('pathway', 'pathway', fault);
          this.switchPathway(pathway, on);
        };
        if (e.reopenOn) this.reopen(e.reopenOn, null, 'enquiry_date');
        if (e.steps !== undefined) this.state.journeyDates = e.steps;
        // The row's response is the episode's (a re-opening row's, the new one's), checked against the
        // enquiry as the row leaves it; the row's enquiry is then checked against it.
        if (e.responded && e.responded !== this.state.respondedDate)
          this.respond(e.responded, 'responded_date', e.dates.enquiry ?? this.state.dates.enquiry);
        // A re-enquiry on the other pathway starts its episode there: its dates and ending count under it.
        const startsOn = to && e.reopenOn && on === e.reopenOn;
        if (startsOn) switchTo(to);
        // The row's own closure or cessation is checked against its dates below; otherwise a standing one bounds them.
        this.setDates(e.dates, (kind) => `${kind}_date`, { closure: !e.closure, cessation: !e.cessation });
        if (e.closure) this.close(e.closure, true, IMPORT_CLOSURE_FIELDS);
        else this.restageClosure(null);
        if (e.cessation) this.cease(e.cessation, true);
        if (to && !startsOn) switchTo(to);
        return;
      }
    }
  }

  /**
   * Records a dated step of the current episode, or corrects it (with a reason): only while the
   * household's journey goes on (HAND_ACTION_STATUSES.journeyDate), and as checkJourneyDate allows
   * it against the episode's pathway, milestones and other steps. A result is kept only for the
   * viability outcome, a reason only for the extension.
   */
  private recordStep(kind: JourneyDateKind, value: JourneyDate, reason: string | null): void {
    const s = this.state;
    if (!this.requireStatus('journeyDate', `record ${journeyDateWords(kind)}`, 'step')) return;
    const journey = s.journeyDates ?? {};
    const old = journey[kind] ?? null;
    const step = {
      date: value.date,
      detail: kind === 'viability_outcome' ? (value.detail ?? null) : null,
      reason: kind === 'extension' ? (value.reason ?? null) : null,
    };
    if (old && old.date === step.date && old.detail === step.detail && old.reason === step.reason) return;
    if (old && !reason)
      return this.fail(
        'step',
        'kind',
        `${JOURNEY_DATE_LABELS[kind]} is already recorded (${formatUkDate(old.date)}); give a reason to correct it.`,
        'conflict',
      );
    const next = { ...journey, [kind]: step };
    const bad = checkJourneyDate(kind, step, {
      pathway: s.pathway,
      episode: episodePathwayOf(s),
      milestones: s.dates,
      journey: next,
      today: this.today,
      ending: episodeEnding(s),
    });
    if (bad) this.fail('step', STEP_FIELDS[journeyDateFaultPart(bad)], bad);
    this.writes.push({ to: 'step', op: 'set', episode: s.episode, kind, step, old, reason });
    s.journeyDates = next;
  }

  /**
   * Removes a dated step recorded by mistake: where it could be recorded (a closed household keeps
   * the stage it had reached, which its kinship application counts in), and after the steps that
   * follow from it (the placement an extension extends).
   */
  private removeStep(kind: JourneyDateKind, reason: string): void {
    const s = this.state;
    const words = journeyDateWords(kind);
    if (statusOf(s) === 'closed')
      return this.fail(
        'step',
        'kind',
        `${s.reference} is closed with the stage it had reached: re-open it before removing the ${words}.`,
      );
    if (!this.requireStatus('journeyDate', `remove the ${words}`, 'step')) return;
    const old = s.journeyDates?.[kind];
    if (!old)
      return this.fail(
        'step',
        'kind',
        `${JOURNEY_DATE_LABELS[kind]} is not recorded for ${s.reference}.`,
        'not_found',
      );
    const blocking = (JOURNEY_DATE_DEPENDANTS[kind] ?? []).find((d) => s.journeyDates?.[d]);
    if (blocking) return this.fail('step', 'kind', `Remove the ${journeyDateWords(blocking)} first.`);
    this.writes.push({ to: 'step', op: 'delete', episode: s.episode, kind, old, reason });
    const rest = { ...s.journeyDates };
    delete rest[kind];
    s.journeyDates = rest;
  }

  /** Records when the enquiry was first answered (responseFault: after the enquiry, not in the future). */
  private respond(date: IsoDate, field: string, enquiry: IsoDate | undefined, reason?: string | null): void {
    const bad = responseFault(date, enquiry, this.today);
    if (bad) this.fail('response', field, bad);
    this.writes.push({ to: 'responded', date, old: this.state.respondedDate, ...(reason ? { reason } : {}) });
    this.state.respondedDate = date;
  }

  /** Switches the current episode's pathway from `date` (pathwaySwitchFault has said whether it may). */
  private switchPathway(pathway: Pathway, date: IsoDate): void {
    const s = this.state;
    const closedAt = s.closure?.stage ? this.stageAt(s.closure.date) : null;
    this.writes.push({ to: 'pathway', from: s.pathway, pathway, date });
    s.pathway = pathway;
    s.lastSwitchOn = date;
    s.episodeSwitches = [...(s.episodeSwitches ?? []), date];
    if (closedAt) this.restageClosure(date, closedAt);
  }

  /** The stage a closure dated `closedOn` stands at, on the episode as it now is. */
  private stageAt(closedOn: IsoDate) {
    const s = this.state;
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
  private restageClosure(because: IsoDate | null, before?: OpenStage): void {
    const c = this.state.closure;
    const stage = c?.stage && this.stageAt(c.date);
    if (!c?.stage || !stage || stage === before || stage === c.stage) return;
    this.writes.push({ to: 'closureStage', id: c.id, date: c.date, stage, old: c.stage, because });
    this.state.closure = { ...c, stage };
  }

  private notRecorded(kind: Milestone): void {
    this.fail(
      kind,
      'kind',
      `${MILESTONE_LABELS[kind]} is not recorded for ${this.state.reference}.`,
      'not_found',
    );
  }

  /** Sets (inserts or replaces) milestone dates of the current episode, checking order and the standing endings. */
  private setDates(
    next: Dates,
    field: (kind: Milestone) => string,
    boundBy: { closure: boolean; cessation: boolean },
    reason?: string,
  ): void {
    const s = this.state;
    // Nothing new (an import row restating its dates, a new row's ending asked alone): nothing to
    // check or write, and the order check's two passes are most of an unchanged row's cost.
    if (!MILESTONES.some((kind) => next[kind] && next[kind] !== s.dates[kind])) return;
    const merged = { ...s.dates, ...next };
    this.checkOrder(merged, field);
    for (const kind of MILESTONES) {
      const date = next[kind];
      if (!date || s.dates[kind] === date) continue;
      const late =
        (boundBy.closure && checkBeforeClosure(kind, date, s.closure?.date ?? null)) ||
        (boundBy.cessation && checkBeforeCessation(kind, date, s.cessation?.date ?? null));
      if (late) this.fail(kind, field(kind), late);
      // A re-enquiry comes on or after the closure it re-opens, corrected later as when recorded.
      const early = kind === 'enquiry' && s.reopenedAfter && checkReopen(date, s.reopenedAfter, this.today);
      if (early) this.fail(kind, field(kind), early);
      // A pathway change dated in the episode stays in it: the episodes record places a change by the
      // enquiry before it, so an enquiry moved past one would file it under another episode, or none.
      const switched = kind === 'enquiry' ? s.episodeSwitches?.[0] : undefined;
      if (switched && date > switched)
        this.fail(
          kind,
          field(kind),
          `Enquiry date ${formatUkDate(date)} is after the pathway change on ${formatUkDate(switched)}, which would then fall outside its episode.`,
        );
      const passes = milestoneStepsFault(kind, date, s.journeyDates);
      if (passes) this.fail(kind, field(kind), passes);
      // The response follows the enquiry (responseFault) however either moves.
      const answered =
        kind === 'enquiry' && s.respondedDate && responseFault(s.respondedDate, date, this.today);
      if (answered) this.fail(kind, field(kind), `${answered} Correct the response first.`);
      const from = kind === 'approval' ? s.carerDates?.from : null;
      if (from && date > from)
        this.fail(
          kind,
          field(kind),
          `A carer's joining date or a change of places is recorded on ${formatUkDate(from)}, before the approval date ${formatUkDate(date)}: correct that first.`,
        );
      const old = s.dates[kind];
      this.writes.push(
        old
          ? {
              to: 'milestone',
              op: 'update',
              episode: s.episode,
              kind,
              date,
              old,
              ...(reason ? { reason } : {}),
            }
          : { to: 'milestone', op: 'insert', episode: s.episode, kind, date },
      );
      // The closure it re-opened says when the household enquired again: that is this enquiry.
      if (kind === 'enquiry' && old && s.episode > 1)
        this.writes.push({ to: 'reopenedOn', episode: s.episode - 1, on: date, old });
    }
    s.dates = merged;
  }

  private remove(kind: Milestone, reason: string): void {
    const s = this.state;
    if (kind === 'enquiry')
      return this.fail(
        kind,
        'kind',
        'The enquiry starts the episode and cannot be removed: correct its date instead.',
      );
    const old = s.dates[kind];
    if (!old) return this.notRecorded(kind);
    const status = statusOf(s);
    if (kind === 'approval' && status === 'ceased')
      return this.fail(kind, 'kind', 'Remove the cessation before the approval.');
    if (status === 'closed')
      return this.fail(
        kind,
        'kind',
        'The household is closed with the stage it had reached: re-open it before removing a milestone.',
      );
    const step = (MILESTONE_DEPENDANTS[kind] ?? []).find((k) => s.journeyDates?.[k]);
    if (step) return this.fail(kind, 'kind', `Remove the ${journeyDateWords(step)} first.`);
    this.writes.push({ to: 'milestone', op: 'delete', episode: s.episode, kind, old, reason });
    delete s.dates[kind];
  }

  private close(c: ClosureFacts, replace: boolean, fields: { date: string; endedBy: string }): void {
    const s = this.state;
    const status = statusOf(s);
    if (status === 'approved' || status === 'ceased')
      return this.fail(
        'closure',
        fields.date,
        `${s.reference} is ${status}: it cannot be closed as a drop-out.`,
      );
    if (status === 'closed' && !replace) return void this.requireStatus('close', 'close', 'closure');
    const bad = checkEndDate('Closure', c.date, latestMilestone(s.dates), this.today);
    if (bad) this.fail('closure', fields.date, bad);
    // Nor before a dated step of the episode (the viability request is also a kinship application).
    const early =
      !bad &&
      endingBeforeStepFault(
        'closure',
        c.date,
        s.journeyDates,
        s.closure && { date: s.closure.date, steps: this.held },
      );
    if (early) this.fail('closure', fields.date, early);
    const passed = this.passesInterview(s.closure, c.date, 'closure');
    if (passed) this.fail('closure', fields.date, passed);
    const wrongBy = c.reason && endedByFault(c.reason, c.endedBy);
    if (wrongBy) this.fail('closure', fields.endedBy, wrongBy);
    const stage = this.stageAt(c.date);
    this.writes.push({
      to: 'closure',
      op: s.closure ? 'update' : 'insert',
      id: s.closure?.id ?? null,
      episode: s.episode,
      stageReached: stage,
      closure: c,
    });
    s.closure = { id: s.closure?.id ?? null, date: c.date, stage };
  }

  /** A closed household enquires again: the closure keeps its record, a new episode starts with the enquiry. */
  private reopen(enquiryDate: IsoDate, notes: string | null, field: string): void {
    const s = this.state;
    if (!this.requireStatus('reopen', 're-open', 'enquiry')) return;
    const bad = checkReopen(enquiryDate, s.closure!.date, this.today, s.lastSwitchOn);
    if (bad) this.fail('enquiry', field, bad);
    this.writes.push({
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
    this.writes.push({
      to: 'milestone',
      op: 'insert',
      episode: s.episode,
      kind: 'enquiry',
      date: enquiryDate,
    });
  }

  /**
   * An exit interview follows its ending (order-rules checkExitInterview): a moved ending may not
   * pass it, unless it follows the notice of a resignation, which stays (exitInterviewFrom).
   */
  private passesInterview(ending: Ending | null, date: IsoDate, what: string): string | null {
    const i = ending?.interview;
    if (!i || date === ending.date || exitInterviewFrom({ date, noticeDate: i.notice }).date <= i.on)
      return null;
    return `${this.state.reference}: its exit interview was ${i.what} on ${formatUkDate(i.on)}, before the ${what} date ${formatUkDate(date)}: correct the interview first.`;
  }

  private cease(c: CessationFacts, replace: boolean): void {
    const s = this.state;
    if (!s.dates.approval)
      return this.fail(
        'cessation',
        'date',
        `${s.reference} has no approval date, so it cannot cease to foster.`,
      );
    if (s.cessation && !replace) return void this.requireStatus('cease', 'record a cessation', 'cessation');
    const date = cessationDate(c);
    if (!date)
      return this.fail(
        'cessation',
        'date',
        'Give the date fostering ends, or the notice date.',
        'invalid_input',
      );
    const bad = checkCessation(
      { date, noticeDate: c.noticeDate ?? null, initiatedBy: c.initiatedBy },
      s.dates.approval,
      this.today,
    );
    if (bad) this.fail('cessation', bad.field, bad.message);
    const early =
      !bad &&
      endingBeforeStepFault(
        'cessation',
        date,
        s.journeyDates,
        s.cessation && { date: s.cessation.date, steps: this.held },
      );
    if (early) this.fail('cessation', 'date', early);
    const passed = this.passesInterview(s.cessation, date, 'deregistration');
    if (passed) this.fail('cessation', 'date', passed);
    const carers = date !== s.cessation?.date && cessationCarersFault(s.reference, date, s.carerDates?.until);
    if (carers) this.fail('cessation', 'date', carers);
    this.writes.push({
      to: 'cessation',
      op: s.cessation ? 'update' : 'insert',
      id: s.cessation?.id ?? null,
      cessation: { ...c, date },
    });
    s.cessation = { id: s.cessation?.id ?? null, date };
  }
}
