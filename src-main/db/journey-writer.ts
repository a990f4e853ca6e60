import type { Db } from './open.ts';
import { ApiError } from '../domain/errors.ts';
import type { IsoDate } from '../domain/dates.ts';
import { decide, type JourneyEvent, type JourneyState, type JourneyWrite } from '../domain/journey.ts';
import type { Milestone } from '../domain/stages.ts';
import { writeAudit, type AuditEntry } from './queries/audit.ts';
import { currentDates, getRow, type HouseholdRow } from './queries/households.ts';
import { refreshSummaries } from './queries/summary.ts';
import { nowIso } from '../clock.ts';

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
  db.prepare(
    `INSERT INTO field_sources (household_id, field, source, batch_id) VALUES (?, ?, 'hand', NULL)
     ON CONFLICT (household_id, field) DO UPDATE SET source = 'hand', batch_id = NULL`,
  ).run(id, field);
}

export function touch(a: Actor, id: number): void {
  a.db.prepare('UPDATE households SET updated_at = ? WHERE id = ?').run(nowIso(), id);
  refreshSummaries(a.db, [id], a.today);
}

/** The engine's view of a stored household: its current episode, closure and cessation. */
export function loadJourney(db: Db, h: HouseholdRow): JourneyState {
  const closure = db
    .prepare<[number, number], { id: number; date: string }>(
      'SELECT id, date FROM closures WHERE household_id = ? AND episode = ?',
    )
    .get(h.id, h.episode);
  const cessation = db
    .prepare<[number], { id: number; date: string }>(
      'SELECT id, date FROM cessations WHERE household_id = ? ORDER BY date DESC, id DESC LIMIT 1',
    )
    .get(h.id);
  return {
    reference: h.reference,
    episode: h.episode,
    pathway: h.pathway,
    dates: currentDates(db, h.id, h.episode),
    respondedDate: h.responded_date,
    closure: closure ?? null,
    cessation: cessation ?? null,
  };
}

/**
 * Applies one hand event to household `id`; returns the household as it was before. IMMEDIATE: it
 * reads the journey before writing, and another program's write in between must make it wait, not fail.
 */
export function changeJourney(a: Actor, id: number, event: JourneyEvent): HouseholdRow {
  return a.db
    .transaction(() => {
      const h = getRow(a.db, id);
      const d = decide(loadJourney(a.db, h), event, a.today);
      const v = d.violations[0];
      if (v) throw new ApiError(v.code, v.message, v.field);
      for (const w of d.writes) writeFact(a, id, w);
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
  for (const w of d.writes) writeFact(a, id, w);
}

const milestoneSql = {
  insert: "INSERT INTO milestones (household_id, episode, kind, date, source) VALUES (?, ?, ?, ?, 'hand')",
  update:
    "UPDATE milestones SET date = ?, source = 'hand', batch_id = NULL WHERE household_id = ? AND episode = ? AND kind = ?",
  delete: 'DELETE FROM milestones WHERE household_id = ? AND episode = ? AND kind = ?',
};

function writeFact(a: Actor, id: number, w: JourneyWrite): void {
  const { db } = a;
  switch (w.to) {
    case 'milestone':
      return writeMilestone(a, id, w);
    case 'responded':
      db.prepare('UPDATE households SET responded_date = ? WHERE id = ?').run(w.date, id);
      audit(a, id, {
        action: 'update',
        entity: 'household',
        entityId: id,
        field: 'responded_date',
        oldValue: w.old,
        newValue: w.date,
      });
      return markHand(db, id, 'responded_date');
    case 'closure': {
      const c = w.closure;
      const values = [w.stageReached, c.reasonKey, c.endedBy, c.notes ?? null, c.reasonText ?? null];
      const closureId =
        w.op === 'update' && w.id !== null
          ? (db
              .prepare(
                "UPDATE closures SET date = ?, stage_reached = ?, reason_key = ?, ended_by = ?, notes = ?, reason_text = ?, source = 'hand', batch_id = NULL WHERE id = ?",
              )
              .run(c.date, ...values, w.id),
            w.id)
          : (db
              .prepare(
                `INSERT INTO closures (household_id, episode, date, stage_reached, reason_key, ended_by, notes, reason_text, source)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'hand')`,
              )
              .run(id, w.episode, c.date, ...values).lastInsertRowid as number);
      audit(a, id, {
        action: w.op === 'update' ? 'update' : 'create',
        entity: 'closure',
        entityId: closureId,
        newValue: {
          date: c.date,
          stageReached: w.stageReached,
          reason: c.reasonKey,
          endedBy: c.endedBy,
          notes: c.notes ?? null,
        },
      });
      return markHand(db, id, 'closure');
    }
    case 'reopen':
      db.prepare('UPDATE closures SET reopened_on = ? WHERE id = ?').run(w.on, w.closureId);
      db.prepare('UPDATE households SET episode = ?, responded_date = NULL WHERE id = ?').run(
        w.fromEpisode + 1,
        id,
      );
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
    case 'cessation': {
      const c = w.cessation;
      const values = [
        c.date,
        c.noticeDate ?? null,
        c.reasonKey,
        c.initiatedBy,
        c.notes ?? null,
        c.reasonText ?? null,
      ];
      const cessationId =
        w.op === 'update' && w.id !== null
          ? (db
              .prepare(
                "UPDATE cessations SET date = ?, notice_date = ?, reason_key = ?, initiated_by = ?, notes = ?, reason_text = ?, source = 'hand', batch_id = NULL WHERE id = ?",
              )
              .run(...values, w.id),
            w.id)
          : (db
              .prepare(
                `INSERT INTO cessations (household_id, date, notice_date, reason_key, initiated_by, notes, reason_text, source)
                 VALUES (?, ?, ?, ?, ?, ?, ?, 'hand')`,
              )
              .run(id, ...values).lastInsertRowid as number);
      audit(a, id, {
        action: w.op === 'update' ? 'update' : 'create',
        entity: 'cessation',
        entityId: cessationId,
        newValue: {
          date: c.date,
          noticeDate: c.noticeDate ?? null,
          reason: c.reasonKey,
          initiatedBy: c.initiatedBy,
          notes: c.notes ?? null,
        },
      });
      return markHand(db, id, 'cessation');
    }
    case 'pathway':
      db.prepare(
        'INSERT INTO pathway_changes (household_id, date, from_pathway, to_pathway) VALUES (?, ?, ?, ?)',
      ).run(id, w.date, w.from, w.pathway);
      db.prepare('UPDATE households SET pathway = ? WHERE id = ?').run(w.pathway, id);
      audit(a, id, {
        action: 'update',
        entity: 'pathway',
        entityId: id,
        field: 'pathway',
        oldValue: w.from,
        newValue: w.pathway,
        reason: `from ${w.date}`,
      });
      return markHand(db, id, 'pathway');
  }
}

function writeMilestone(a: Actor, id: number, w: Extract<JourneyWrite, { to: 'milestone' }>): void {
  const kind: Milestone = w.kind;
  if (w.op === 'insert') {
    a.db.prepare(milestoneSql.insert).run(id, w.episode, kind, w.date);
    audit(a, id, { action: 'create', entity: 'milestone', field: kind, newValue: w.date });
  } else if (w.op === 'update') {
    a.db.prepare(milestoneSql.update).run(w.date, id, w.episode, kind);
    audit(a, id, {
      action: 'update',
      entity: 'milestone',
      field: kind,
      oldValue: w.old,
      newValue: w.date,
      reason: w.reason ?? null,
    });
  } else {
    a.db.prepare(milestoneSql.delete).run(id, w.episode, kind);
    audit(a, id, { action: 'delete', entity: 'milestone', field: kind, oldValue: w.old, reason: w.reason });
  }
  markHand(a.db, id, kind);
}
