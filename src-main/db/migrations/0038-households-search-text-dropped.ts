import type { Migration } from './types.ts';

/**
 * Drops households.search_text: the reference, names, email and postcode, lower-cased and joined
 * (migration 1), written by every writer of a household and read by no statement since the list's
 * search moved to the folded names, their parts and the contact columns' own indexes (migrations
 * 29, 31, 33, 35). It was a fifth copy of a household's personal details, ~55 bytes of each row
 * (a fifth of the households table), computed and bound for every household an import adds and
 * rescanned by each of the sixteen households indexes rebuilt after a first import. The erasure
 * still blanks it in a backup made before this migration (db/erase.ts).
 *
 * SQLite rewrites each row without the column. The bytes it frees are not all zeroed (a page it
 * rebuilds keeps its old gap: see purge-ledger.ts rewriteErased), but they hold only what the
 * row's own columns still hold; the file is rewritten whole at the next purge or undo that erases.
 */
export const migration0038: Migration = {
  version: 38,
  name: 'households-search-text-dropped',
  up(db) {
    // Every file at version 37 has it; the check keeps a file that lost it some other way openable.
    const has = db.prepare("SELECT 1 FROM pragma_table_info('households') WHERE name = 'search_text'").get();
    if (has) db.exec('ALTER TABLE households DROP COLUMN search_text;');
  },
};
