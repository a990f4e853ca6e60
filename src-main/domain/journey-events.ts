import { addDays, type IsoDate } from './dates.ts';
import type { JourneyDate, JourneyDateKind, JourneyDates } from './journey-dates.ts';
import type { Dates, JourneyState } from './journey-state.ts';
import { RESIGNATION_NOTICE_DAYS } from './order-rules.ts';
import type { DropoutReasonEnding } from './reasons.ts';
import type { CeaseInitiatedBy, EndedBy, Milestone, OpenStage, Pathway } from './stages.ts';

/**
 * What is asked of the journey engine (an event, with the facts of a closure or cessation) and what
 * it answers (the facts to write, the rules broken).
 */

export interface ClosureFacts {
  date: IsoDate;
  reasonKey: string;
  endedBy: EndedBy;
  notes?: string | null;
  reasonText?: string | null;
  /**
   * The reason as the drop-out reasons list holds it, which says who may end a closure for it
   * (domain/reasons.ts endedByFault). Null for a closure restated from storage (an import's stage
   * moved by an earlier milestone): its facts were judged when it was recorded.
   */
  reason: DropoutReasonEnding | null;
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
  /** The enquiry's first response (hand); one recorded is corrected, with a reason. */
  | { type: 'respond'; date: IsoDate; reason?: string | null }
  /** `replace`: an import's closure may restate the standing one (by hand, a closed household is re-opened first). */
  | { type: 'close'; closure: ClosureFacts; replace?: boolean }
  | { type: 'reopen'; enquiryDate: IsoDate; notes: string | null }
  | { type: 'cease'; cessation: CessationFacts; replace?: boolean }
  /** A cessation recorded by mistake is removed, with the reason: the household is approved again. */
  | { type: 'removeCessation'; reason: string }
  /** A closure recorded by mistake is removed, with the reason: the episode is open again where it stood. */
  | { type: 'removeClosure'; reason: string }
  /**
   * The standing closure's date, reason, who ended it or notes corrected by hand, with why (kept in
   * the audit with what it held): it stays the same closure, its exit interview with it.
   */
  | { type: 'correctClosure'; closure: ClosureFacts; because: string }
  /** The cessation's dates, reason, who initiated it or notes corrected by hand, with why, as a closure's. */
  | { type: 'correctCessation'; cessation: CessationFacts; because: string }
  | { type: 'switchPathway'; pathway: Pathway; date: IsoDate }
  /** A dated step (panel minutes, a kinship step) recorded; one already recorded is corrected, with a reason. */
  | { type: 'recordStep'; kind: JourneyDateKind; step: JourneyDate; reason: string | null }
  | { type: 'removeStep'; kind: JourneyDateKind; reason: string }
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
      /**
       * The episode's dated steps (viability request, …) as the row leaves them: for a row that
       * re-opens, the new episode's (the row's own). A kinship application among them moves the
       * stage a closure stands at; the steps bound the milestones they follow from.
       */
      steps?: JourneyDates | null;
      /** When the file says the enquiry was first answered ("Enquiry answered"), if it says so and it differs. */
      responded?: IsoDate | null;
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
  | { to: 'responded'; date: IsoDate; old: IsoDate | null; reason?: string | null }
  | {
      to: 'closure';
      op: 'insert' | 'update';
      id: number | null;
      episode: number;
      stageReached: OpenStage;
      closure: ClosureFacts;
      /** Why a closure recorded was corrected by hand (the audit keeps it with what it held). */
      because?: string;
    }
  /**
   * A standing closure's stage moves with the episode's pathway record: a switch dated before the
   * viability request makes it (or unmakes it) a kinship application (`because`: the switch's date),
   * or an import row's milestones or viability request dated before it move it (`because`: null).
   */
  | {
      to: 'closureStage';
      id: number | null;
      date: IsoDate;
      stage: OpenStage;
      old: OpenStage;
      because: IsoDate | null;
    }
  | { to: 'closure'; op: 'delete'; id: number | null; date: IsoDate; reason: string }
  | { to: 'reopen'; closureId: number | null; on: IsoDate; fromEpisode: number; notes: string | null }
  /** The closure of `episode` was re-opened on this date: a re-opened episode's enquiry was corrected. */
  | { to: 'reopenedOn'; episode: number; on: IsoDate; old: IsoDate }
  | {
      to: 'cessation';
      op: 'insert' | 'update';
      id: number | null;
      cessation: Required<Pick<CessationFacts, 'date'>> & CessationFacts;
      /** Why a cessation recorded was corrected by hand (the audit keeps it with what it held). */
      because?: string;
    }
  | { to: 'cessation'; op: 'delete'; id: number | null; date: IsoDate; reason: string }
  | { to: 'pathway'; from: Pathway; pathway: Pathway; date: IsoDate }
  | {
      to: 'step';
      op: 'set';
      episode: number;
      kind: JourneyDateKind;
      /** Its date, result and reason (null where none), and an extension's length. */
      step: Required<Omit<JourneyDate, 'weeks'>> & Pick<JourneyDate, 'weeks'>;
      old: JourneyDate | null;
      reason: string | null;
    }
  | { to: 'step'; op: 'delete'; episode: number; kind: JourneyDateKind; old: JourneyDate; reason: string };

/** A rule the event breaks: `field` is the input field at fault; `fact` what it is about (the import's column). */
export interface Violation {
  code: 'rule_violation' | 'conflict' | 'not_found' | 'invalid_input';
  message: string;
  field: string;
  fact: Milestone | 'closure' | 'cessation' | 'pathway' | 'response' | 'step';
}

export interface Decision {
  state: JourneyState;
  writes: JourneyWrite[];
  /** Empty when the event may be applied. The state and writes are still worked out, so an import can report every fault of a row. */
  violations: Violation[];
}

/** The date a cessation takes effect: as given, else 28 days after the carer's notice. */
export const cessationDate = (c: Pick<CessationFacts, 'date' | 'noticeDate'>): IsoDate | undefined =>
  c.date ?? (c.noticeDate ? addDays(c.noticeDate, RESIGNATION_NOTICE_DAYS) : undefined);
