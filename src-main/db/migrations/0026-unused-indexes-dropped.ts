import type { Migration } from './types.ts';

/**
 * Three indexes no statement of the app reads, each a write on every row it covers:
 * - closures_by_date_ended_by (date, stage_reached, ended_by): made for the drop-out table when
 *   it counted closures; every statement that searches closures by date (Home's drop-outs by
 *   reason, the drills) searches the date range alone, which closures_by_date (date,
 *   stage_reached, reason_key) answers the same way, and neither covers them. It was also rebuilt
 *   after every large import (~84 ms and 3 MB at 100,000 closed households).
 * - exit_interviews_by_closure_status (closure_id, status): for the drop-out table's views when
 *   they read exit interviews; the reports read the episodes record since issue 12, and the
 *   UNIQUE exit_interviews_by_closure (closure_id) serves every lookup by closure.
 * - journey_dates_by_batch (batch_id): never read; undo finds a batch's dates by household.
 * Found by planning every statement the unit and integration suites prepare (and a sweep of every
 * report, drill and list shape on a 20,000-household sample) with EXPLAIN QUERY PLAN: none used them.
 */
export const migration0026: Migration = {
  version: 26,
  name: 'unused-indexes-dropped',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS closures_by_date_ended_by;
      DROP INDEX IF EXISTS exit_interviews_by_closure_status;
      DROP INDEX IF EXISTS journey_dates_by_batch;
    `);
  },
};
