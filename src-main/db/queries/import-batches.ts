import { importFileName } from '../../domain/data-protection.ts';
import type { Db } from '../open.ts';

/** Reads of the import_batches table for the doors (the list of past imports, status, repeats). */
export interface ImportBatchRow {
  id: number;
  file_name: string;
  sheet: string | null;
  kind: string;
  profile: string | null;
  rows: number;
  new_count: number;
  updated_count: number;
  unchanged_count: number;
  duplicate_count: number;
  rejected_count: number;
  user: string;
  created_at: string;
  undone_at: string | null;
}

/** Every import, newest first; a file name erased with its households reads as such (importFileName). */
export function listImportBatches(db: Db): ImportBatchRow[] {
  return db
    .prepare<[], ImportBatchRow>(
      `SELECT id, file_name, sheet, kind, profile, rows, new_count, updated_count, unchanged_count, duplicate_count,
              rejected_count, user, created_at, undone_at FROM import_batches ORDER BY id DESC`,
    )
    .all()
    .map((r) => ({ ...r, file_name: importFileName(r.file_name) }));
}

/** The imports of the same file (by its hash) still in force: the preview warns of a repeat. */
export function batchesOfFile(db: Db, fileHash: string): number[] {
  return db
    .prepare<[string], number>(
      'SELECT id FROM import_batches WHERE file_hash = ? AND undone_at IS NULL ORDER BY id',
    )
    .pluck()
    .all(fileHash);
}

/** The latest import of this exact file still in force, with when it was made. */
export function lastImportOfFile(db: Db, fileHash: string): { id: number; created_at: string } | undefined {
  return db
    .prepare<[string], { id: number; created_at: string }>(
      'SELECT id, created_at FROM import_batches WHERE file_hash = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1',
    )
    .get(fileHash);
}

/** Imports in force (not undone). */
export const countImportsInForce = (db: Db): number =>
  db.prepare('SELECT COUNT(*) FROM import_batches WHERE undone_at IS NULL').pluck().get() as number;

/** The newest import batch's id (0 when there is none). */
export const lastBatchId = (db: Db): number =>
  db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) FROM import_batches').pluck().get() ?? 0;

/** The batch of this file written after `afterId`, if one was: whether a commit got in before its writer died. */
export const batchOfFileSince = (db: Db, fileHash: string, afterId: number): number | null =>
  db
    .prepare<[string, number], number>('SELECT MAX(id) FROM import_batches WHERE file_hash = ? AND id > ?')
    .pluck()
    .get(fileHash, afterId) ?? null;
