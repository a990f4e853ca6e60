import { rowBuffer } from '../bulk-insert.ts';
import type { Db } from '../handle.ts';

/**
 * Import row marks (migration 12): which file row (by hash) each household is, as an import
 * left it. Triggers delete a household's mark whenever anything an import compares changes.
 */
export interface RowMark {
  householdId: number;
  /** The day the mark was made: a re-import on an earlier day (a clock set back) skips nothing. */
  checkedOn: string;
}

/** Every mark, by row hash (none in a database from before the table). */
export function readRowMarks(db: Db): Map<string, RowMark> {
  const marks = new Map<string, RowMark>();
  const table = db
    .prepare<[], number>(
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'import_row_marks'",
    )
    .pluck()
    .get();
  if (!table) return marks;
  const rows = db
    .prepare<[], [number, string, string]>('SELECT household_id, row_hash, checked_on FROM import_row_marks')
    .raw()
    .all();
  for (const [householdId, hash, checkedOn] of rows) marks.set(hash, { householdId, checkedOn });
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
