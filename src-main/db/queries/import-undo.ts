import type { Db } from '../open.ts';
import { prepared } from '../prepared.ts';
import { importFileName } from '../../domain/data-protection.ts';
import { HOUSEHOLD_COLUMNS, type HouseholdColumn } from '../../domain/household-details.ts';
import type { AuditRowValues } from './import-commit.ts';
import { isCreatedField } from '../field-sources.ts';

/**
 * What undoing an import reads and writes besides the journey's rows (db/journey-rows.ts): the
 * batch, its audit entries, whatever changed its households afterwards, and the household columns
 * and provenance it puts back.
 */

/** One audit entry of the batch, as undo reads it back. */
export type UndoAuditRow = Omit<AuditRowValues, 'batch_id'> & { id: number };

export interface BatchState {
  id: number;
  undone_at: string | null;
  file_name: string;
  created_at: string;
}

/** Household columns an import changes that have no provenance of their own. */
export type BookkeepingColumn = 'updated_at';

export function importUndoRows(db: Db) {
  const later = db.prepare<
    [number, number, number],
    UndoAuditRow & { batch_id: number | null; reference: string | null }
  >(
    `SELECT a.*, h.reference FROM audit_log a LEFT JOIN households h ON h.id = a.household_id
     WHERE a.household_id = ? AND a.id > ? AND (a.batch_id IS NULL OR a.batch_id <> ?)
       AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = a.batch_id AND b.undone_at IS NOT NULL)
     ORDER BY a.id LIMIT 1`,
  );
  const purgedSince = db
    .prepare<[number, string], string>(
      'SELECT reference FROM households WHERE id = ? AND purged_at IS NOT NULL AND purged_at >= ?',
    )
    .pluck();
  const isPurged = db
    .prepare<[number], number>('SELECT purged_at IS NOT NULL FROM households WHERE id = ?')
    .pluck();
  const audit = db.prepare(
    `INSERT INTO audit_log (at, user, action, household_id, batch_id, entity, entity_id, field, old_value, new_value, reason)
     VALUES (?, ?, 'undo', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const column = Object.fromEntries(
    [...HOUSEHOLD_COLUMNS, 'updated_at'].map((c) => [
      c,
      db.prepare<[string | number | null, number]>(`UPDATE households SET ${c} = ? WHERE id = ?`),
    ]),
  ) as Record<
    HouseholdColumn | BookkeepingColumn,
    ReturnType<typeof db.prepare<[string | number | null, number]>>
  >;
  const setSource = db.prepare(
    `INSERT INTO field_sources (household_id, field, source, batch_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (household_id, field) DO UPDATE SET source = excluded.source, batch_id = excluded.batch_id`,
  );
  const clearSource = db.prepare('DELETE FROM field_sources WHERE household_id = ? AND field = ?');
  const createdBatch = db
    .prepare<[number], number | null>('SELECT created_batch FROM households WHERE id = ?')
    .pluck();
  return {
    /** The batch; its file name as the refusals name it, a purge's erasure too (importFileName). */
    batch: (id: number): BatchState | undefined => {
      const b = db
        .prepare<[number], BatchState>(
          'SELECT id, undone_at, file_name, created_at FROM import_batches WHERE id = ?',
        )
        .get(id);
      return b && { ...b, file_name: importFileName(b.file_name) };
    },
    /** The batch's audit entries, in the order it wrote them. */
    entries: (batchId: number): UndoAuditRow[] =>
      db
        .prepare<[number], UndoAuditRow>(
          `SELECT id, at, user, action, household_id, entity, entity_id, field, old_value, new_value, reason
           FROM audit_log WHERE batch_id = ? AND action = 'import' ORDER BY id`,
        )
        .all(batchId),
    /** The first change to the household after the batch's last entry by anything but the batch or an undone import. */
    laterChange: (householdId: number, lastEntry: number, batchId: number) =>
      later.get(householdId, lastEntry, batchId),
    /** The household's reference if it was purged on or after `since`. */
    purgedSince: (householdId: number, since: string): string | undefined =>
      purgedSince.get(householdId, since),
    isPurged: (householdId: number): boolean => isPurged.get(householdId) === 1,
    referenceOf: (householdId: number): string | undefined =>
      prepared<[number], string>(db, 'SELECT reference FROM households WHERE id = ?', { pluck: true }).get(
        householdId,
      ),
    addUndoEntry(at: string, user: string, batchId: number, r: UndoAuditRow): void {
      // The undo's entry is the import's backwards: what it had set is the old value now.
      audit.run(
        at,
        user,
        r.household_id,
        batchId,
        r.entity,
        r.entity_id,
        r.field,
        r.new_value,
        r.old_value,
        `undo of import batch ${batchId}`,
      );
    },
    markUndone: (batchId: number, at: string): void => {
      db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(at, batchId);
    },
    removeHousehold: (id: number): void => {
      prepared<[number]>(db, 'DELETE FROM households WHERE id = ?').run(id);
    },
    setColumn: (
      id: number,
      field: HouseholdColumn | BookkeepingColumn,
      value: string | number | null,
    ): void => {
      column[field].run(value, id);
    },
    /**
     * Puts back who had set the field before the import (none: nobody had). Where that was the
     * batch that created the household, read from the household (db/field-sources.ts), no row is
     * written: every reader then sees the source it saw before. (The rows are the ones before too,
     * unless a row had restated that batch: a merge's fill between two households it created.)
     */
    restoreSource: (
      id: number,
      field: string,
      prev: { source: string; batch: number | null } | null,
    ): void => {
      const implied =
        prev?.source === 'import' &&
        prev.batch !== null &&
        isCreatedField(field) &&
        prev.batch === createdBatch.get(id);
      if (prev && !implied) setSource.run(id, field, prev.source, prev.batch);
      else clearSource.run(id, field);
    },
  };
}
