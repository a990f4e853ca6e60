import { ApiError } from '../../domain/errors.ts';
import type { IsoDate } from '../../domain/dates.ts';
import { checkExitInterview, endedByInterviewFault, reasonsGiven } from '../../domain/order-rules.ts';
import type { CeaseInitiatedBy, EndedBy, ExitInterviewStatus, Pathway } from '../../domain/stages.ts';
import { getRow } from './households.ts';
import { requireReason } from './households-journey.ts';
import { audit, changeJourney, markHand, touch, type Actor } from '../journey-writer.ts';

/**
 * How a household's journey ends or changes course: closure (drop-out), re-opening, cessation and a
 * pathway switch go through the one writer (db/journey-writer.ts), whose rules come from the journey
 * engine (domain/journey.ts); the exit interview after either ending is kept here, with the same
 * contract: checked, audited, 'hand' provenance, summary refresh, one transaction.
 */
/** A closure as the hand records or corrects it. */
export type ClosureInput = { date: IsoDate; reasonKey: string; endedBy: EndedBy; notes: string | null };
/** A cessation as the hand records or corrects it (its end date may follow from the notice). */
export type CessationInput = {
  date?: IsoDate;
  noticeDate?: IsoDate;
  reasonKey: string;
  initiatedBy: CeaseInitiatedBy;
  notes: string | null;
};

export function closeHousehold(a: Actor, id: number, c: ClosureInput): void {
  const reason = requireReason(a.db, 'dropout', c.reasonKey, 'reasonKey');
  changeJourney(a, id, { type: 'close', closure: { ...c, reason } });
}

/**
 * The standing closure's reason and the file's words for it, who ended it and its exit interview's
 * status (null: none stands).
 */
const closureHeld = (db: Actor['db'], id: number, episode: number) =>
  db
    .prepare<
      [number, number],
      {
        reason_key: string;
        reason_text: string | null;
        ended_by: string | null;
        interview: ExitInterviewStatus | null;
      }
    >(
      `SELECT c.reason_key, c.reason_text, c.ended_by,
         (SELECT i.status FROM exit_interviews i WHERE i.closure_id = c.id) AS interview
       FROM closures c WHERE c.household_id = ? AND c.episode = ? AND c.reopened_on IS NULL`,
    )
    .get(id, episode) ?? null;

/**
 * A closure's date, reason, who ended it or notes typed wrongly, corrected with why: the same
 * closure, its exit interview kept (removing it and closing again lost the interview: helper-248).
 * The file's own words for a reason (an import's) stay while the reason does.
 */
export function correctClosure(a: Actor, id: number, c: ClosureInput, because: string): void {
  // The reason held is read in the write's own transaction (the writer's nests in it), so an
  // import committing in between cannot leave the words of a reason it replaced (helper-250).
  a.db
    .transaction(() => {
      const standing = getRow(a.db, id);
      const held = closureHeld(a.db, id, standing.episode);
      const reason = requireReason(a.db, 'dropout', c.reasonKey, 'reasonKey', held ? [held.reason_key] : []);
      const reasonText = held && held.reason_key === c.reasonKey ? held.reason_text : null;
      const heldInterview = endedByInterviewFault(c.endedBy, held?.ended_by, held?.interview);
      if (heldInterview) throw new ApiError('rule_violation', heldInterview, 'endedBy');
      changeJourney(a, id, { type: 'correctClosure', closure: { ...c, reason, reasonText }, because });
    })
    .immediate();
}

/** A closed household enquires again: the closure keeps its record (reopened_on), a new episode starts. */
export const reopenHousehold = (a: Actor, id: number, enquiryDate: IsoDate, notes: string | null): void =>
  void changeJourney(a, id, { type: 'reopen', enquiryDate, notes });

export function ceaseHousehold(a: Actor, id: number, c: CessationInput): void {
  requireReason(a.db, 'leaving', c.reasonKey, 'reasonKey');
  changeJourney(a, id, { type: 'cease', cessation: c });
}

/** The cessation's reason and the file's words for it (null: none is recorded). */
const cessationHeld = (db: Actor['db'], id: number) =>
  db
    .prepare<[number], { reason_key: string; reason_text: string | null }>(
      'SELECT reason_key, reason_text FROM cessations WHERE household_id = ?',
    )
    .get(id) ?? null;

/**
 * A cessation's dates, reason, who initiated it or notes typed wrongly, corrected with why: the
 * same cessation, its exit interview kept (removing it and recording it again lost the interview:
 * helper-248), as a closure's correction. The file's words for a reason stay while the reason does.
 */
export function correctCessation(a: Actor, id: number, c: CessationInput, because: string): void {
  a.db
    .transaction(() => {
      const held = cessationHeld(a.db, id);
      requireReason(a.db, 'leaving', c.reasonKey, 'reasonKey', held ? [held.reason_key] : []);
      const reasonText = held && held.reason_key === c.reasonKey ? held.reason_text : null;
      changeJourney(a, id, { type: 'correctCessation', cessation: { ...c, reasonText }, because });
    })
    .immediate();
}

/**
 * A cessation recorded by mistake is removed, with the reason (kept in the audit with what it
 * held): the household is approved again, and its exit interview, if any, goes with it.
 */
export const removeCessation = (a: Actor, id: number, reason: string): void =>
  void changeJourney(a, id, { type: 'removeCessation', reason });

/**
 * A closure recorded by mistake (the wrong household, a withdrawal taken back) is removed, with the
 * reason (kept in the audit with what it held): the episode is open again at the stage it had
 * reached, and the closure's exit interview, if any, goes with it. Re-opening would start a new
 * episode, counting a second enquiry.
 */
export const removeClosure = (a: Actor, id: number, reason: string): void =>
  void changeJourney(a, id, { type: 'removeClosure', reason });

export interface ExitInterviewInput {
  closureId?: number;
  cessationId?: number;
  status: ExitInterviewStatus;
  offeredDate?: IsoDate | null;
  heldDate?: IsoDate | null;
  heldBy: string | null;
  reasons: string[];
  notes: string | null;
  mightReturn?: boolean | null;
}

export function saveExitInterview(a: Actor, id: number, i: ExitInterviewInput): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    if ((i.closureId === undefined) === (i.cessationId === undefined)) {
      throw new ApiError(
        'invalid_input',
        'Say which ending the interview follows: a closure or the cessation.',
        'closureId',
      );
    }
    const ending = i.closureId
      ? a.db
          .prepare<[number, number], { date: string; endedBy: string | null }>(
            'SELECT date, ended_by AS endedBy FROM closures WHERE id = ? AND household_id = ?',
          )
          .get(i.closureId, id)
      : a.db
          .prepare<[number, number], { date: string; noticeDate: string | null }>(
            'SELECT date, notice_date AS noticeDate FROM cessations WHERE id = ? AND household_id = ?',
          )
          .get(i.cessationId!, id);
    if (!ending)
      throw new ApiError(
        'not_found',
        `That ending does not belong to household ${h.reference}.`,
        i.closureId ? 'closureId' : 'cessationId',
      );
    const list = i.closureId ? 'dropout' : 'leaving';
    const held = i.status === 'held';
    const existing = a.db
      .prepare<[number | null, number | null], { id: number; status: ExitInterviewStatus }>(
        'SELECT id, status FROM exit_interviews WHERE closure_id IS ? AND cessation_id IS ?',
      )
      .get(i.closureId ?? null, i.cessationId ?? null);
    // Reasons ticked for an interview not held are dropped unread (reasonsGiven), as its held date is.
    // A reason retired since it was ticked stays ticked; a retired one is not newly given.
    const ticked = existing
      ? a.db
          .prepare<[number], string>('SELECT reason_key FROM exit_interview_reasons WHERE interview_id = ?')
          .pluck()
          .all(existing.id)
      : [];
    if (held) i.reasons.forEach((key, n) => requireReason(a.db, list, key, `reasons.${n}`, ticked));
    const values = {
      status: i.status,
      offeredDate: i.offeredDate ?? null,
      heldDate: held ? (i.heldDate ?? null) : null,
      heldBy: held ? i.heldBy : null,
      notes: i.notes,
      mightReturn: i.mightReturn ?? null,
      reasons: reasonsGiven(i.status, i.reasons),
    };
    // Every field at fault at once, the first also as the error's own (a form says each beside its field).
    // An interview stored as held, or with a reason, before the rule refusing it keeps it (d470629).
    const [bad, ...more] = checkExitInterview(values, { ...ending, list }, a.today, {
      status: existing?.status ?? null,
      reasons: ticked,
    });
    if (bad) throw new ApiError('rule_violation', bad.message, bad.field, [bad, ...more]);
    const row = [
      values.status,
      values.offeredDate,
      values.heldDate,
      values.heldBy,
      values.notes,
      values.mightReturn === null ? null : values.mightReturn ? 1 : 0,
    ];
    let interviewId: number;
    if (existing) {
      interviewId = existing.id;
      a.db
        .prepare(
          'UPDATE exit_interviews SET status = ?, offered_date = ?, held_date = ?, held_by = ?, notes = ?, might_return = ? WHERE id = ?',
        )
        .run(...row, interviewId);
      a.db.prepare('DELETE FROM exit_interview_reasons WHERE interview_id = ?').run(interviewId);
    } else {
      interviewId = a.db
        .prepare(
          `INSERT INTO exit_interviews (status, offered_date, held_date, held_by, notes, might_return, household_id, closure_id, cessation_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...row, id, i.closureId ?? null, i.cessationId ?? null).lastInsertRowid as number;
    }
    const addReason = a.db.prepare(
      'INSERT INTO exit_interview_reasons (interview_id, list, reason_key) VALUES (?, ?, ?)',
    );
    for (const key of values.reasons) addReason.run(interviewId, list, key);
    audit(a, id, {
      action: existing ? 'update' : 'create',
      entity: 'exit_interview',
      entityId: interviewId,
      newValue: values,
    });
    markHand(a.db, id, 'exit_interview');
    touch(a, id);
  })();
}

export const switchPathway = (a: Actor, id: number, pathway: Pathway, date: IsoDate): void =>
  void changeJourney(a, id, { type: 'switchPathway', pathway, date });
