import type { Migration } from './types.ts';

/**
 * What the households list and the alerts need beyond the initial schema:
 * - `responded_date`: when the service first answered the enquiry (clears the 1-working-day
 *   alert without needing an initial visit); cleared when a household re-opens.
 * - an index per sortable or filterable column that lacked a leading-column index, and
 *   case-insensitive indexes on the searched columns, so every list query (page, count, search by
 *   prefix of reference, name, email or postcode, filter, sort) is answered by an index
 *   (tests/integration/households/query-plan.test.ts checks with EXPLAIN QUERY PLAN).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'household-list',
  up(db) {
    db.exec(`
      ALTER TABLE households ADD COLUMN responded_date TEXT;
      CREATE INDEX households_by_stage ON households (stage, stage_date);
      CREATE INDEX households_by_stage_date ON households (stage_date);
      CREATE INDEX households_by_next_alert ON households (next_alert_date);
      CREATE INDEX households_by_reference_nocase ON households (reference COLLATE NOCASE);
      CREATE INDEX households_by_name_nocase ON households (surname COLLATE NOCASE, first_name COLLATE NOCASE);
      CREATE INDEX households_by_first_name_nocase ON households (first_name COLLATE NOCASE);
      CREATE INDEX households_by_email_nocase ON households (email COLLATE NOCASE);
      CREATE INDEX households_by_postcode_nocase ON households (postcode COLLATE NOCASE);
    `);
  },
};
