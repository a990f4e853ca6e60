import type { Statement } from 'better-sqlite3';
import { rowBuffer, type RowBuffer } from './bulk-insert.ts';
import type { Db } from './open.ts';
import type { Milestone, Pathway } from '../domain/stages.ts';

/**
 * The one module that writes a journey's rows: milestones, closures (and their re-opening),
 * cessations, pathway changes, the dated steps beside the milestones (journey_dates: panel
 * minutes, the kinship steps), and the household's journey columns (current episode, response,
 * pathway) with the provenance of each fact. Every writer of journeys goes through it: hand
 * edits (db/journey-writer.ts, after the engine has decided), the import commit and its undo,
 * the merge and the sample generator. It holds no rules (those are the engine's, in
 * domain/journey.ts); it knows only how a fact is stored, so a port to another database changes
 * this file, not its callers. Statements are prepared once per connection: an import writes
 * hundreds of thousands of rows through them.
 */

/** Where a stored fact came from: typed by hand, or an import batch. Undo restores what was there. */
export interface Provenance {
  source: 'hand' | 'import';
  batchId: number | null;
}

export const BY_HAND: Provenance = { source: 'hand', batchId: null };
export const fromBatch = (batchId: number): Provenance => ({ source: 'import', batchId });

export interface ClosureRowValues {
  date: string;
  stage_reached: string;
  reason_key: string;
  reason_text: string | null;
  ended_by: string;
}

export interface CessationRowValues {
  date: string;
  reason_key: string;
  reason_text: string | null;
  initiated_by: string;
}

interface MilestoneRow {
  household_id: number;
  episode: number;
  kind: Milestone;
  date: string;
  source: Provenance['source'];
  batch_id: number | null;
}
const MILESTONE_COLUMNS: ReadonlyArray<keyof MilestoneRow> = [
  'household_id',
  'episode',
  'kind',
  'date',
  'source',
  'batch_id',
];

/** Free-text notes are typed by hand only: an import and its undo leave them as they are. */
type Notes = { notes?: string | null };
type Closure = ClosureRowValues & Notes;
type Cessation = CessationRowValues & Notes & { notice_date?: string | null };

function statements(db: Db) {
  const many = (sql: (n: number) => string) => {
    const cache = new Map<number, Statement<unknown[]>>();
    return (n: number) => {
      let st = cache.get(n);
      if (!st) cache.set(n, (st = db.prepare(sql(n))));
      return st;
    };
  };
  return {
    insertMilestone: db.prepare(
      'INSERT INTO milestones (household_id, episode, kind, date, source, batch_id) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertMilestones: many(
      (n) =>
        `INSERT INTO milestones (household_id, episode, kind, date, source, batch_id) VALUES ${Array(n).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`,
    ),
    milestoneByKey: db.prepare(
      'UPDATE milestones SET date = ?, source = ?, batch_id = ? WHERE household_id = ? AND episode = ? AND kind = ?',
    ),
    milestoneById: db.prepare('UPDATE milestones SET date = ?, source = ?, batch_id = ? WHERE id = ?'),
    deleteMilestoneByKey: db.prepare(
      'DELETE FROM milestones WHERE household_id = ? AND episode = ? AND kind = ?',
    ),
    deleteMilestoneById: db.prepare('DELETE FROM milestones WHERE id = ?'),
    moveMilestones: db.prepare(
      `UPDATE milestones SET household_id = @to, episode = @episode
       WHERE household_id = @from AND kind NOT IN (SELECT kind FROM milestones WHERE household_id = @to AND episode = @episode)`,
    ),
    insertClosure: db.prepare(
      `INSERT INTO closures (household_id, episode, date, stage_reached, reason_key, reason_text, ended_by, notes, source, batch_id)
       VALUES (@household, @episode, @date, @stage_reached, @reason_key, @reason_text, @ended_by, @notes, @source, @batch)`,
    ),
    updateClosure: db.prepare(
      `UPDATE closures SET date = @date, stage_reached = @stage_reached, reason_key = @reason_key,
         reason_text = @reason_text, ended_by = @ended_by, notes = CASE WHEN @setNotes THEN @notes ELSE notes END,
         source = @source, batch_id = @batch
       WHERE id = @id`,
    ),
    deleteClosure: db.prepare('DELETE FROM closures WHERE id = ?'),
    closureById: db.prepare(
      `SELECT c.date, c.stage_reached, c.reason_key, c.reason_text, c.ended_by, c.notes, c.source, c.batch_id,
         i.status AS exit_interview
       FROM closures c LEFT JOIN exit_interviews i ON i.closure_id = c.id WHERE c.id = ?`,
    ),
    closureStage: db.prepare('UPDATE closures SET stage_reached = ? WHERE id = ?'),
    reopened: db.prepare('UPDATE closures SET reopened_on = ? WHERE id = ?'),
    reopenedOf: db.prepare<[number, number], { id: number; reopened_on: string | null }>(
      'SELECT id, reopened_on FROM closures WHERE household_id = ? AND episode = ?',
    ),
    moveClosure: db.prepare(
      'UPDATE closures SET household_id = ?, episode = ?, stage_reached = ? WHERE household_id = ?',
    ),
    insertCessation: db.prepare(
      `INSERT INTO cessations (household_id, date, notice_date, reason_key, reason_text, initiated_by, notes, source, batch_id)
       VALUES (@household, @date, @notice_date, @reason_key, @reason_text, @initiated_by, @notes, @source, @batch)`,
    ),
    updateCessation: db.prepare(
      `UPDATE cessations SET date = @date, reason_key = @reason_key, reason_text = @reason_text, initiated_by = @initiated_by,
         notice_date = CASE WHEN @setNotes THEN @notice_date ELSE notice_date END,
         notes = CASE WHEN @setNotes THEN @notes ELSE notes END, source = @source, batch_id = @batch
       WHERE id = @id`,
    ),
    deleteCessation: db.prepare('DELETE FROM cessations WHERE id = ?'),
    cessationById: db.prepare(
      `SELECT c.date, c.notice_date, c.reason_key, c.reason_text, c.initiated_by, c.notes, c.source, c.batch_id,
         i.status AS exit_interview
       FROM cessations c LEFT JOIN exit_interviews i ON i.cessation_id = c.id WHERE c.id = ?`,
    ),
    moveCessations: db.prepare('UPDATE cessations SET household_id = ? WHERE household_id = ?'),
    newEpisode: db.prepare('UPDATE households SET episode = ?, responded_date = NULL WHERE id = ?'),
    episode: db.prepare('UPDATE households SET episode = ? WHERE id = ?'),
    responded: db.prepare('UPDATE households SET responded_date = ? WHERE id = ?'),
    pathway: db.prepare('UPDATE households SET pathway = ? WHERE id = ?'),
    pathwayChange: db.prepare(
      'INSERT INTO pathway_changes (household_id, date, from_pathway, to_pathway) VALUES (?, ?, ?, ?)',
    ),
    deletePathwayChange: db.prepare('DELETE FROM pathway_changes WHERE id = ?'),
    movePathwayChanges: db.prepare('UPDATE pathway_changes SET household_id = ? WHERE household_id = ?'),
    insertStep: db.prepare(
      `INSERT INTO journey_dates (household_id, episode, kind, date, detail, reason, weeks, source, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertStep: db.prepare(
      `INSERT INTO journey_dates (household_id, episode, kind, date, detail, reason, weeks, source, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (household_id, episode, kind) DO UPDATE SET date = excluded.date, detail = excluded.detail,
         reason = excluded.reason, weeks = excluded.weeks, source = excluded.source, batch_id = excluded.batch_id`,
    ),
    stepById: db.prepare(
      `UPDATE journey_dates SET date = ?, detail = ?, reason = ?, weeks = CASE ? WHEN 1 THEN ? ELSE weeks END,
         source = ?, batch_id = ? WHERE id = ?`,
    ),
    deleteStepByKey: db.prepare(
      'DELETE FROM journey_dates WHERE household_id = ? AND episode = ? AND kind = ?',
    ),
    deleteStepById: db.prepare('DELETE FROM journey_dates WHERE id = ?'),
    moveStep: db.prepare(
      'UPDATE journey_dates SET household_id = ?, episode = ? WHERE household_id = ? AND kind = ?',
    ),
    source: db.prepare(
      `INSERT INTO field_sources (household_id, field, source, batch_id) VALUES (?, ?, ?, ?)
       ON CONFLICT (household_id, field) DO UPDATE SET source = excluded.source, batch_id = excluded.batch_id`,
    ),
  };
}

type Statements = ReturnType<typeof statements>;
const prepared = new WeakMap<Db, Statements>();

/** The journey's row writers on this connection. */
export function journeyRows(db: Db) {
  let s = prepared.get(db);
  if (!s) prepared.set(db, (s = statements(db)));
  const st = s;
  const closureParams = (c: Closure, p: Provenance) => ({
    date: c.date,
    stage_reached: c.stage_reached,
    reason_key: c.reason_key,
    reason_text: c.reason_text,
    ended_by: c.ended_by,
    notes: c.notes ?? null,
    setNotes: c.notes === undefined ? 0 : 1,
    source: p.source,
    batch: p.batchId,
  });
  const cessationParams = (c: Cessation, p: Provenance) => ({
    date: c.date,
    notice_date: c.notice_date ?? null,
    reason_key: c.reason_key,
    reason_text: c.reason_text,
    initiated_by: c.initiated_by,
    notes: c.notes ?? null,
    setNotes: c.notes === undefined && c.notice_date === undefined ? 0 : 1,
    source: p.source,
    batch: p.batchId,
  });
  return {
    addMilestone(household: number, episode: number, kind: Milestone, date: string, p: Provenance): number {
      return Number(
        st.insertMilestone.run(household, episode, kind, date, p.source, p.batchId).lastInsertRowid,
      );
    },
    /** Milestones several to a statement, for a bulk load (flush before reading them or writing rows after them). */
    milestoneBuffer(p: Provenance): RowBuffer<readonly [number, number, Milestone, string]> {
      const rows = rowBuffer<MilestoneRow>(db, 'milestones', MILESTONE_COLUMNS, {
        fixed: { source: p.source, batch_id: p.batchId },
      });
      // Added as the values they are (a first import adds a few hundred thousand).
      if (rows.own.join() !== 'household_id,episode,kind,date')
        throw new Error('milestone columns out of order');
      return {
        add: (m) => rows.addValues(m[0], m[1], m[2], m[3]),
        flush: () => rows.flush(),
        get size() {
          return rows.size;
        },
      };
    },
    /** Several milestones in one statement (a new household's, or a bulk load's): [household, episode, kind, date]. */
    addMilestones(rows: ReadonlyArray<readonly [number, number, Milestone, string]>, p: Provenance): void {
      // SQLite allows 32,766 parameters a statement: 500 rows of six is well inside.
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        st.insertMilestones(chunk.length).run(chunk.flatMap((r) => [...r, p.source, p.batchId]));
      }
    },
    setMilestone(household: number, episode: number, kind: Milestone, date: string, p: Provenance): void {
      st.milestoneByKey.run(date, p.source, p.batchId, household, episode, kind);
    },
    setMilestoneById(id: number, date: string, p: Provenance): void {
      st.milestoneById.run(date, p.source, p.batchId, id);
    },
    removeMilestone(household: number, episode: number, kind: Milestone): void {
      st.deleteMilestoneByKey.run(household, episode, kind);
    },
    removeMilestoneById(id: number): void {
      st.deleteMilestoneById.run(id);
    },
    addClosure(household: number, episode: number, c: Closure, p: Provenance): number {
      return Number(
        st.insertClosure.run({ household, episode, ...closureParams(c, p) } as never).lastInsertRowid,
      );
    },
    setClosure(id: number, c: Closure, p: Provenance): void {
      st.updateClosure.run({ id, ...closureParams(c, p) } as never);
    },
    /** The stage a closure stands at, moved by its episode's pathway record (its facts and provenance stay). */
    setClosureStage(id: number, stage: string): void {
      st.closureStage.run(stage, id);
    },
    /** Removes a closure; its exit interview, if one was recorded, goes with it (ON DELETE CASCADE). */
    removeClosure(id: number): void {
      st.deleteClosure.run(id);
    },
    /** A closure as stored (the file's own words for its reason, who recorded it), with its exit interview's status (null: none): what removing it loses. */
    closure(id: number): Record<string, string | number | null> | undefined {
      return st.closureById.get(id) as Record<string, string | number | null> | undefined;
    },
    /** The closure ended an episode the household has since left by enquiring again (null: undone). */
    setReopened(closureId: number, on: string | null): void {
      st.reopened.run(on, closureId);
    },
    /** The closure that ended `episode`, with the date it was re-opened on (none: the episode is current). */
    closureOfEpisode(
      household: number,
      episode: number,
    ): { id: number; reopened_on: string | null } | undefined {
      return st.reopenedOf.get(household, episode);
    },
    addCessation(household: number, c: Cessation, p: Provenance): number {
      return Number(st.insertCessation.run({ household, ...cessationParams(c, p) } as never).lastInsertRowid);
    },
    setCessation(id: number, c: Cessation, p: Provenance): void {
      st.updateCessation.run({ id, ...cessationParams(c, p) } as never);
    },
    /** Removes a cessation; its exit interview, if one was recorded, goes with it (ON DELETE CASCADE). */
    removeCessation(id: number): void {
      st.deleteCessation.run(id);
    },
    /** A cessation as stored (the file's own words for its reason, who recorded it), with its exit interview's status (null: none): what removing it loses. */
    cessation(id: number): Record<string, string | number | null> | undefined {
      return st.cessationById.get(id) as Record<string, string | number | null> | undefined;
    },
    /** A new episode starts unanswered. */
    startEpisode(household: number, episode: number): void {
      st.newEpisode.run(episode, household);
    },
    /** Puts the episode number back as it was (undo). */
    restoreEpisode(household: number, episode: number): void {
      st.episode.run(episode, household);
    },
    setResponded(household: number, date: string | null): void {
      st.responded.run(date, household);
    },
    /** A dated switch: it applies from its date on, and the household's pathway is the latest. */
    switchPathway(household: number, date: string, from: Pathway, to: Pathway): number {
      const id = Number(st.pathwayChange.run(household, date, from, to).lastInsertRowid);
      st.pathway.run(to, household);
      return id;
    },
    /** Takes a switch back (undo): its record goes, and the household is on the pathway it was. */
    unswitchPathway(household: number, changeId: number, back: Pathway): void {
      st.deletePathwayChange.run(changeId);
      st.pathway.run(back, household);
    },
    /** Who last set this fact (a household column, a milestone kind, 'closure', 'cessation', 'pathway'). */
    markSource(household: number, field: string, p: Provenance): void {
      st.source.run(household, field, p.source, p.batchId);
    },
    addStep(household: number, episode: number, kind: string, v: StepValues, p: Provenance): number {
      return Number(st.insertStep.run(...stepParams(household, episode, kind, v, p)).lastInsertRowid);
    },
    /** Records the step on the episode, replacing the one there. */
    setStep(household: number, episode: number, kind: string, v: StepValues, p: Provenance): void {
      st.upsertStep.run(...stepParams(household, episode, kind, v, p));
    },
    setStepById(id: number, v: StepValues, p: Provenance): void {
      const weeksGiven = v.weeks === undefined ? 0 : 1;
      st.stepById.run(v.date, v.detail, v.reason, weeksGiven, v.weeks ?? null, p.source, p.batchId, id);
    },
    removeStep(household: number, episode: number, kind: string): void {
      st.deleteStepByKey.run(household, episode, kind);
    },
    removeStepById(id: number): void {
      st.deleteStepById.run(id);
    },
    /** A merge: the duplicate's step joins the kept household's current episode. */
    moveStep(from: number, to: number, episode: number, kind: string): void {
      st.moveStep.run(to, episode, from, kind);
    },
    /**
     * A merge: the duplicate's milestones the kept household lacks join its current episode, and its
     * endings and pathway history move across (the closure to the stage the merged episode reached).
     */
    moveJourney(from: number, to: number, episode: number, stageReached: string): void {
      st.moveMilestones.run({ from, to, episode });
      st.moveClosure.run(to, episode, stageReached, from);
      st.moveCessations.run(to, from);
      st.movePathwayChanges.run(to, from);
    },
  };
}

export type JourneyRows = ReturnType<typeof journeyRows>;

/** A step's values in insertStep's and upsertStep's column order. */
const stepParams = (household: number, episode: number, kind: string, v: StepValues, p: Provenance) =>
  [household, episode, kind, v.date, v.detail, v.reason, v.weeks ?? null, p.source, p.batchId] as const;

/**
 * A dated step beside the milestones: its date, a viability outcome's result, an extension's
 * reason and length. A correction by id (setStepById: an import, its undo) with no `weeks` leaves
 * a recorded length as it stands; a step set by hand (setStep) sets it.
 */
export interface StepValues {
  date: string;
  detail: string | null;
  reason: string | null;
  weeks?: number | null;
}
