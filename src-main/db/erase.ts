import type { Database } from 'better-sqlite3';
import { nowIso } from '../clock.ts';
import { oweRewrite } from './rewrite-owed.ts';
import { CHARACTERISTICS } from '../domain/characteristics.ts';
import { PERSONAL_HOUSEHOLD_FIELDS } from '../domain/household-details.ts';

export { PERSONAL_HOUSEHOLD_FIELDS };

/**
 * Columns that hold personal details (names, contact details, free text), erased by a
 * purge. Every other column is kept so every report is unchanged. Adding a column to the
 * schema: classify it here or in KEPT_COLUMNS (db/purge.ts; tests/integration/reliability/
 * purge.test.ts fails on an unclassified column). The erasure below is built from this list.
 */
export const PERSONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  // The folded names the list's search reads (migration 29) are the names: blanked with them.
  // search_text (reference, names, email and postcode, lower-cased; read by no statement since the
  // search moved to the folded names and their parts) was dropped by migration 38; a backup made
  // before it still has it, and erasing there leaves it the reference alone.
  households: [...PERSONAL_HOUSEHOLD_FIELDS, 'search_text', 'first_name_fold', 'surname_fold'],
  closures: ['reason_text', 'notes'],
  cessations: ['reason_text', 'notes'],
  // Who held it is free text typed on the household's record (a member of staff's name, often
  // with who else was there): no report counts it, so it goes with the notes.
  exit_interviews: ['notes', 'held_by'],
  // An extension's reason is free text; the kinship dates and the viability result are kept.
  journey_dates: ['reason'],
  // Audit entries keep who, when, what and which field; their values go with the household.
  audit_log: ['old_value', 'new_value', 'reason'],
  // Names, date of birth and every characteristic: special category data on a record still
  // keyed by reference and dates (pseudonymous, not anonymous), which no retention rule lets
  // the service keep past its period. The diversity table then counts these people as "Erased".
  // Each household's people's characteristics as one value, kept by triggers on household_people
  // (migration 0010). Listed before household_people on purpose: the erasure blanks it, then
  // blanking the people makes it again from them (a value of nulls, one per person), which is
  // what the diversity table counts as "Erased".
  people_profiles: ['people'],
  // The later parts of the names, folded, for the search (migrations 31, 33): each row is a piece
  // of a name and nothing else, so its rows are deleted (ERASED_ROWS), not blanked.
  household_name_parts: ['part'],
  household_people: ['first_name', 'surname', 'date_of_birth', ...CHARACTERISTICS],
  place_changes: ['note'],
  // Each episode's household type as at its enquiry: the household's own copy (free text).
  episodes: ['household_type'],
};

/**
 * What an erased column keeps, where it keeps anything (`when`, over the row's own columns):
 * a merge's 'merged' entry names the duplicate merged away by its reference and id alone
 * (households-merge.ts; never a name), and keeping them lets a re-import of the duplicate's row
 * know it as merged after the purge, where with the value blanked it was made a household again,
 * its family counted twice. Its reason (typed text) goes as every other entry's. A purged
 * household holding such a value holds nothing personal (purge.ts HOLDS_PERSONAL).
 */
export const KEPT_AFTER_ERASURE: Readonly<
  Record<string, Readonly<Record<string, { when: string; keep: string }>>>
> = {
  audit_log: {
    old_value: {
      when: "action = 'merge' AND field = 'merged' AND json_valid(old_value)",
      keep: "json_object('reference', old_value ->> 'reference', 'id', old_value ->> 'id')",
    },
  },
};

/** The erased value of a table's personal column: NULL, or what KEPT_AFTER_ERASURE keeps. */
const erasedValue = (table: string, column: string): string => {
  const kept = KEPT_AFTER_ERASURE[table]?.[column];
  return kept ? `CASE WHEN ${kept.when} THEN ${kept.keep} END` : 'NULL';
};

/** Tables of PERSONAL_COLUMNS whose rows hold nothing else: the erasure deletes them whole. */
export const ERASED_ROWS: ReadonlySet<string> = new Set(['household_name_parts']);

/** Identifiers from the fixed list above, quoted all the same. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface Eraser {
  /**
   * Erases one household's personal details wherever they are held (its row, its endings,
   * exit interviews and audit values). `purgedAt` marks the row purged: it keeps the latest
   * purge (a household purged again, after details typed since, is erased as of the second, so
   * the ledger re-applies that one to older copies); null erases only what is left of a
   * household that no longer exists (an undone import).
   */
  household(id: number, reference: string, purgedAt: string | null): void;
  /**
   * Erases, in a backup, a household an undone import created (it is gone from the live file):
   * its personal details go as a purge's do, but it is not marked purged, so the import stays
   * undoable in that backup if it is ever restored.
   */
  removed(id: number, reference: string): void;
}

/**
 * Builds the erasure for this database's own schema: only the tables and personal columns it
 * has, so the same erasure applies to a backup of any schema version (v1 on) as to the live
 * file. Call inside a write transaction; run with `secure_delete` on (every connection the app
 * opens sets it) so the erased bytes are overwritten, not merely unlinked.
 */
export function eraser(db: Database): Eraser {
  const columnsOf = (table: string) =>
    new Set(db.prepare<[string], string>('SELECT name FROM pragma_table_info(?)').pluck().all(table));
  const byHousehold: Array<{ run(id: number): unknown }> = [];
  for (const [table, personal] of Object.entries(PERSONAL_COLUMNS)) {
    if (table === 'households') continue;
    const cols = columnsOf(table);
    const erase = personal.filter((c) => cols.has(c));
    if (!cols.has('household_id') || erase.length === 0) continue;
    if (ERASED_ROWS.has(table)) {
      const del = db.prepare<[number]>(`DELETE FROM ${ident(table)} WHERE household_id = ?`);
      byHousehold.push({ run: (id) => del.run(id) });
      continue;
    }
    const sets = erase.map((c) => `${ident(c)} = ${erasedValue(table, c)}`).join(', ');
    const st = db.prepare<[number]>(`UPDATE ${ident(table)} SET ${sets} WHERE household_id = ?`);
    byHousehold.push({ run: (id) => st.run(id) });
  }
  const householdCols = columnsOf('households');
  // A backup from before migration 38 keeps search_text: what is left of it is the reference
  // alone, lower-cased, as the search text of a household with no names was written.
  const blanks = PERSONAL_COLUMNS.households!.filter((c) => householdCols.has(c))
    .map((c) => (c === 'search_text' ? `${ident(c)} = @text` : `${ident(c)} = NULL`))
    .join(', ');
  const row = db.prepare<{ text: string; purgedAt: string; now: string; id: number }>(
    `UPDATE households SET ${blanks},
       purged_at = MAX(COALESCE(purged_at, @purgedAt), @purgedAt), updated_at = @now WHERE id = @id`,
  );
  const blankRow = db.prepare<{ text: string; id: number }>(`UPDATE households SET ${blanks} WHERE id = @id`);
  const others = (id: number) => {
    for (const st of byHousehold) st.run(id);
  };
  // The file is to be rewritten once this transaction commits (db/rewrite-owed.ts), said once.
  let owed = false;
  const owe = () => {
    if (!owed) oweRewrite(db);
    owed = true;
  };
  return {
    household(id, reference, purgedAt) {
      owe();
      if (purgedAt !== null) row.run({ text: reference.toLowerCase(), purgedAt, now: nowIso(), id });
      others(id);
    },
    removed(id, reference) {
      owe();
      blankRow.run({ text: reference.toLowerCase(), id });
      others(id);
    },
  };
}
