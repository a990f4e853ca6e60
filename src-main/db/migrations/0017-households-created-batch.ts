import type { Migration } from './types.ts';

/**
 * Which import batch created a household, if one did (issue 12, the import's speed). Each value a
 * household was created with came from that batch: that provenance is now read from this column
 * (db/field-sources.ts) instead of a field_sources row written for every value of every new
 * household (700,000 rows, ~0.6 s and ~13 MB of a 100,000-row import). Rows written before stay
 * and still count; a later change to a field writes its row as before.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'households-created-batch',
  up(db) {
    db.exec(`ALTER TABLE households ADD COLUMN created_batch INTEGER REFERENCES import_batches (id);`);
  },
};
