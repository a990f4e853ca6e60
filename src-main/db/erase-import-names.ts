import type { Database } from 'better-sqlite3';
import { oweRewrite } from './rewrite-owed.ts';

/**
 * An import's file and sheet names are whatever whoever saved the export called them, and may name
 * the one person it is about ("Quillfeather referral.xlsx", sheet "Quillfeather family"): kept, they
 * outlived that person's purge in Past imports, the database file and every backup. Once no
 * household an import wrote to is left unpurged (each purged, or removed by an undo: its own, or an
 * earlier import's undone after it), its names go with them; an import still holding a household
 * not purged keeps them, since that household's subject access export names the imports its data
 * came from. The file's hash stays (it holds no name; a repeat of the file is still known). The
 * households an import wrote to are those its audit entries name (every household it created has
 * its creation entry; a merge moves the entries of the household it removes to the one it keeps,
 * so only an undo leaves entries naming no household), so this works on a backup of any schema
 * version (v1 on).
 *
 * Read first and written only where there is something to erase, so a read-only or untouched copy
 * is not written. Call inside the transaction that purged or undid, with `secure_delete` on.
 * Returns the imports whose names it erased.
 */
export function eraseImportNames(db: Database): number[] {
  const tables = new Set(
    db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(),
  );
  if (!['import_batches', 'audit_log', 'households'].every((t) => tables.has(t))) return [];
  // Not yet erased, no household left unpurged (looked for first: where one is, it is met early),
  // and one it wrote to purged or gone.
  const ids = db
    .prepare<[], number>(
      `SELECT b.id FROM import_batches b
       WHERE (b.file_name <> '' OR b.sheet IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM audit_log a JOIN households h ON h.id = a.household_id
                         WHERE a.batch_id = b.id AND h.purged_at IS NULL)
         AND EXISTS (SELECT 1 FROM audit_log a LEFT JOIN households h ON h.id = a.household_id
                     WHERE a.batch_id = b.id AND a.household_id IS NOT NULL
                       AND (h.id IS NULL OR h.purged_at IS NOT NULL))`,
    )
    .pluck()
    .all();
  eraseBatchNames(db, ids);
  return ids;
}

/**
 * Erases these imports' file and sheet names: in a backup made before an undo, those the undo
 * erased in the live file (the backup still holds the removed households, blanked, not gone).
 */
export function eraseBatchNames(db: Database, ids: readonly number[]): void {
  if (ids.length === 0) return;
  oweRewrite(db);
  db.prepare<[string]>(
    "UPDATE import_batches SET file_name = '', sheet = NULL WHERE id IN (SELECT value FROM json_each(?))",
  ).run(JSON.stringify(ids));
}
