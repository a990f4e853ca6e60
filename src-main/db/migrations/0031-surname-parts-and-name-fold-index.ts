import type { Migration } from './types.ts';
import { fold29 } from './0029-households-folded-names.ts';

/**
 * Two changes to how the households' folded names are read (migration 29 made them):
 * - household_name_parts: the later parts of each multi-part surname, folded (surnameParts below:
 *   "Smith-Jones" "jones", "Van den Berg" "den" and "berg"), one row a part, keyed
 *   by part for the list's search to read by prefix (db/queries/households-search.ts), and by
 *   household for keeping them (db/name-parts.ts), the cascade when a household is deleted and a
 *   purge's erasure. A table, not a column: a surname may have several later parts, each to be
 *   found by its start; and only multi-part surnames have rows, so an import of mostly one-part
 *   surnames writes almost nothing more. Filled here from every household's surname.
 * - households_by_surname_fold (surname_fold) replaced by households_by_name_fold (surname_fold,
 *   first_name_fold): the same leading column, so the search's prefix ranges read it as they read
 *   the old one, and the duplicate check of a household typed by hand finds a surname's first
 *   names in it without reading each household of that surname (48,000 "Patel"s at 1,000,000
 *   households: ~0.14 s). Replaced, not added: each households index costs every import.
 */
export const migration0031: Migration = {
  version: 31,
  name: 'surname-parts-and-name-fold-index',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS household_name_parts (
        part TEXT NOT NULL,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        PRIMARY KEY (part, household_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS household_name_parts_by_household ON household_name_parts (household_id);
    `);
    const insert = db.prepare<[string, number]>(
      'INSERT OR IGNORE INTO household_name_parts (part, household_id) VALUES (?, ?)',
    );
    // Only surnames with a space or a hyphen can have parts (surnameParts decides).
    const named = db.prepare<[], { id: number; surname: string }>(
      "SELECT id, surname FROM households WHERE surname GLOB '*[- ]*' OR surname GLOB '*[^ -~]*'",
    );
    for (const h of named.all()) for (const part of surnameParts(h.surname)) insert.run(part, h.id);
    db.exec(`
      CREATE INDEX IF NOT EXISTS households_by_name_fold ON households (surname_fold, first_name_fold);
      DROP INDEX IF EXISTS households_by_surname_fold;
    `);
  },
};

/*
 * The rule this migration parted surnames by (domain/fold.ts as it shipped, 02/12/2026), copied
 * here so the migration does what it did whatever becomes of the live rule (a shipped migration
 * never changes; frozen-name-rules.test.ts). Where a name parts: spaces and hyphens, never an
 * apostrophe ("O'Neil" is one name). Migration 33 parts names by it too.
 */
export const PART_SEPARATORS_31 = /[\s\-‐‑–]+/;

/** Whether a name may have later parts. */
export const hasParts31 = (name: string | null | undefined): boolean =>
  !!name && PART_SEPARATORS_31.test(name);

/**
 * The later parts of a multi-part surname, each folded alone (fold29): "Smith-Jones" "jones",
 * "Van den Berg" "den" and "berg", "Smith-O'Neil" "oneil"; not the first; each once, in order.
 */
export function surnameParts(surname: string | null | undefined): string[] {
  if (!hasParts31(surname)) return [];
  const words = surname!.split(PART_SEPARATORS_31).filter(Boolean);
  if (words.length < 2) return [];
  const parts = words
    .slice(1)
    .map((w) => fold29(w))
    .filter(Boolean);
  return [...new Set(parts)];
}
