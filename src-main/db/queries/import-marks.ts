import { rowBuffer } from '../bulk-insert.ts';
import type { Db } from '../handle.ts';
import { hasTable } from '../has-table.ts';

/**
 * Import row marks (migration 12): which file row (by hash) each household is, as an import
 * left it. Triggers delete a household's mark whenever anything an import compares changes.
 */

/** Each mark's household, by either hash it holds: what a re-import asks of every row. */
export interface RowMarks {
  /** How many marks were read (one a household). */
  readonly size: number;
  get(hash: string): number | undefined;
}

/**
 * The household each row mark names, of the marks made on or before `today` (a re-import on an
 * earlier day, a clock set back, skips nothing; a mark records the day it was made because every
 * rule that reads the day only refuses dates after it). A mark is a row hash, or a row hash and
 * the hash of the row's bytes joined by '.' (records/row-hash.ts rowMark): each finds it. None in
 * a database from before the table.
 */
export function readRowMarks(db: Db, today: string): RowMarks {
  if (!hasTable(db, 'import_row_marks')) return new Map();
  // Read as one text, "mark id,mark id,…": as 100,000 rows of two values each made a JavaScript
  // array, about half the read's time (cold, in a fresh process as an import reads it: 280–420 →
  // 170–270 ms). A mark is base64 and '.' (row-hash.ts), never holding a space or a comma; the
  // day is compared in SQLite rather than read into 100,000 strings.
  const text =
    db
      .prepare<[string], string | null>(
        "SELECT group_concat(row_hash || ' ' || household_id, ',') FROM import_row_marks WHERE checked_on <= ?",
      )
      .pluck()
      .get(today) ?? '';
  return new MarkTable(text);
}

const SPACE = 0x20;
const DOT = 0x2e;

/**
 * The marks' text indexed where it lies: an open-addressing table of where each hash of each mark
 * starts, placed by the hash's last characters (base64 of SHA-256, so spread evenly). Cutting
 * the text into a Map of 100,000 strings and numbers took ~100 ms of a re-import; this ~10 ms, and
 * a household id is read only for a row that meets its mark. A hash marked twice is the later
 * mark's, as a Map filled in the text's order kept it.
 */
class MarkTable implements RowMarks {
  readonly size: number;
  /** Where each hash starts in the text, plus one (0: an empty slot). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    let hashes = text.length === 0 ? 0 : 1;
    let marks = hashes;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2c /* , */) {
        marks++;
        hashes++;
      } else if (c === DOT) hashes++;
    }
    this.size = marks;
    let capacity = 16;
    while (capacity < hashes * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let start = 0; start < text.length;) {
      const space = text.indexOf(' ', start);
      for (let from = start; from < space;) {
        let end = from;
        while (end < space && text.charCodeAt(end) !== DOT) end++;
        this.add(from, end - from);
        from = end + 1;
      }
      const comma = text.indexOf(',', space);
      start = comma < 0 ? text.length : comma + 1;
    }
  }

  get(hash: string): number | undefined {
    for (let slot = this.place(hash, 0, hash.length); ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot]! - 1;
      if (at < 0) return undefined;
      if (this.sameHash(at, hash, 0, hash.length)) return this.idAfter(at);
    }
  }

  /** The hash at text[from..from+length), in its slot (a later mark of the same hash in the earlier's). */
  private add(from: number, length: number): void {
    let slot = this.place(this.text, from, length);
    for (;;) {
      const at = this.slots[slot]! - 1;
      if (at < 0 || this.sameHash(at, this.text, from, length)) break;
      slot = (slot + 1) & this.mask;
    }
    this.slots[slot] = from + 1;
  }

  /**
   * The first slot to try for the hash at s[from..from+length): its last six characters, mixed
   * (a hash of a row's bytes starts with its key's, the same for a whole file's rows).
   */
  private place(s: string, from: number, length: number): number {
    let h = 0x811c9dc5 ^ length;
    const end = from + length;
    for (let i = Math.max(from, end - 6); i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return (h ^ (h >>> 15)) & this.mask;
  }

  /** Whether the hash at `at` in the text (where one starts) is s[from..from+length). */
  private sameHash(at: number, s: string, from: number, length: number): boolean {
    const after = this.text.charCodeAt(at + length);
    if (after !== SPACE && after !== DOT) return false;
    for (let i = 0; i < length; i++)
      if (this.text.charCodeAt(at + i) !== s.charCodeAt(from + i)) return false;
    return true;
  }

  /** The household id of the mark holding the hash at `at`: the digits after the mark's space. */
  private idAfter(at: number): number {
    let id = 0;
    for (let i = this.text.indexOf(' ', at) + 1; i < this.text.length; i++) {
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
