import { formatUkDate, type IsoDate } from './dates.ts';
import { cessationDate, type JourneyEvent, type JourneyWrite, type Violation } from './journey-events.ts';
import { statusOf, type JourneyState } from './journey-state.ts';
import { endingErased, handActionAllowed, responseChangeAllowed, type HandAction } from './hand-actions.ts';
import { importSwitchDate, pathwaySwitchFault } from './pathway-switch.ts';
import { checkMilestoneOrder } from './order-rules.ts';
import { MILESTONE_LABELS, type Pathway } from './stages.ts';
import {
  milestoneNotRecorded,
  recordResponse,
  removeMilestone,
  setMilestoneDates,
} from './journey-decide-milestones.ts';
import { recordStep, removeStep } from './journey-decide-steps.ts';
import {
  ceaseFostering,
  closeEpisode,
  closureStageAt,
  reopenEpisode,
  restageClosure,
} from './journey-decide-endings.ts';
import type { WorkingCopy } from './journey-working-copy.ts';

/**
 * How the journey engine (domain/journey.ts `decide`) applies an event: each event's rules, the
 * facts it writes and the faults it finds, on a working copy of the state.
 *
 * This module takes each event to its rules: journey-decide-milestones.ts (milestone dates and the
 * enquiry response), journey-decide-steps.ts (the dated steps) and journey-decide-endings.ts
 * (closure, re-opening, cessation), each working on the Decider through journey-working-copy.ts.
 */

/** A hand edit's dates are bounded by the household's standing closure and cessation. */
const BOTH_ENDINGS = { closure: true, cessation: true } as const;

/** The input fields of a closure's date and who ended it: the hand form's, and an import's columns. */
// An import's closure for a reason its stage does not fit is recorded with a warning (the import
// plan's), since real exports lack dates; by hand it is refused beside the reason (reasonKey).
const HAND_CLOSURE_FIELDS = { date: 'date', endedBy: 'endedBy', reasonKey: 'reasonKey' } as const;
const IMPORT_CLOSURE_FIELDS = { date: 'closed_date', endedBy: 'closed_by', reasonKey: null } as const;

/** Why an ending an erasure followed stays (hand-actions.ts endingErased). */
const erasedEnding = (reference: string, ending: 'closure' | 'cessation') =>
  `Cannot remove the ${ending}: ${reference}'s personal details were erased after it ended.` +
  (ending === 'closure' ? ' If the family has come back, re-open it as a new enquiry.' : '');

/** Applies events one after another to a working copy, collecting writes and violations. */
export class Decider implements WorkingCopy {
  state: JourneyState;
  readonly writes: JourneyWrite[] = [];
  readonly violations: Violation[] = [];

  readonly today: IsoDate;

  // Plain fields, not constructor parameter properties: the import worker runs this file under
  // Node's type stripping, which does not rewrite them.
  /** The steps stored before the event (an import row's may replace them): endingBeforeStepFault's `replacing`. */
  readonly held: JourneyState['journeyDates'];
  constructor(state: JourneyState, today: IsoDate) {
    this.state = { ...state, dates: { ...state.dates } };
    this.today = today;
    this.held = state.journeyDates;
  }

  fail(fact: Violation['fact'], field: string, message: string, code: Violation['code'] = 'rule_violation') {
    this.violations.push({ code, message, field, fact });
  }

  requireStatus(action: HandAction, doing: string, fact: Violation['fact']): boolean {
    const status = statusOf(this.state);
    if (handActionAllowed(action, status)) return true;
    this.fail(fact, 'id', `Cannot ${doing}: household ${this.state.reference} is ${status}.`);
    return false;
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
        return setMilestoneDates(this, { [e.kind]: e.date }, () => 'date', BOTH_ENDINGS);
      case 'correct': {
        if (!this.state.dates[e.kind]) return milestoneNotRecorded(this, e.kind);
        if (this.state.dates[e.kind] === e.date) return;
        return setMilestoneDates(this, { [e.kind]: e.date }, () => 'date', BOTH_ENDINGS, e.reason);
      }
      case 'remove':
        return removeMilestone(this, e.kind, e.reason);
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
        return recordResponse(this, e.date, 'date', this.state.dates.enquiry, e.reason ?? null);
      case 'close':
        return closeEpisode(this, e.closure, e.replace ?? false, HAND_CLOSURE_FIELDS);
      case 'reopen':
        return reopenEpisode(this, e.enquiryDate, e.notes, 'enquiryDate');
      case 'cease':
        return ceaseFostering(this, e.cessation, e.replace ?? false);
      case 'removeCessation':
        return this.removeEnding('cessation', e.reason);
      case 'removeClosure':
        return this.removeEnding('closure', e.reason);
      case 'correctClosure': {
        if (!this.requireStatus('correctClosure', 'correct a closure', 'closure')) return;
        if (this.erasedEndingMoves('closure', e.closure.date)) return;
        return closeEpisode(this, e.closure, true, HAND_CLOSURE_FIELDS, e.because);
      }
      case 'correctCessation': {
        if (!this.requireStatus('correctCessation', 'correct a cessation', 'cessation')) return;
        const date = cessationDate(e.cessation);
        // A date worked out from the notice is moved by the notice: the refusal is said beside it.
        const field = e.cessation.date ? 'date' : 'noticeDate';
        if (date && this.erasedEndingMoves('cessation', date, field)) return;
        return ceaseFostering(this, e.cessation, true, e.because);
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
        return recordStep(this, e.kind, e.step, e.reason);
      case 'removeStep':
        return removeStep(this, e.kind, e.reason);
      case 'importRow': {
        const to = e.pathway && e.pathway !== this.state.pathway ? e.pathway : null;
        const on = importSwitchDate(e.reopenOn, this.state.lastSwitchOn, this.today);
        const switchTo = (pathway: Pathway) => {
          const fault = pathwaySwitchFault(this.state, on, this.today);
          if (fault) this.fail('pathway', 'pathway', fault);
          this.switchPathway(pathway, on);
        };
        if (e.reopenOn) reopenEpisode(this, e.reopenOn, null, 'enquiry_date');
        if (e.steps !== undefined) this.state.journeyDates = e.steps;
        // The row's response is the episode's (a re-opening row's, the new one's), checked against the
        // enquiry as the row leaves it; the row's enquiry is then checked against it.
        if (e.responded && e.responded !== this.state.respondedDate)
          recordResponse(this, e.responded, 'responded_date', e.dates.enquiry ?? this.state.dates.enquiry);
        // A re-enquiry on the other pathway starts its episode there: its dates and ending count under it.
        const startsOn = to && e.reopenOn && on === e.reopenOn;
        if (startsOn) switchTo(to);
        // The row's own closure or cessation is checked against its dates below; otherwise a standing one bounds them.
        setMilestoneDates(this, e.dates, (kind) => `${kind}_date`, {
          closure: !e.closure,
          cessation: !e.cessation,
        });
        if (e.closure) closeEpisode(this, e.closure, true, IMPORT_CLOSURE_FIELDS);
        else restageClosure(this, null);
        if (e.cessation) ceaseFostering(this, e.cessation, true);
        if (to && !startsOn) switchTo(to);
        return;
      }
    }
  }

  /**
   * Removes the ending recorded by mistake: the cessation, or the current episode's closure (an
   * earlier one ended an episode the household has left), unless an erasure followed it.
   */
  private removeEnding(ending: 'closure' | 'cessation', reason: string): void {
    const c = this.state[ending];
    const action = ending === 'closure' ? 'removeClosure' : 'removeCessation';
    if (!this.requireStatus(action, `remove a ${ending}`, ending) || !c) return;
    if (endingErased(c.date, this.state.erasedOn))
      return this.fail(ending, 'id', erasedEnding(this.state.reference, ending));
    this.writes.push({ to: ending, op: 'delete', id: c.id, date: c.date, reason });
    this.state[ending] = null;
  }

  /**
   * Whether a correction would move an ending an erasure followed, refused: moved after the erasure,
   * it could then be removed, leaving open a household no one can contact (removeEnding; helper-250).
   * Its reason and who ended it may still be corrected.
   */
  private erasedEndingMoves(ending: 'closure' | 'cessation', date: IsoDate, field = 'date'): boolean {
    const held = this.state[ending];
    if (!held || date === held.date || !endingErased(held.date, this.state.erasedOn)) return false;
    const who = ending === 'closure' ? 'who ended it' : 'who initiated it';
    this.fail(
      ending,
      field,
      `${this.state.reference}'s personal details were erased after this ${ending}: its date stays ${formatUkDate(held.date)} (its reason and ${who} may be corrected).`,
    );
    return true;
  }

  /** Switches the current episode's pathway from `date` (pathwaySwitchFault has said whether it may). */
  private switchPathway(pathway: Pathway, date: IsoDate): void {
    const s = this.state;
    const closedAt = s.closure?.stage ? closureStageAt(s, s.closure.date) : null;
    this.writes.push({ to: 'pathway', from: s.pathway, pathway, date });
    s.pathway = pathway;
    s.lastSwitchOn = date;
    s.episodeSwitches = [...(s.episodeSwitches ?? []), date];
    if (closedAt) restageClosure(this, date, closedAt);
  }
}
