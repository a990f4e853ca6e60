import type { Migration } from './types.ts';

/**
 * The Stage 1 index also carries the approval and closure dates (issue 12): the Ofsted return's
 * applications in progress at 31 March (Stage 1 started, neither approved nor closed by then) are
 * read from it alone, instead of one table row per application ever received (~170,000 at
 * 1,000,000 households). It replaces the index rather than adding one, so an import writes no
 * extra index entry, only two more dates in an entry it already wrote. Written out here, not
 * read from db/episodes.ts, so this shipped migration never changes.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'applications-in-progress',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS episodes_by_stage1;
      CREATE INDEX episodes_by_stage1 ON episodes
        (stage1, enquiry, pathway, switched_on, switched_to, approval, closed_on) WHERE stage1 IS NOT NULL;
    `);
  },
};
