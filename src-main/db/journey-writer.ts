import type { Db } from './open.ts';
import { ApiError } from '../domain/errors.ts';
import { formatUkDate, type IsoDate } from '../domain/dates.ts';
import {
  decide,
  episodeStart,
  type Ending,
  type JourneyEvent,
  type JourneyState,
  type JourneyWrite,
} from '../domain/journey.ts';
import type { Milestone, OpenStage } from '../domain/stages.ts';
import type { JourneyDateKind } from '../domain/journey-dates.ts';
import { writeAudit, type AuditEntry } from './queries/audit.ts';
import { currentDates, getRow, type HouseholdRow } from './queries/households.ts';
import { carerDatesOf, episodeSwitchesOf, exitInterviewOf } from './queries/import-existing.ts';
import { refreshSummaries } from './queries/summary.ts';
import { nowIso } from '../clock.ts';
import { BY_HAND, journeyRows } from './journey-rows.ts';
import { episodeJourneyDates } from './journey-dates.ts';
import { episodePathwayReader } from './episodes.ts';

/**
 * The one writer of journey changes made by hand: loads the household's journey, asks the engine
 * (domain/journey.ts) what the event does, and, if it breaks no rule, writes its facts with one audit
 * entry each and 'hand' provenance, then refreshes the household's summary and episodes, all in one
 * transaction. A broken rule is an ApiError naming the input field, and nothing is stored.
 */
export interface Actor {
  db: Db;
  user: string;
  today: IsoDate;
}

export const rule = (message: string, field: string) => new ApiError('rule_violation', message, field);

export function audit(a: Actor, id: number, e: Omit<AuditEntry, 'user' | 'householdId'>): void {
  writeAudit(a.db, { ...e, user: a.user, householdId: id });
}

export function markHand(db: Db, id: number, field: string): void {
  journeyRows(db).markSource(id, field, BY_HAND);
}

export function touch(a: Actor, id: number): void {
  a.db.prepare('UPDATE households SET updated_at = ? WHERE id = ?').run(nowIso(), id);
  refreshSummaries(a.db, [id], a.today);
}

/**
 * The engine's view of a stored household: its current episode, closure and cessation. Or, given
 * an earlier `episode` (a correction of its history), that episode as it ended: its closure, the one
 * before it, its steps and its switches; no response, cessation or carers, which are the current one's.
 */
export function loadJourney(db: Db, h: HouseholdRow, episode = h.episode): JourneyState {
  const closure = db
    .prepare<[number, number], { id: number; date: string; stage: OpenStage }>(
      'SELECT id, date, stage_reached AS stage FROM closures WHERE household_id = ? AND episode = ?',
    )
    .get(h.id, episode);
  const reopenedAfter =
    episode > 1
      ? db
          .prepare<[number, number], string>(
            'SELECT date FROM closures WHERE household_id = ? AND episode = ?',
          )
          .pluck()
          .get(h.id, episode - 1)
      : undefined;
  if (episode !== h.episode) return earlierEpisode(db, h, episode, closure ?? null, reopenedAfter ?? null);
  const dates = currentDates(db, h.id, h.episode);
  const cessation = db
    .prepare<[number], { id: number; date: string }>(
      'SELECT id, date FROM cessations WHERE household_id = ? ORDER BY date DESC, id DESC LIMIT 1',
    )
    .get(h.id);
  const lastSwitchOn = db
    .prepare<[number], string | null>('SELECT MAX(date) FROM pathway_changes WHERE household_id = ?')
    .pluck()
    .get(h.id);
  const start = episodeStart(dates, closure?.date ?? null);
  // What an ending's exit interview bounds: a correction may not move the ending past it.
  const interview = exitInterviewOf(db);
  return {
    reference: h.reference,
    episode: h.episode,
    pathway: h.pathway,
    dates,
    respondedDate: h.responded_date,
    closure: closure ? { ...closure, interview: interview('closure', closure.id) } : null,
    cessation: cessation ? { ...cessation, interview: interview('cessation', cessation.id) } : null,
    lastSwitchOn: lastSwitchOn ?? null,
    erased: h.purged_at !== null,
    erasedOn: h.purged_at?.slice(0, 10) ?? null,
    episodeSwitches: start ? episodeSwitchesOf(db)(h.id, start) : [],
    reopenedAfter: reopenedAfter ?? null,
    priorSwitchOn: reopenedAfter ? switchBefore(db, h.id, dates.enquiry) : null,
    carerDates: carerDatesOf(db)(h.id),
    journeyDates: episodeJourneyDates(db, h.id, h.episode),
  };
}

/** The household's latest pathway switch dated before `date` (an episode's enquiry), or null. */
const switchBefore = (db: Db, id: number, date: IsoDate | undefined): IsoDate | null =>
  date
    ? (db
        .prepare<[number, string], string | null>(
          'SELECT MAX(date) FROM pathway_changes WHERE household_id = ? AND date < ?',
        )
        .pluck()
        .get(id, date) ?? null)
    : null;

/** An earlier episode as the engine sees it: closed (a household re-opens only after a closure). */
function earlierEpisode(
  db: Db,
  h: HouseholdRow,
  episode: number,
  closure: Ending | null,
  reopenedAfter: IsoDate | null,
): JourneyState {
  const record = episodePathwayReader(db)(h.id, episode);
  const switches = [record?.first_switched_on, record?.switched_on].filter((d): d is IsoDate => Boolean(d));
  const dates = currentDates(db, h.id, episode);
  return {
    reference: h.reference,
    episode,
    // The pathway it ended on, with its own switches: episodePathwayOf gives back its record.
    pathway: record?.switched_to ?? record?.pathway ?? h.pathway,
    dates,
    respondedDate: null,
    closure,
    cessation: null,
    episodeSwitches: switches,
    reopenedAfter,
    priorSwitchOn: reopenedAfter ? switchBefore(db, h.id, dates.enquiry) : null,
    journeyDates: episodeJourneyDates(db, h.id, episode),
  };
}

/**
 * Applies one hand event to household `id` (to its current episode, or to an earlier `episode`: a
 * correction of its history); returns the household as it was before. IMMEDIATE: it reads the
 * journey before writing, and another program's write in between must make it wait, not fail.
 */
export function changeJourney(a: Actor, id: number, event: JourneyEvent, episode?: number): HouseholdRow {
  return a.db
    .transaction(() => {
      const h = getRow(a.db, id);
      if (episode !== undefined && (episode < 1 || episode > h.episode))
        throw new ApiError('not_found', `${h.reference} has no episode ${episode}.`, 'episode');
      const d = decide(loadJourney(a.db, h, episode), event, a.today);
      const v = d.violations[0];
      if (v) throw new ApiError(v.code, v.message, v.field);
      for (const w of d.writes) writeFact(a, id, w, h.episode);
      touch(a, id);
      return h;
    })
    .immediate();
}

/** Writes a new household's first enquiry (the household row itself is written by createHousehold). */
export function writeFirstEnquiry(a: Actor, id: number, state: JourneyState, date: IsoDate): void {
  const d = decide(state, { type: 'enquire', date }, a.today);
  const v = d.violations[0];
  if (v) throw new ApiError(v.code, v.message, v.field);
  for (const w of d.writes) writeFact(a, id, w, state.episode);
}

/**
 * Removes a closure or cessation recorded by mistake, its audit entry holding what it held (its
 * exit interview goes with it, ON DELETE CASCADE). The entry is what an import reads to keep it
 * removed (import/apply/plan-update.ts).
 */
function writeRemoval(
  a: Actor,
  id: number,
  w: Extract<JourneyWrite, { op: 'delete'; to: 'closure' | 'cessation' }>,
): void {
  const rows = journeyRows(a.db);
  let old;
  if (w.id !== null && w.to === 'closure') {
    old = rows.closure(w.id);
    rows.removeClosure(w.id);
  } else if (w.id !== null) {
    old = rows.cessation(w.id);
    rows.removeCessation(w.id);
  }
  audit(a, id, {
    action: 'delete',
    entity: w.to,
    entityId: w.id,
    oldValue: old ?? { date: w.date },
    reason: w.reason,
  });
  rows.markSource(id, w.to, BY_HAND);
}

/** Writes one fact; `current` is the household's current episode (provenance follows that one). */
function writeFact(a: Actor, id: number, w: JourneyWrite, current: number): void {
  const rows = journeyRows(a.db);
  switch (w.to) {
    case 'milestone':
      return writeMilestone(a, id, w, current);
    case 'responded':
      rows.setResponded(id, w.date);
      audit(a, id, {
        action: 'update',
        entity: 'household',
        entityId: id,
        field: 'responded_date',
        oldValue: w.old,
        newValue: w.date,
        reason: w.reason ?? null,
      });
      return rows.markSource(id, 'responded_date', BY_HAND);
    case 'closure': {
      if (w.op === 'delete') return writeRemoval(a, id, w);
      const c = w.closure;
      const values = {
        date: c.date,
        stage_reached: w.stageReached,
        reason_key: c.reasonKey,
        ended_by: c.endedBy,
        notes: c.notes ?? null,
        reason_text: c.reasonText ?? null,
      };
      // A correction by hand keeps what the closure held, and why, as a removal does.
      const old = w.because !== undefined && w.id !== null ? rows.closure(w.id) : undefined;
      const closureId =
        w.op === 'update' && w.id !== null
          ? (rows.setClosure(w.id, values, BY_HAND), w.id)
          : rows.addClosure(id, w.episode, values, BY_HAND);
      audit(a, id, {
        action: w.op === 'update' ? 'update' : 'create',
        entity: 'closure',
        entityId: closureId,
        ...(old ? { oldValue: old, reason: w.because } : {}),
        newValue: {
          date: c.date,
          stageReached: w.stageReached,
          reason: c.reasonKey,
          endedBy: c.endedBy,
          notes: c.notes ?? null,
        },
      });
      return rows.markSource(id, 'closure', BY_HAND);
    }
    case 'closureStage':
      if (w.id === null) return;
      rows.setClosureStage(w.id, w.stage);
      // The stage is derived, not typed: the closure's provenance stays as it was.
      return audit(a, id, {
        action: 'update',
        entity: 'closure',
        entityId: w.id,
        oldValue: { date: w.date, stageReached: w.old },
        newValue: { date: w.date, stageReached: w.stage },
        reason: w.because
          ? `stage follows the pathway change dated ${formatUkDate(w.because)}`
          : 'stage follows the dates',
      });
    case 'reopen':
      if (w.closureId !== null) rows.setReopened(w.closureId, w.on);
      rows.startEpisode(id, w.fromEpisode + 1);
      audit(a, id, {
        action: 'update',
        entity: 'closure',
        entityId: w.closureId,
        field: 'reopened_on',
        newValue: w.on,
        reason: w.notes,
      });
      return audit(a, id, {
        action: 'update',
        entity: 'household',
        entityId: id,
        field: 'episode',
        oldValue: w.fromEpisode,
        newValue: w.fromEpisode + 1,
      });
    case 'reopenedOn': {
      const closure = rows.closureOfEpisode(id, w.episode);
      if (!closure) return;
      rows.setReopened(closure.id, w.on);
      return audit(a, id, {
        action: 'update',
        entity: 'closure',
        entityId: closure.id,
        field: 'reopened_on',
        oldValue: closure.reopened_on,
        newValue: w.on,
      });
    }
    case 'cessation': {
      if (w.op === 'delete') return writeRemoval(a, id, w);
      const c = w.cessation;
      const values = {
        date: c.date,
        notice_date: c.noticeDate ?? null,
        reason_key: c.reasonKey,
        initiated_by: c.initiatedBy,
        notes: c.notes ?? null,
        reason_text: c.reasonText ?? null,
      };
      // A correction by hand keeps what the cessation held, and why, as a closure's does.
      const old = w.because !== undefined && w.id !== null ? rows.cessation(w.id) : undefined;
      const cessationId =
        w.op === 'update' && w.id !== null
          ? (rows.setCessation(w.id, values, BY_HAND), w.id)
          : rows.addCessation(id, values, BY_HAND);
      audit(a, id, {
        action: w.op === 'update' ? 'update' : 'create',
        entity: 'cessation',
        entityId: cessationId,
        ...(old ? { oldValue: old, reason: w.because } : {}),
        newValue: {
          date: c.date,
          noticeDate: c.noticeDate ?? null,
          reason: c.reasonKey,
          initiatedBy: c.initiatedBy,
          notes: c.notes ?? null,
        },
      });
      return rows.markSource(id, 'cessation', BY_HAND);
    }
    case 'step':
      if (w.op === 'delete') {
        rows.removeStep(id, w.episode, w.kind);
        audit(a, id, {
          action: 'delete',
          entity: 'journey_date',
          field: w.kind,
          oldValue: w.old,
          reason: w.reason,
        });
      } else {
        rows.setStep(id, w.episode, w.kind, w.step, BY_HAND);
        audit(a, id, {
          action: w.old ? 'update' : 'create',
          entity: 'journey_date',
          field: w.kind,
          oldValue: w.old,
          newValue: w.step,
          reason: w.reason,
        });
      }
      return rows.markSource(id, stepField(w.kind), BY_HAND);
    case 'pathway':
      rows.switchPathway(id, w.date, w.from, w.pathway);
      audit(a, id, {
        action: 'update',
        entity: 'pathway',
        entityId: id,
        field: 'pathway',
        oldValue: w.from,
        newValue: w.pathway,
        reason: `from ${w.date}`,
      });
      return rows.markSource(id, 'pathway', BY_HAND);
  }
}

/** A dated step's provenance key (field_sources), as a merge copies it. */
export const stepField = (kind: JourneyDateKind) => `journey.${kind}`;

function writeMilestone(
  a: Actor,
  id: number,
  w: Extract<JourneyWrite, { to: 'milestone' }>,
  current: number,
): void {
  const rows = journeyRows(a.db);
  const kind: Milestone = w.kind;
  if (w.op === 'insert') {
    rows.addMilestone(id, w.episode, kind, w.date, BY_HAND);
    audit(a, id, { action: 'create', entity: 'milestone', field: kind, newValue: w.date });
  } else if (w.op === 'update') {
    rows.setMilestone(id, w.episode, kind, w.date, BY_HAND);
    // An earlier episode's correction names the enquiry it belongs to (the timeline says which).
    const enquiry = w.episode === current ? null : currentDates(a.db, id, w.episode).enquiry;
    audit(a, id, {
      action: 'update',
      entity: 'milestone',
      field: kind,
      oldValue: w.old,
      newValue: enquiry ? { date: w.date, episodeEnquiry: enquiry } : w.date,
      reason: w.reason ?? null,
    });
  } else {
    rows.removeMilestone(id, w.episode, kind);
    audit(a, id, { action: 'delete', entity: 'milestone', field: kind, oldValue: w.old, reason: w.reason });
  }
  // A household's field sources are its current episode's (what an import may overwrite); an
  // earlier episode's corrected row says 'hand' itself.
  if (w.episode === current) rows.markSource(id, kind, BY_HAND);
}
