import type { Migration } from './types.ts';

/**
 * Three households indexes no query of the app reads (issue 12, the import's speed): every search
 * by email, postcode or name compares without case (`COLLATE NOCASE`), so it is answered by the
 * case-insensitive indexes of migration 2, and these case-sensitive ones from the first schema
 * only cost a write on every change to those columns and a rebuild after each large import
 * (~0.2 s of a 100,000-row one, ~3.5 s of a 1,000,000-row one). Found by planning every
 * statement the test suite prepares against a 1,000,000-household database: none used them.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'households-case-sensitive-indexes',
  up(db) {
    db.exec(`
      DROP INDEX households_by_email;
      DROP INDEX households_by_postcode;
      DROP INDEX households_by_surname;
    `);
  },
};
