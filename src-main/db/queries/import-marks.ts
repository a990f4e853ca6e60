import { rowBuffer } from '../bulk-insert.ts';
import type { Db } from '../handle.ts';

/**
 * Import row marks (migration 12): which file row (by hash) each household is, as an import
 * left it. Triggers delete a household's mark whenever anything an import compares changes.
 */

/**
 * The household each row hash marks, of the marks made on or before `today` (a re-import on an
 * earlier day, a clock set back, skips nothing; a mark records the day it was made because every
 * rule that reads the day only refuses dates after it). None in a database from before the table.
 */
export function readRowMarks(db: Db, today: string): Map<string, number> {
  const marks = new Map<string, number>();
  const table = db
    .prepare<[], number>(
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'import_row_marks'",
    )
    .pluck()
    .get();
  if (!table) return marks;
  // Two columns, not three: the day is compared here rather than read into 100,000 strings.
  const rows = db
    .prepare<[string], [number, string]>(
      'SELECT household_id, row_hash FROM import_row_marks WHERE checked_on <= ?',
    )
    .raw()
    .all(today);
  for (const [householdId, hash] of rows) marks.set(hash, householdId);
  return marks;
}

/**
 * Marks households as the rows with these hashes, replacing any mark they had. Called last in an
 * import's transaction, after every write that would delete a mark.
 */
export function writeRowMarks(
  db: Db,
  marks: { ids: readonly number[]; hashes: readonly string[] },
  checkedOn: string,
): void {
  const buffer = rowBuffer<{ household_id: number; row_hash: string; checked_on: string }>(
    db,
    'import_row_marks',
    ['household_id', 'row_hash', 'checked_on'],
    { replace: true, fixed: { checked_on: checkedOn } },
  );
  for (let i = 0; i < marks.ids.length; i++) {
    buffer.add({ household_id: marks.ids[i]!, row_hash: marks.hashes[i]!, checked_on: checkedOn });
    if (buffer.size >= 4096) buffer.flush();
  }
  buffer.flush();
}
