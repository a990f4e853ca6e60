import type { Migration } from './types.ts';

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
 * Filled here in one pass over the households with a name, by the rule of the day (fold29 below):
 * the search folds what is typed by the same rule, so the stored names must follow it (a change of
 * the rule needs its own migration refilling them).
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
    for (const h of named.all()) fill.run(fold29(h.first_name), fold29(h.surname), h.id);
    db.exec(`
      CREATE INDEX IF NOT EXISTS households_by_first_name_fold ON households (first_name_fold);
      CREATE INDEX IF NOT EXISTS households_by_surname_fold ON households (surname_fold);
      DROP INDEX IF EXISTS households_by_first_name_nocase;
    `);
  },
};

/*
 * The rule this migration folded names by (domain/fold.ts foldForSearch as it shipped, 01/12/2026),
 * copied here so the migration does what it did whatever becomes of the live rule: a shipped
 * migration never changes (frozen-name-rules.test.ts checks it still equals the live one; a change
 * of the live rule leaves this copy as it is and brings its own migration). Migrations 31 and 33
 * fold by it too.
 */
const WHOLE_LETTERS_29: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const WHOLE_29 = new RegExp(`[${Object.keys(WHOLE_LETTERS_29).join('')}]`, 'g');
const DROPPED_29 = /['’‘ʼ`\-‐‑–]/g;

export function fold29(text: string): string;
export function fold29(text: string | null | undefined): string | null;
export function fold29(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  let t = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(t))
    t = t
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(WHOLE_29, (c) => WHOLE_LETTERS_29[c]!);
  return t.replace(DROPPED_29, '');
}
