import type { Database } from 'better-sqlite3';

/**
 * An import's file and sheet names are whatever whoever saved the export called them, and may name
 * the one person it is about ("Quillfeather referral.xlsx", sheet "Quillfeather family"): kept, they
 * outlived that person's purge in Past imports, the database file and every backup. Once every
 * household an import wrote to is purged (and at least one is), its names go with them, as they do
 * when its undo removes every household it wrote to (eraseBatchNames); an import still
 * holding a household not purged keeps them, since that household's subject access export names
 * the imports its data came from. The file's hash stays (it holds no name; a repeat of the file is
 * still known). The households an import wrote to are those its audit entries name (every household
 * it created has its creation entry), so this works on a backup of any schema version (v1 on).
 *
 * Read first and written only where there is something to erase, so a read-only or untouched copy
 * is not written. Call inside the transaction that purged, with `secure_delete` on. Returns how many
 * imports' names it erased.
 */
export function eraseImportNames(db: Database): number {
  const tables = new Set(
    db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(),
  );
  if (!['import_batches', 'audit_log', 'households'].every((t) => tables.has(t))) return 0;
  // Not yet erased, no household left unpurged (looked for first: where one is, it is met early),
  // and one purged.
  const ids = db
    .prepare<[], number>(
      `SELECT b.id FROM import_batches b
       WHERE (b.file_name <> '' OR b.sheet IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM audit_log a JOIN households h ON h.id = a.household_id
                         WHERE a.batch_id = b.id AND h.purged_at IS NULL)
         AND EXISTS (SELECT 1 FROM audit_log a JOIN households h ON h.id = a.household_id
                     WHERE a.batch_id = b.id AND h.purged_at IS NOT NULL)`,
    )
    .pluck()
    .all();
  if (ids.length === 0) return 0;
  db.prepare<[string]>(
    "UPDATE import_batches SET file_name = '', sheet = NULL WHERE id IN (SELECT value FROM json_each(?))",
  ).run(JSON.stringify(ids));
  return ids.length;
}

/**
 * Erases one import's file and sheet names: an undone import all of whose households its undo
 * removed (here, and in a backup made before the undo that still holds them). Nobody it wrote to is
 * left for a purge or a subject access export to reach it through, and its names may name them.
 * Returns whether there were names to erase. Call inside the transaction, with `secure_delete` on.
 */
export function eraseBatchNames(db: Database, batchId: number): boolean {
  return (
    db
      .prepare<[number]>(
        "UPDATE import_batches SET file_name = '', sheet = NULL WHERE id = ? AND (file_name <> '' OR sheet IS NOT NULL)",
      )
      .run(batchId).changes > 0
  );
}
