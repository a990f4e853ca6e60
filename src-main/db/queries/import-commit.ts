import type { Statement } from 'better-sqlite3';
import { rowBuffer, type RowBuffer } from '../bulk-insert.ts';
import type { Db } from '../open.ts';
import { foldForSearch, hasParts } from '../../domain/fold.ts';
import { nameParts } from '../name-parts.ts';
import { HOUSEHOLD_COLUMNS, type HouseholdColumn } from '../../domain/household-details.ts';
import type { ImportBatchRow } from './import-batches.ts';
import type { SummaryColumns } from './summary.ts';

/**
 * The import commit's rows other than the journey's (those go through db/journey-rows.ts): the
 * batch, new households with their summary columns, changed details and their provenance, the
 * audit entries undo replays, the saved mapping. Column names come only from the one household
 * column list, never from a file.
 */

/** An import batch as the commit records it (its id and undo date come later). */
export type BatchRow = Omit<ImportBatchRow, 'id' | 'undone_at'> & { file_hash: string };

/** A new household as the commit inserts it: its details, and the summary columns worked out from the plan. */
export type NewHouseholdRow = Record<HouseholdColumn, string | null> &
  Omit<SummaryColumns, 'overdue'> & {
    reference: string;
    reference_derived: number;
    pathway: string;
    purged_at: string | null;
    /** When its enquiry was answered, as the file says (not a detail: the journey's, checked by the engine's rule). */
    responded_date: string | null;
    created_at: string;
    updated_at: string;
    overdue: number;
    /** The batch that creates it: the source of every value it is created with (db/field-sources.ts). */
    created_batch: number;
    /** Given when households are added in bulk (nextHouseholdId); otherwise SQLite's. */
    id?: number;
  };

export interface AuditRowValues {
  at: string;
  user: string;
  action: string;
  household_id: number;
  batch_id: number | null;
  entity: string;
  entity_id: number | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
}

const NEW_HOUSEHOLD_COLUMNS: ReadonlyArray<keyof StoredHouseholdRow & string> = [
  'id',
  'reference',
  'reference_derived',
  ...HOUSEHOLD_COLUMNS,
  'responded_date',
  'purged_at',
  'created_at',
  'updated_at',
  'status',
  'stage',
  'stage_date',
  'enquiry_date',
  'next_alert',
  'next_alert_date',
  'overdue',
  'created_batch',
  'first_name_fold',
  'surname_fold',
];

/** A new household as written: with the folded names the list's search reads (domain/fold.ts). */
type StoredHouseholdRow = NewHouseholdRow & { first_name_fold: string | null; surname_fold: string | null };
const withFolds = <T extends NewHouseholdRow>(h: T): T & StoredHouseholdRow => ({
  ...h,
  first_name_fold: foldForSearch(h.first_name),
  surname_fold: foldForSearch(h.surname),
});

const AUDIT_COLUMNS: ReadonlyArray<keyof AuditRowValues & string> = [
  'at',
  'user',
  'action',
  'household_id',
  'batch_id',
  'entity',
  'entity_id',
  'field',
  'old_value',
  'new_value',
  'reason',
];

function statements(db: Db) {
  const updateField = Object.fromEntries(
    HOUSEHOLD_COLUMNS.map((col) => [
      col,
      db.prepare<[string | null, number]>(`UPDATE households SET ${col} = ? WHERE id = ?`),
    ]),
  ) as Record<HouseholdColumn, Statement<[string | null, number]>>;
  return {
    maxId: db.prepare<[], number | null>('SELECT MAX(id) FROM households').pluck(),
    // AUTOINCREMENT never reuses an id, even one whose household was deleted (undone).
    nextId: db
      .prepare<[], number>(
        `SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'households'), 0),
                    COALESCE((SELECT MAX(id) FROM households), 0)) + 1`,
      )
      .pluck(),
    count: db.prepare<[], number>('SELECT COUNT(*) FROM households').pluck(),
    batch: db.prepare(
      `INSERT INTO import_batches (file_name, file_hash, sheet, kind, profile, rows, new_count, updated_count,
         unchanged_count, duplicate_count, rejected_count, user, created_at)
       VALUES (@file_name, @file_hash, @sheet, @kind, @profile, @rows, @new_count, @updated_count,
         @unchanged_count, @duplicate_count, @rejected_count, @user, @created_at)`,
    ),
    household: db.prepare(
      `INSERT INTO households (reference, reference_derived, pathway, first_name, surname, email, telephone, postcode,
         source, household_type, notes, responded_date, purged_at, created_at, updated_at,
         status, stage, stage_date, enquiry_date, next_alert, next_alert_date, overdue, created_batch,
         first_name_fold, surname_fold)
       VALUES (@reference, @reference_derived, @pathway, @first_name, @surname, @email, @telephone, @postcode,
         @source, @household_type, @notes, @responded_date, @purged_at, @created_at, @updated_at,
         @status, @stage, @stage_date, @enquiry_date, @next_alert, @next_alert_date, @overdue, @created_batch,
         @first_name_fold, @surname_fold)`,
    ),
    updateField,
    touch: db.prepare<[string, number]>('UPDATE households SET updated_at = ? WHERE id = ?'),
    audit: db.prepare(
      `INSERT INTO audit_log (at, user, action, household_id, batch_id, entity, entity_id, field, old_value, new_value, reason)
       VALUES (@at, @user, @action, @household_id, @batch_id, @entity, @entity_id, @field, @old_value, @new_value, @reason)`,
    ),
    profile: db.prepare(
      `INSERT INTO import_profiles (name, kind, header_signature, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, header_signature = excluded.header_signature,
         mapping = excluded.mapping, updated_at = excluded.updated_at`,
    ),
  };
}

/** The commit's statements on this connection, prepared once for the whole batch. */
export function importCommitRows(db: Db) {
  const s = statements(db);
  const parts = nameParts(db);
  return {
    lastHouseholdId: (): number => s.maxId.get() ?? 0,
    /** The id SQLite would give the next household: bulk-added households are numbered from it. */
    nextHouseholdId: (): number => s.nextId.get()!,
    /** New households (each with its id) several to a statement, all made at `now`. */
    householdBuffer: (now: string, batch: number): RowBuffer<NewHouseholdRow> => {
      const buffer = rowBuffer<StoredHouseholdRow & { id: number }>(db, 'households', NEW_HOUSEHOLD_COLUMNS, {
        fixed: { created_at: now, updated_at: now, created_batch: batch },
      });
      // Multi-part names (few): their parts wait for their households' rows (the key refers to them).
      let multiPart: Array<{ id: number; first_name: string | null; surname: string | null }> = [];
      return {
        add: (h) => {
          const id = h.id;
          if (id === undefined) throw new Error('A household added in bulk needs its id (nextHouseholdId).');
          // One copy of the row, with its folds (withFolds), the id it was given now known to be there.
          buffer.add({
            ...h,
            id,
            first_name_fold: foldForSearch(h.first_name),
            surname_fold: foldForSearch(h.surname),
          });
          if (hasParts(h.surname) || hasParts(h.first_name))
            multiPart.push({ id, first_name: h.first_name, surname: h.surname });
        },
        flush: () => {
          buffer.flush();
          for (const h of multiPart) parts.add(h.id, h);
          multiPart = [];
        },
        get size() {
          return buffer.size + multiPart.length;
        },
      };
    },
    /**
     * Audit entries several to a statement (their ids in the order added); `fixed` holds what
     * every one of them says alike (bound once a statement).
     */
    auditBuffer: (fixed: Partial<AuditRowValues> = {}): RowBuffer<AuditRowValues> =>
      rowBuffer(db, 'audit_log', AUDIT_COLUMNS, { fixed }),
    householdCount: (): number => s.count.get() ?? 0,
    addBatch: (b: BatchRow): number => Number(s.batch.run(b).lastInsertRowid),
    /** With the folded names the list's search reads (domain/fold.ts) and the names' later parts. */
    addHousehold: (h: NewHouseholdRow): number => {
      const id = Number(s.household.run(withFolds(h)).lastInsertRowid);
      parts.add(id, h);
      return id;
    },
    setField: (id: number, field: HouseholdColumn, value: string | null): void => {
      s.updateField[field].run(value, id);
    },
    touch: (id: number, at: string): void => {
      s.touch.run(at, id);
    },
    audit: (a: AuditRowValues): void => {
      s.audit.run(a);
    },
    /** Every household added after `after`: each value it was created with came from batch `batch`. */
    saveProfile: (name: string, kind: string, headerSignature: string, mapping: string, at: string): void => {
      s.profile.run(name, kind, headerSignature, mapping, at);
    },
  };
}
