import { rowBuffer } from '../bulk-insert.ts';
import type { Db } from '../handle.ts';

/**
 * Import row marks (migration 12): which file row (by hash) each household is, as an import
 * left it. Triggers delete a household's mark whenever anything an import compares changes.
 */

/** Each mark's household, by the row hash it marks: what a re-import asks of every row. */
export interface RowMarks {
  readonly size: number;
  get(hash: string): number | undefined;
}

/**
 * The household each row hash marks, of the marks made on or before `today` (a re-import on an
 * earlier day, a clock set back, skips nothing; a mark records the day it was made because every
 * rule that reads the day only refuses dates after it). None in a database from before the table.
 */
export function readRowMarks(db: Db, today: string): RowMarks {
  const table = db
    .prepare<[], number>(
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'import_row_marks'",
    )
    .pluck()
    .get();
  if (!table) return new Map();
  // Read as one text, "hash id,hash id,…": as 100,000 rows of two values each made a JavaScript
  // array, about half the read's time (cold, in a fresh process as an import reads it: 280–420 →
  // 170–270 ms). A hash is base64 (row-hash.ts), never holding a space or a comma; the day is
  // compared in SQLite rather than read into 100,000 strings.
  const text =
    db
      .prepare<[string], string | null>(
        "SELECT group_concat(row_hash || ' ' || household_id, ',') FROM import_row_marks WHERE checked_on <= ?",
      )
      .pluck()
      .get(today) ?? '';
  return new MarkTable(text);
}

/**
 * The marks' text indexed where it lies: an open-addressing table of where each mark starts,
 * placed by its hash's first characters (base64 of SHA-256, so spread evenly). Cutting the text
 * into a Map of 100,000 strings and numbers took ~100 ms of a re-import; this ~10 ms, and a
 * household id is read only for a row that meets its mark. A hash marked twice is the later
 * mark's, as a Map filled in the text's order kept it.
 */
class MarkTable implements RowMarks {
  readonly size: number;
  /** Where each mark starts in the text, plus one (0: an empty slot). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    let count = 0;
    for (let i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) count++;
    const marks = text.length === 0 ? 0 : count + 1;
    let capacity = 16;
    while (capacity < marks * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let size = 0;
    for (let start = 0; start < text.length;) {
      const space = text.indexOf(' ', start);
      const comma = text.indexOf(',', space);
      const length = space - start;
      let slot = this.place(text, start, length);
      for (;;) {
        const at = this.slots[slot]! - 1;
        if (at < 0) {
          size++;
          break;
        }
        if (this.sameHash(at, text, start, length)) break;
        slot = (slot + 1) & this.mask;
      }
      this.slots[slot] = start + 1;
      start = comma < 0 ? text.length : comma + 1;
    }
    this.size = size;
  }

  get(hash: string): number | undefined {
    for (let slot = this.place(hash, 0, hash.length); ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot]! - 1;
      if (at < 0) return undefined;
      if (this.sameHash(at, hash, 0, hash.length)) return this.idAfter(at + hash.length + 1);
    }
  }

  /** The first slot to try for the hash at s[from..from+length): its first six characters, mixed. */
  private place(s: string, from: number, length: number): number {
    let h = 0x811c9dc5 ^ length;
    const end = from + Math.min(length, 6);
    for (let i = from; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return (h ^ (h >>> 15)) & this.mask;
  }

  /** Whether the mark at `at` in the text is the hash s[from..from+length). */
  private sameHash(at: number, s: string, from: number, length: number): boolean {
    if (this.text.charCodeAt(at + length) !== 0x20 /* space */) return false;
    for (let i = 0; i < length; i++)
      if (this.text.charCodeAt(at + i) !== s.charCodeAt(from + i)) return false;
    return true;
  }

  /** The household id written from `at` to the next comma (or the end). */
  private idAfter(at: number): number {
    let id = 0;
    for (let i = at; i < this.text.length; i++) {
      const d = this.text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      id = id * 10 + d;
    }
    return id;
  }
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
