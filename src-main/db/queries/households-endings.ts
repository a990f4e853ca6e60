import { ApiError } from '../../contract/errors.ts';
import { addDays, type IsoDate } from '../../domain/dates.ts';
import {
  checkCessation,
  checkEndDate,
  checkExitInterview,
  checkReopen,
  RESIGNATION_NOTICE_DAYS,
} from '../../domain/order-rules.ts';
import { stageReached, type Milestone } from '../../domain/stages.ts';
import { currentDates, getRow } from './households.ts';
import {
  audit,
  latestMilestone,
  markHand,
  requireReason,
  requireStatus,
  rule,
  touch,
  type Actor,
} from './households-journey.ts';

/**
 * How a household's journey ends or changes course: closure (drop-out), re-opening, cessation,
 * the exit interview after either ending, and a pathway switch. Same contract as
 * households-journey.ts: rules from domain/order-rules.ts, audit, 'hand' provenance, summary refresh.
 */
export function closeHousehold(
  a: Actor,
  id: number,
  c: {
    date: IsoDate;
    reasonKey: string;
    endedBy: 'applicant' | 'service' | 'lost_contact';
    notes: string | null;
  },
): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    requireStatus(h, ['open'], 'close');
    requireReason(a.db, 'dropout', c.reasonKey, 'reasonKey');
    const dates = currentDates(a.db, id, h.episode);
    const bad = checkEndDate('Closure', c.date, latestMilestone(dates), a.today);
    if (bad) throw rule(bad, 'date');
    const stage = stageReached(Object.keys(dates) as Milestone[]);
    const closureId = a.db
      .prepare(
        `INSERT INTO closures (household_id, episode, date, stage_reached, reason_key, ended_by, notes, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'hand')`,
      )
      .run(id, h.episode, c.date, stage, c.reasonKey, c.endedBy, c.notes).lastInsertRowid as number;
    audit(a, id, {
      action: 'create',
      entity: 'closure',
      entityId: closureId,
      newValue: {
        date: c.date,
        stageReached: stage,
        reason: c.reasonKey,
        endedBy: c.endedBy,
        notes: c.notes,
      },
    });
    markHand(a.db, id, 'closure');
    touch(a, id);
  })();
}

/** A closed household enquires again: the closure keeps its record (reopened_on), a new episode starts. */
export function reopenHousehold(a: Actor, id: number, enquiryDate: IsoDate, notes: string | null): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    requireStatus(h, ['closed'], 're-open');
    const closure = a.db
      .prepare<[number, number], { id: number; date: string }>(
        'SELECT id, date FROM closures WHERE household_id = ? AND episode = ?',
      )
      .get(id, h.episode);
    if (!closure) throw rule(`Household ${h.reference} has no closure to re-open.`, 'id');
    const bad = checkReopen(enquiryDate, closure.date, a.today);
    if (bad) throw rule(bad, 'enquiryDate');
    const episode = h.episode + 1;
    a.db.prepare('UPDATE closures SET reopened_on = ? WHERE id = ?').run(enquiryDate, closure.id);
    a.db.prepare('UPDATE households SET episode = ?, responded_date = NULL WHERE id = ?').run(episode, id);
    a.db
      .prepare(
        "INSERT INTO milestones (household_id, episode, kind, date, source) VALUES (?, ?, 'enquiry', ?, 'hand')",
      )
      .run(id, episode, enquiryDate);
    audit(a, id, {
      action: 'update',
      entity: 'closure',
      entityId: closure.id,
      field: 'reopened_on',
      newValue: enquiryDate,
      reason: notes,
    });
    audit(a, id, {
      action: 'update',
      entity: 'household',
      entityId: id,
      field: 'episode',
      oldValue: h.episode,
      newValue: episode,
    });
    audit(a, id, { action: 'create', entity: 'milestone', field: 'enquiry', newValue: enquiryDate });
    markHand(a.db, id, 'enquiry');
    touch(a, id);
  })();
}

export function ceaseHousehold(
  a: Actor,
  id: number,
  c: {
    date?: IsoDate;
    noticeDate?: IsoDate;
    reasonKey: string;
    initiatedBy: 'carer' | 'service';
    notes: string | null;
  },
): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    requireStatus(h, ['approved'], 'record a cessation');
    requireReason(a.db, 'leaving', c.reasonKey, 'reasonKey');
    const date = c.date ?? (c.noticeDate ? addDays(c.noticeDate, RESIGNATION_NOTICE_DAYS) : undefined);
    if (!date)
      throw new ApiError('invalid_input', 'Give the date fostering ends, or the notice date.', 'date');
    const approval = currentDates(a.db, id, h.episode).approval ?? null;
    const bad = checkCessation(
      { date, noticeDate: c.noticeDate ?? null, initiatedBy: c.initiatedBy },
      approval,
      a.today,
    );
    if (bad) throw rule(bad.message, bad.field);
    const cessationId = a.db
      .prepare(
        `INSERT INTO cessations (household_id, date, notice_date, reason_key, initiated_by, notes, source)
         VALUES (?, ?, ?, ?, ?, ?, 'hand')`,
      )
      .run(id, date, c.noticeDate ?? null, c.reasonKey, c.initiatedBy, c.notes).lastInsertRowid as number;
    audit(a, id, {
      action: 'create',
      entity: 'cessation',
      entityId: cessationId,
      newValue: {
        date,
        noticeDate: c.noticeDate ?? null,
        reason: c.reasonKey,
        initiatedBy: c.initiatedBy,
        notes: c.notes,
      },
    });
    markHand(a.db, id, 'cessation');
    touch(a, id);
  })();
}

export interface ExitInterviewInput {
  closureId?: number;
  cessationId?: number;
  status: 'offered' | 'held' | 'declined';
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
          .prepare<[number, number], { date: string }>(
            'SELECT date FROM closures WHERE id = ? AND household_id = ?',
          )
          .get(i.closureId, id)
      : a.db
          .prepare<[number, number], { date: string }>(
            'SELECT date FROM cessations WHERE id = ? AND household_id = ?',
          )
          .get(i.cessationId!, id);
    if (!ending)
      throw new ApiError(
        'not_found',
        `That ending does not belong to household ${h.reference}.`,
        i.closureId ? 'closureId' : 'cessationId',
      );
    const list = i.closureId ? 'dropout' : 'leaving';
    i.reasons.forEach((key, n) => requireReason(a.db, list, key, `reasons.${n}`));
    const held = i.status === 'held';
    const values = {
      status: i.status,
      offeredDate: i.offeredDate ?? null,
      heldDate: held ? (i.heldDate ?? null) : null,
      heldBy: held ? i.heldBy : null,
      notes: i.notes,
      mightReturn: i.mightReturn ?? null,
      reasons: [...new Set(i.reasons)],
    };
    const bad = checkExitInterview(values, ending.date, a.today);
    if (bad) throw rule(bad.message, bad.field);
    const existing = a.db
      .prepare<[number | null, number | null], { id: number }>(
        'SELECT id FROM exit_interviews WHERE closure_id IS ? AND cessation_id IS ?',
      )
      .get(i.closureId ?? null, i.cessationId ?? null);
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

export function switchPathway(a: Actor, id: number, pathway: 'mainstream' | 'kinship', date: IsoDate): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    if (h.pathway === pathway)
      throw rule(`Household ${h.reference} is already on the ${pathway} pathway.`, 'pathway');
    const enquiry = currentDates(a.db, id, h.episode).enquiry;
    const bad = checkEndDate(
      'Pathway change',
      date,
      enquiry ? { kind: 'enquiry', date: enquiry } : null,
      a.today,
    );
    if (bad) throw rule(bad, 'date');
    a.db
      .prepare(
        'INSERT INTO pathway_changes (household_id, date, from_pathway, to_pathway) VALUES (?, ?, ?, ?)',
      )
      .run(id, date, h.pathway, pathway);
    a.db.prepare('UPDATE households SET pathway = ? WHERE id = ?').run(pathway, id);
    audit(a, id, {
      action: 'update',
      entity: 'pathway',
      entityId: id,
      field: 'pathway',
      oldValue: h.pathway,
      newValue: pathway,
      reason: `from ${date}`,
    });
    markHand(a.db, id, 'pathway');
    touch(a, id);
  })();
}
