import type { Db } from '../handle.ts';
import { hasTable } from '../has-table.ts';
import { hasHouseholds } from './household-lookups.ts';
import type { Milestone } from '../../domain/stages.ts';
import type { Ending } from '../../domain/journey.ts';
import type { HouseholdRow } from './households.ts';
import { HOUSEHOLD_COLUMNS } from '../../domain/household-details.ts';

/**
 * What an import reads of the records it may meet (import/apply/existing.ts indexes it): every
 * household's matching and comparison columns, the purge ledger, and a household's milestones,
 * closures and cessations a block of ids at a time. Reads only.
 */
/** The household columns an import reads: to match a row, compare it, and know a purge. */
const EXISTING_KEYS = [
  'id',
  'reference',
  'episode',
  'updated_at',
  ...HOUSEHOLD_COLUMNS,
  'enquiry_date',
  'responded_date',
  'purged_at',
] as const satisfies ReadonlyArray<keyof HouseholdRow>;
/** With the names as stored folded (migration 29): the near matches' keys are made from them, not every name folded again. */
const EXISTING_COLUMNS = [...EXISTING_KEYS, 'first_name_fold', 'surname_fold'].join(', ');

export type ExistingHousehold = Pick<HouseholdRow, (typeof EXISTING_KEYS)[number]> & {
  first_name_fold: string | null;
  surname_fold: string | null;
};

export interface ExistingMilestone {
  id: number;
  kind: Milestone;
  date: string;
  source: 'hand' | 'import';
  batch_id: number | null;
}

export interface ClosureRow {
  id: number;
  episode: number;
  date: string;
  stage_reached: string;
  reason_key: string;
  reason_text: string | null;
  ended_by: string;
  source: 'hand' | 'import';
  batch_id: number | null;
}

export interface CessationRow {
  id: number;
  date: string;
  reason_key: string;
  reason_text: string | null;
  initiated_by: string;
  /** The notice typed by hand, which an update by file keeps (and the engine checks it against). */
  notice_date: string | null;
  source: 'hand' | 'import';
  batch_id: number | null;
}

export { fieldSourcesReader, type FieldSourceRow } from '../field-sources.ts';

export function householdsForImport(db: Db): ExistingHousehold[] {
  return db.prepare<[], ExistingHousehold>(`SELECT ${EXISTING_COLUMNS} FROM households`).all();
}

/** One household by its reference, for an import of a few rows (the others known by their marks). */
export function householdByReference(db: Db): (reference: string) => ExistingHousehold | undefined {
  const st = db.prepare<[string], ExistingHousehold>(
    `SELECT ${EXISTING_COLUMNS} FROM households WHERE reference = ?`,
  );
  return (reference) => st.get(reference);
}

/**
 * The one reference held that is `reference` in another (ASCII) letter case, by the reference's
 * NOCASE index; undefined where none is, or two are. Also whether any household is held at all.
 */
export function referenceNoCase(db: Db): { any: boolean; find(reference: string): string | undefined } {
  const st = db
    .prepare<[string], string>('SELECT reference FROM households WHERE reference = ? COLLATE NOCASE LIMIT 2')
    .pluck();
  return {
    any: hasHouseholds(db),
    find: (reference) => {
      const found = st.all(reference);
      return found.length === 1 ? found[0] : undefined;
    },
  };
}

/** Purged references with when (none in a database from before the ledger table). */
export function purgedReferences(db: Db): Array<{ reference: string; purged_at: string }> {
  if (!hasTable(db, 'purge_ledger')) return [];
  return db
    .prepare<[], { reference: string; purged_at: string }>('SELECT reference, purged_at FROM purge_ledger')
    .all();
}

/**
 * The references merged away (households-merge.ts deletes the duplicate, naming it in the kept
 * household's 'merged' audit entry, which a later merge carries on), each with the reference of the
 * household now holding it. Read once, by an import with a row no household holds (a new one), in one
 * pass over the log (a million entries: 0.08 s, measured 06/12/2026), a fraction of the seconds such
 * an import takes at that size; no index holds the merges' entries alone (the bench's imports never
 * read it for long: a first import finds the log empty, an unchanged one brings no new row).
 */
export function whereMergedAway(db: Db): Map<string, string> {
  const rows = db
    .prepare<[], { merged: string; kept: string }>(
      `SELECT a.old_value ->> 'reference' AS merged, h.reference AS kept
       FROM audit_log a JOIN households h ON h.id = a.household_id
       WHERE a.action = 'merge' AND a.field = 'merged' AND a.old_value ->> 'reference' IS NOT NULL
       ORDER BY a.id`,
    )
    .all();
  return new Map(rows.map((r) => [r.merged, r.kept]));
}

/** Rows of households with ids in [from, to), each with its household_id. */
export type RangeReader<T> = (from: number, to: number) => Array<T & { household_id: number }>;

/**
 * Whether a household's milestone `field` (entity 'milestone') or cessation (entity 'cessation',
 * field null) was removed by hand: its latest audit entry is a 'delete', made after the latest
 * re-opening (a new episode starts without the old one's dates). An import does not put it back.
 * Null when not; else what was removed, as the entry holds it.
 */
export function removedByHand(
  db: Db,
): (household: number, entity: string, field: string | null) => { removed: unknown } | null {
  const st = db.prepare<{ h: number; entity: string; field: string | null }, { old_value: string | null }>(
    `SELECT a.old_value FROM audit_log a
       WHERE a.id = (SELECT MAX(id) FROM audit_log
                     WHERE household_id = @h AND entity = @entity AND field IS @field)
         AND a.action = 'delete'
         AND a.id > COALESCE((SELECT MAX(id) FROM audit_log WHERE household_id = @h AND field = 'episode'), 0)`,
  );
  // `removed`: what the entry says was removed (null once a purge erased the audit's values).
  return (household, entity, field) => {
    const row = st.get({ h: household, entity, field });
    return row ? { removed: row.old_value === null ? null : (JSON.parse(row.old_value) as unknown) } : null;
  };
}

/**
 * Whether the exit interview after a closure is stored as held: a row may not then make the closure
 * one ended by lost contact (order-rules endedByInterviewFault). Read only for a row that would (few).
 */
export function closureInterviewHeldOf(db: Db): (closureId: number) => boolean {
  const st = db.prepare<[number], number>(
    "SELECT 1 FROM exit_interviews WHERE closure_id = ? AND status = 'held'",
  );
  return (closureId) => st.pluck().get(closureId) !== undefined;
}

/**
 * The earliest date of the exit interview after a closure or cessation (offered, else held; a held
 * date is never before the offer), or null: a row that moves the ending may not pass it. With it, a
 * cessation's notice date, from which its interview may be held (order-rules exitInterviewFrom).
 */
export function exitInterviewOf(
  db: Db,
): (ending: 'closure' | 'cessation', id: number) => NonNullable<Ending['interview']> | null {
  type Dates = { offered_date: string | null; held_date: string | null; notice_date: string | null };
  const st = {
    closure: db.prepare<[number], Dates>(
      'SELECT offered_date, held_date, NULL AS notice_date FROM exit_interviews WHERE closure_id = ?',
    ),
    cessation: db.prepare<[number], Dates>(
      `SELECT i.offered_date, i.held_date, c.notice_date
       FROM exit_interviews i JOIN cessations c ON c.id = i.cessation_id WHERE i.cessation_id = ?`,
    ),
  };
  return (ending, id) => {
    const i = st[ending].get(id);
    const notice = i?.notice_date ?? null;
    if (i?.offered_date) return { on: i.offered_date, what: 'offered', notice };
    return i?.held_date ? { on: i.held_date, what: 'held', notice } : null;
  };
}

/**
 * A household's carers' dates (the journey engine's JourneyState.carerDates): the earliest joining
 * date or change of places, and the latest joining or leaving date or change of places.
 */
export function carerDatesOf(db: Db): (household: number) => { from: string | null; until: string | null } {
  const st = db.prepare<{ h: number }, { from: string | null; until: string | null }>(
    `SELECT MIN(CASE WHEN k = 'from' THEN d END) AS "from", MAX(d) AS until FROM (
       SELECT 'from' AS k, joined_on AS d FROM household_people WHERE household_id = @h AND joined_on IS NOT NULL
       UNION ALL SELECT 'until', left_on FROM household_people WHERE household_id = @h AND left_on IS NOT NULL
       UNION ALL SELECT 'from', date FROM place_changes WHERE household_id = @h)`,
  );
  return (household) => st.get({ h: household }) ?? { from: null, until: null };
}

/** The date of a household's latest pathway switch (the engine's pathwaySwitchFault needs it). */
export function lastPathwaySwitch(db: Db): (household: number) => string | null {
  const st = db
    .prepare<[number], string | null>('SELECT MAX(date) FROM pathway_changes WHERE household_id = ?')
    .pluck();
  return (household) => st.get(household) ?? null;
}

export function milestonesInRange(db: Db): RangeReader<ExistingMilestone & { episode: number }> {
  const st = db.prepare<[number, number], ExistingMilestone & { household_id: number; episode: number }>(
    `SELECT household_id, episode, id, kind, date, source, batch_id FROM milestones
     WHERE household_id >= ? AND household_id < ?`,
  );
  return (from, to) => st.all(from, to);
}

/** A closure with the date its household enquired again (null: the closure stands). */
export type ClosureWithReopening = ClosureRow & { reopened_on: string | null };

export function closuresInRange(db: Db): RangeReader<ClosureWithReopening> {
  const st = db.prepare<[number, number], ClosureWithReopening & { household_id: number }>(
    `SELECT household_id, id, episode, date, stage_reached, reason_key, reason_text, ended_by, source, batch_id,
       reopened_on
     FROM closures WHERE household_id >= ? AND household_id < ?`,
  );
  return (from, to) => st.all(from, to);
}

export function cessationsInRange(db: Db): RangeReader<CessationRow> {
  const st = db.prepare<[number, number], CessationRow & { household_id: number }>(
    `SELECT household_id, id, date, reason_key, reason_text, initiated_by, notice_date, source, batch_id
     FROM cessations WHERE household_id >= ? AND household_id < ?`,
  );
  return (from, to) => st.all(from, to);
}

/**
 * The dates of a household's pathway switches from `start` on, in order: its current episode's,
 * as db/episodes.ts counts a switch in an episode (dated on or after its start: domain
 * journey-state.ts episodeStart). The journey
 * engine refuses a third (domain/journey.ts); the hand writer and the import plan both read them here.
 */
export function episodeSwitchesOf(db: Db): (householdId: number, start: string) => string[] {
  const st = db
    .prepare<[number, string], string>(
      'SELECT date FROM pathway_changes WHERE household_id = ? AND date >= ? ORDER BY date, id',
    )
    .pluck();
  return (householdId, start) => st.all(householdId, start);
}

/** The households holding any dated step (panel minutes, a kinship step), in any episode. */
export function householdsWithJourneyDates(db: Db): number[] {
  return db.prepare<[], number>('SELECT DISTINCT household_id FROM journey_dates').pluck().all();
}
