import type { Migration } from './types.ts';
import { foldForSearch } from '../../domain/fold.ts';

/**
 * The households list's search found a name only as typed, bar ASCII case (`COLLATE NOCASE`):
 * "bronte" missed "Brontë", "zoe" "Zoë", "oshea" "O'Shea". SQLite cannot take accents off, so
 * the households table keeps each name folded (domain/fold.ts: no accents, apostrophes or
 * hyphens, lower case) beside it, written wherever the names are (summary refresh, import,
 * sample) and blanked with them by a purge:
 * - `first_name_fold`, `surname_fold`, each with a plain index the search reads by prefix, as it
 *   read the case-insensitive name indexes (db/queries/households-search.ts);
 * - households_by_first_name_nocase dropped: only the search read it. households_by_name_nocase
 *   (surname, first_name) stays: the sort by name and the duplicate check read it.
 * Filled here in one pass over the households with a name, by today's rule: the search folds
 * what is typed by the same rule, so the stored names must follow it (a change of the rule
 * would need its own migration refilling them).
 */
export const migration0029: Migration = {
  version: 29,
  name: 'households-folded-names',
  up(db) {
    // Only where missing, as 25's and 28's: the migration can run again on a file at this schema marked older.
    const has = new Set(
      db.prepare<[], string>("SELECT name FROM pragma_table_info('households')").pluck().all(),
    );
    if (!has.has('first_name_fold')) db.exec('ALTER TABLE households ADD COLUMN first_name_fold TEXT');
    if (!has.has('surname_fold')) db.exec('ALTER TABLE households ADD COLUMN surname_fold TEXT');
    const fill = db.prepare<[string | null, string | null, number]>(
      'UPDATE households SET first_name_fold = ?, surname_fold = ? WHERE id = ?',
    );
    const named = db.prepare<[], { id: number; first_name: string | null; surname: string | null }>(
      'SELECT id, first_name, surname FROM households WHERE first_name IS NOT NULL OR surname IS NOT NULL',
    );
    // All read before any is written: an UPDATE while the same table's SELECT is open is not safe to rely on.
    for (const h of named.all()) fill.run(foldForSearch(h.first_name), foldForSearch(h.surname), h.id);
    db.exec(`
      CREATE INDEX IF NOT EXISTS households_by_first_name_fold ON households (first_name_fold);
      CREATE INDEX IF NOT EXISTS households_by_surname_fold ON households (surname_fold);
      DROP INDEX IF EXISTS households_by_first_name_nocase;
    `);
  },
};
