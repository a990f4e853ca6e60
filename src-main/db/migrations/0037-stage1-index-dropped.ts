import type { Migration } from './types.ts';

/**
 * Drops episodes_by_stage1 (the episodes with a Stage 1 start, by that date; made by migration 7 for
 * Stage 1's counts, last rebuilt by migration 19). Since migration 14 those counts read applications
 * received from episodes_by_application (journey-sql.ts funnelDateSql), and no statement of the app
 * reads a range of stage1: the partial-index query-plan test, which plans every statement the app
 * runs with the values it ran with, found none that takes it (5648952). It still cost a write on
 * every episode with a Stage 1 start, ~11 MB at 1,000,000 households, and its rebuild after a first
 * import (~31 ms CPU at 100,000 households, ~0.64 s at 1,000,000). Earlier migrations still create
 * it: a database at any older version reaches this one and loses it here.
 */
export const migration0037: Migration = {
  version: 37,
  name: 'stage1-index-dropped',
  up(db) {
    db.exec('DROP INDEX IF EXISTS episodes_by_stage1;');
  },
};
