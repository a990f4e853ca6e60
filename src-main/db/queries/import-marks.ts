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
  // Read as one text, "hash id,hash id,…", and cut here: as 100,000 rows of two values each made a
  // JavaScript array, about half the read's time (cold, in a fresh process as an import reads
  // it: 280–420 → 170–270 ms). A hash is base64 (row-hash.ts), never holding a space or a comma;
  // the day is compared in SQLite rather than read into 100,000 strings.
  const text =
    db
      .prepare<[string], string | null>(
        "SELECT group_concat(row_hash || ' ' || household_id, ',') FROM import_row_marks WHERE checked_on <= ?",
      )
      .pluck()
      .get(today) ?? '';
  for (let start = 0; start < text.length;) {
    const space = text.indexOf(' ', start);
    const comma = text.indexOf(',', space);
    const end = comma < 0 ? text.length : comma;
    marks.set(text.slice(start, space), Number(text.slice(space + 1, end)));
    start = end + 1;
  }
  return marks;
}

/**
 * Runs a large load (an import filling an empty database) without the triggers that delete a
 * household's mark when a milestone, closure or cessation is added to it: one trigger program a
 * row, about a quarter of the milestones' insert time (~0.12 s of a 100,000-row import, measured).
 * Instead the marks of `written()`, every household the load may have added such a row to that
 * existed before it, are deleted after it in one statement (the import's own `touch` of each
 * also deletes them, through the update trigger; this keeps the rule whole here); a new household
 * has no mark to lose. The triggers are dropped and made again from their own CREATE statements inside the
 * caller's transaction, as bulk-load.ts does with indexes, so the schema after is the one before.
 */
export function withoutMarkInsertTriggers<T>(db: Db, fn: () => T, written: () => readonly number[]): T {
  if (!db.inTransaction) throw new Error('withoutMarkInsertTriggers needs the caller’s transaction.');
  const sqlOf = db
    .prepare<[string], string>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")
    .pluck();
  const triggers = INSERT_TRIGGERS.flatMap((name) => {
    const sql = sqlOf.get(name);
    return sql ? [{ name, sql }] : [];
  });
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  const result = fn();
  const forget = db.prepare<[string]>(
    'DELETE FROM import_row_marks WHERE household_id IN (SELECT value FROM json_each(?))',
  );
  forget.run(JSON.stringify(written()));
  for (const t of triggers) db.exec(t.sql);
  return result;
}

/** Migration 12's triggers that forget a mark when a journey row is added. */
const INSERT_TRIGGERS = ['milestones', 'closures', 'cessations'].map((t) => `${t}_insert_forgets_mark`);

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
  if (buffer.own.join() !== 'household_id,row_hash') throw new Error('mark columns out of order');
  for (let i = 0; i < marks.ids.length; i++) {
    buffer.addValues(marks.ids[i]!, marks.hashes[i]!);
    if (buffer.size >= 4096) buffer.flush();
  }
  buffer.flush();
}
