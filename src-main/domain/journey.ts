import { addDays, formatUkDate, type IsoDate } from './dates.ts';
import { journeyDateWords, MILESTONE_DEPENDANTS, type JourneyDates } from './journey-dates.ts';
import {
  checkBeforeCessation,
  checkBeforeClosure,
  checkCessation,
  checkEndDate,
  checkMilestoneOrder,
  checkReopen,
  RESIGNATION_NOTICE_DAYS,
} from './order-rules.ts';
import {
  MILESTONE_LABELS,
  MILESTONES,
  stageReached,
  type CeaseInitiatedBy,
  type EndedBy,
  type Milestone,
  type OpenStage,
  type Pathway,
  type Status,
} from './stages.ts';

/**
 * The journey engine: the one place that decides what a change to a household's journey does.
 * Pure: (state, event, today) → the new state, the facts to write, and every rule the event breaks.
 * Hand edits and the import both ask it (db/journey-writer.ts writes its answer for hand edits; the
 * import plan turns it into its planned change), so the two can never disagree about which episode
 * a fact belongs to or what may follow what. The rules themselves: stage order in domain/stages.ts,
 * date order in domain/order-rules.ts, SQL generated from the order in db/journey-sql.ts.
 */

export type Dates = Partial<Record<Milestone, IsoDate>>;

/**
 * A closure or cessation as the engine sees it. `interview`: the earliest date of the exit interview
 * that follows it (offered, else held), which a moved ending may not pass; read by the import plan
 * only for a row that restates the ending with another date (by hand an ending is not moved).
 */
export interface Ending {
  id: number | null;
  date: IsoDate;
  interview?: { on: IsoDate; what: 'offered' | 'held' } | null;
}

/** What the engine needs to know about a household: its current episode and how it ended, if it did. */
export interface JourneyState {
  reference: string;
  episode: number;
  pathway: Pathway;
  /** The current episode's milestone dates. */
  dates: Dates;
  respondedDate: IsoDate | null;
  /** The current episode's closure (a closure of an earlier episode was re-opened and is history). */
  closure: Ending | null;
  cessation: Ending | null;
  /**
   * The date of the household's latest pathway switch, if any (see pathwaySwitchFault). The import
   * plan reads it only for a row that would switch.
   */
  lastSwitchOn?: IsoDate | null;
  /**
   * The dates of the current episode's pathway switches, in order (see pathwaySwitchFault: at most
   * two). Read from the database by the writer, and by the import plan only for a row that would
   * switch; omitted: none.
   */
  episodeSwitches?: IsoDate[];
  /**
   * A re-opened episode's start: the date of the closure it re-opened (the previous episode's), which
   * its enquiry may not move before. Omitted by the import plan, which never moves a re-opened
   * episode's enquiry back (an earlier date is an old export's row: placeEnquiry).
   */
  reopenedAfter?: IsoDate | null;
  /**
   * The carers' dates already recorded (domain/carers.ts joiningFault, leavingFault,
   * placeChangeFault): `from`, the earliest joining date or change of places, which the approval may
   * not pass; `until`, the latest joining or leaving date or change of places, which a cessation may
   * not precede. Read by the writer, and by the import plan for a row bringing an approval or a
   * cessation; omitted: none.
   */
  carerDates?: { from: IsoDate | null; until: IsoDate | null } | null;
  /**
   * The current episode's dated steps (panel minutes, the kinship journey), which bound the
   * milestones they follow (domain/journey-dates.ts MILESTONE_DEPENDANTS). Read by the writer;
   * omitted: none.
   */
  journeyDates?: JourneyDates | null;
}

export interface ClosureFacts {
  date: IsoDate;
  reasonKey: string;
  endedBy: EndedBy;
  notes?: string | null;
  reasonText?: string | null;
}

export interface CessationFacts {
  date?: IsoDate;
  noticeDate?: IsoDate | null;
  reasonKey: string;
  initiatedBy: CeaseInitiatedBy;
  notes?: string | null;
  reasonText?: string | null;
}

export type JourneyEvent =
  /** A new household's first enquiry. */
  | { type: 'enquire'; date: IsoDate }
  | { type: 'record'; kind: Milestone; date: IsoDate }
  | { type: 'correct'; kind: Milestone; date: IsoDate; reason: string }
  | { type: 'remove'; kind: Milestone; reason: string }
  | { type: 'respond'; date: IsoDate }
  /** `replace`: an import's closure may restate the standing one (by hand, a closed household is re-opened first). */
  | { type: 'close'; closure: ClosureFacts; replace?: boolean }
  | { type: 'reopen'; enquiryDate: IsoDate; notes: string | null }
  | { type: 'cease'; cessation: CessationFacts; replace?: boolean }
  /** A cessation recorded by mistake is removed, with the reason: the household is approved again. */
  | { type: 'removeCessation'; reason: string }
  | { type: 'switchPathway'; pathway: Pathway; date: IsoDate }
  /**
   * One imported row: its dates set or replace the current episode's (the plan leaves out dates kept by hand),
   * then its closure and cessation, if any. A new enquiry after the closure re-opens first.
   */
  | {
      type: 'importRow';
      reopenOn: IsoDate | null;
      dates: Dates;
      closure: ClosureFacts | null;
      cessation: CessationFacts | null;
      /**
       * The pathway the file gives an existing household, if another: a switch dated the day of the
       * import (the file says where it stands now, not since when), so earlier years keep their pathway.
       */
      pathway?: Pathway | null;
    };

/** A fact to write, in order; db/journey-writer.ts writes each one with its audit entry and provenance. */
export type JourneyWrite =
  | { to: 'milestone'; op: 'insert'; episode: number; kind: Milestone; date: IsoDate }
  | {
      to: 'milestone';
      op: 'update';
      episode: number;
      kind: Milestone;
      date: IsoDate;
      old: IsoDate;
      reason?: string;
    }
  | { to: 'milestone'; op: 'delete'; episode: number; kind: Milestone; old: IsoDate; reason: string }
  | { to: 'responded'; date: IsoDate; old: IsoDate | null }
  | {
      to: 'closure';
      op: 'insert' | 'update';
      id: number | null;
      episode: number;
      stageReached: OpenStage;
      closure: ClosureFacts;
    }
  | { to: 'reopen'; closureId: number | null; on: IsoDate; fromEpisode: number; notes: string | null }
  /** The closure of `episode` was re-opened on this date: a re-opened episode's enquiry was corrected. */
  | { to: 'reopenedOn'; episode: number; on: IsoDate; old: IsoDate }
  | {
      to: 'cessation';
      op: 'insert' | 'update';
      id: number | null;
      cessation: Required<Pick<CessationFacts, 'date'>> & CessationFacts;
    }
  | { to: 'cessation'; op: 'delete'; id: number | null; date: IsoDate; reason: string }
  | { to: 'pathway'; from: Pathway; pathway: Pathway; date: IsoDate };

/** A rule the event breaks: `field` is the input field at fault; `fact` what it is about (the import's column). */
export interface Violation {
  code: 'rule_violation' | 'conflict' | 'not_found' | 'invalid_input';
  message: string;
  field: string;
  fact: Milestone | 'closure' | 'cessation' | 'pathway' | 'response';
}

export interface Decision {
  state: JourneyState;
  writes: JourneyWrite[];
  /** Empty when the event may be applied. The state and writes are still worked out, so an import can report every fault of a row. */
  violations: Violation[];
}

/** Where a household stands, from its journey (the same answer as domain/summary.ts gives from stored rows). */
export function statusOf(s: JourneyState): Status {
  if (s.cessation) return 'ceased';
  if (s.dates.approval) return 'approved';
  return s.closure ? 'closed' : 'open';
}

/** The latest milestone on or before `upTo`, in stage order on ties. */
export function latestMilestone(
  dates: Dates,
  upTo = '9999-12-31',
): { kind: Milestone; date: IsoDate } | null {
  let latest: { kind: Milestone; date: IsoDate } | null = null;
  for (const kind of MILESTONES) {
    const date = dates[kind];
    if (date && date <= upTo && (!latest || date >= latest.date)) latest = { kind, date };
  }
  return latest;
}

/** The open stage reached by a closure's date. */
export const stageAtClosure = (dates: Dates, closedOn: IsoDate): OpenStage =>
  stageReached(MILESTONES.filter((m) => dates[m] && dates[m]! <= closedOn));

/** The date a cessation takes effect: as given, else 28 days after the carer's notice. */
export const cessationDate = (c: CessationFacts): IsoDate | undefined =>
  c.date ?? (c.noticeDate ? addDays(c.noticeDate, RESIGNATION_NOTICE_DAYS) : undefined);

/** Where an enquiry date arriving for a known household belongs. */
export type EnquiryPlace =
  /** the current episode (its own enquiry, or a correction of it while it is the only one) */
  | 'current'
  /** a new episode: the household enquires again on or after its closure */
  | 'reopens'
  /** an episode before the current one: an old export's row, which must not rewrite the newer episode */
  | 'earlier';

export function placeEnquiry(
  enquiry: IsoDate,
  s: Pick<JourneyState, 'episode' | 'dates' | 'closure'>,
): EnquiryPlace {
  const current = s.dates.enquiry ?? null;
  if (enquiry === current) return 'current';
  if (s.closure && enquiry >= s.closure.date) return 'reopens';
  if (s.episode > 1 && current && enquiry < current) return 'earlier';
  return 'current';
}

/**
 * Why a pathway switch dated `date` cannot be recorded, or null. An episode's events count under its
 * pathway at the enquiry, and under the other one from its first switch (db/episodes.ts: the record
 * keeps the first and the last switch, `first_switched_on` and `switched_on`; db/journey-sql.ts
 * `pathwayAtSql`); switched twice, under its first pathway again from the second. So a switch is
 * never dated before the last one, and an episode switches at most twice (a kinship carer who
 * becomes a mainstream carer and back; a switch back on the same day undoes a mistaken one): a
 * third would re-file the episode's events between the second and the third, in years already
 * reported. A re-enquiry starts a new episode, which may switch again.
 */
export function pathwaySwitchFault(
  s: Pick<JourneyState, 'reference' | 'lastSwitchOn' | 'episodeSwitches'>,
  date: IsoDate,
): string | null {
  const last = s.lastSwitchOn;
  if (last && date < last)
    return `Pathway change date ${formatUkDate(date)} is before the last change, on ${formatUkDate(last)}.`;
  const switches = s.episodeSwitches ?? [];
  if (switches.length >= 2)
    return `${s.reference} has already changed pathway twice in this episode, on ${formatUkDate(switches[0]!)} and ${formatUkDate(switches[switches.length - 1]!)}: a third change, on ${formatUkDate(date)}, cannot be recorded, because the reports count an episode's events on at most two changes, so that the years already reported keep their counts. A new enquiry (re-opening after a closure) starts a new episode, which may change pathway again.`;
  return null;
}

export function decide(state: JourneyState, event: JourneyEvent, today: IsoDate): Decision {
  const d = new Decider(state, today);
  d.apply(event);
  return { state: d.state, writes: d.writes, violations: d.violations };
}

/** A hand edit's dates are bounded by the household's standing closure and cessation. */
const BOTH_ENDINGS = { closure: true, cessation: true } as const;

/** Applies events one after another to a working copy, collecting writes and violations. */
class Decider {
  state: JourneyState;
  readonly writes: JourneyWrite[] = [];
  readonly violations: Violation[] = [];

  private readonly today: IsoDate;

  // Plain fields, not constructor parameter properties: the import worker runs this file under
  // Node's type stripping, which does not rewrite them.
  constructor(state: JourneyState, today: IsoDate) {
    this.state = { ...state, dates: { ...state.dates } };
    this.today = today;
  }

  private fail(
    fact: Violation['fact'],
    field: string,
    message: string,
    code: Violation['code'] = 'rule_violation',
  ) {
    this.violations.push({ code, message, field, fact });
  }

  private requireStatus(allowed: Status[], doing: string, fact: Violation['fact']): boolean {
    const status = statusOf(this.state);
    if (allowed.includes(status)) return true;
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
        if (!this.requireStatus(['open'], `record ${MILESTONE_LABELS[e.kind]}`, e.kind)) return;
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
      case 'respond': {
        if (!this.requireStatus(['open'], 'record a response', 'response')) return;
        const enquiry = this.state.dates.enquiry;
        const bad = checkEndDate(
          'Response',
          e.date,
          enquiry ? { kind: 'enquiry', date: enquiry } : null,
          this.today,
        );
        if (bad) this.fail('response', 'date', bad);
        this.writes.push({ to: 'responded', date: e.date, old: this.state.respondedDate });
        this.state.respondedDate = e.date;
        return;
      }
      case 'close':
        return this.close(e.closure, e.replace ?? false, 'date');
      case 'reopen':
        return this.reopen(e.enquiryDate, e.notes, 'enquiryDate');
      case 'cease':
        return this.cease(e.cessation, e.replace ?? false);
      case 'removeCessation': {
        const c = this.state.cessation;
        if (!this.requireStatus(['ceased'], 'remove a cessation', 'cessation') || !c) return;
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
        const enquiry = s.dates.enquiry;
        const bad = checkEndDate(
          'Pathway change',
          e.date,
          enquiry ? { kind: 'enquiry', date: enquiry } : null,
          this.today,
        );
        const fault = bad ?? pathwaySwitchFault(s, e.date);
        if (fault) this.fail('pathway', 'date', fault);
        this.switchPathway(e.pathway, e.date);
        return;
      }
      case 'importRow':
        if (e.reopenOn) this.reopen(e.reopenOn, null, 'enquiry_date');
        // The row's own closure or cessation is checked against its dates below; otherwise a standing one bounds them.
        this.setDates(e.dates, (kind) => `${kind}_date`, { closure: !e.closure, cessation: !e.cessation });
        if (e.closure) this.close(e.closure, true, 'closed_date');
        if (e.cessation) this.cease(e.cessation, true);
        if (e.pathway && e.pathway !== this.state.pathway) {
          const fault = pathwaySwitchFault(this.state, this.today);
          if (fault) this.fail('pathway', 'pathway', fault);
          this.switchPathway(e.pathway, this.today);
        }
        return;
    }
  }

  /** Switches the current episode's pathway from `date` (pathwaySwitchFault has said whether it may). */
  private switchPathway(pathway: Pathway, date: IsoDate): void {
    const s = this.state;
    this.writes.push({ to: 'pathway', from: s.pathway, pathway, date });
    s.pathway = pathway;
    s.lastSwitchOn = date;
    s.episodeSwitches = [...(s.episodeSwitches ?? []), date];
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
      for (const step of MILESTONE_DEPENDANTS[kind] ?? []) {
        const on = s.journeyDates?.[step]?.date;
        if (on && on < date)
          this.fail(
            kind,
            field(kind),
            `${MILESTONE_LABELS[kind]} date ${formatUkDate(date)} is after the ${journeyDateWords(step)} date ${formatUkDate(on)}: correct that first.`,
          );
      }
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

  private close(c: ClosureFacts, replace: boolean, field: string): void {
    const s = this.state;
    const status = statusOf(s);
    if (status === 'approved' || status === 'ceased')
      return this.fail('closure', field, `${s.reference} is ${status}: it cannot be closed as a drop-out.`);
    if (status === 'closed' && !replace) return void this.requireStatus(['open'], 'close', 'closure');
    const bad = checkEndDate('Closure', c.date, latestMilestone(s.dates), this.today);
    if (bad) this.fail('closure', field, bad);
    const passed = this.passesInterview(s.closure, c.date, 'closure');
    if (passed) this.fail('closure', field, passed);
    this.writes.push({
      to: 'closure',
      op: s.closure ? 'update' : 'insert',
      id: s.closure?.id ?? null,
      episode: s.episode,
      stageReached: stageAtClosure(s.dates, c.date),
      closure: c,
    });
    s.closure = { id: s.closure?.id ?? null, date: c.date };
  }

  /** A closed household enquires again: the closure keeps its record, a new episode starts with the enquiry. */
  private reopen(enquiryDate: IsoDate, notes: string | null, field: string): void {
    const s = this.state;
    if (!this.requireStatus(['closed'], 're-open', 'enquiry')) return;
    const bad = checkReopen(enquiryDate, s.closure!.date, this.today);
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

  /** An exit interview follows its ending (order-rules checkExitInterview): a moved ending may not pass it. */
  private passesInterview(ending: Ending | null, date: IsoDate, what: string): string | null {
    const i = ending?.interview;
    if (!i || date === ending.date || date <= i.on) return null;
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
    if (s.cessation && !replace)
      return void this.requireStatus(['approved'], 'record a cessation', 'cessation');
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
    const passed = this.passesInterview(s.cessation, date, 'deregistration');
    if (passed) this.fail('cessation', 'date', passed);
    const until = s.carerDates?.until;
    if (until && date < until && date !== s.cessation?.date)
      this.fail(
        'cessation',
        'date',
        `${s.reference}: a carer's joining or leaving date or a change of places is recorded on ${formatUkDate(until)}, after the cessation date ${formatUkDate(date)}: correct that first.`,
      );
    this.writes.push({
      to: 'cessation',
      op: s.cessation ? 'update' : 'insert',
      id: s.cessation?.id ?? null,
      cessation: { ...c, date },
    });
    s.cessation = { id: s.cessation?.id ?? null, date };
  }
}
