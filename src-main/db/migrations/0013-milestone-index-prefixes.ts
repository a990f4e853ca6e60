import type { Migration } from './types.ts';

/**
 * Two milestone indexes are each the first columns of another (issue 12, the import's speed):
 * milestones_by_household (household_id, episode) of milestones_by_episode_kind (household_id,
 * episode, kind, date), and milestones_by_kind_date (kind, date, household_id) of
 * milestones_by_kind_date_episode (kind, date, household_id, episode). Any search the shorter
 * one answers the longer answers the same way, in the same order, so the shorter only cost a
 * write on every milestone and a rebuild after each large import (~0.2 s of a 100,000-row one).
 * The foreign key from milestones to households still has an index led by household_id.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'milestone-index-prefixes',
  up(db) {
    db.exec(`
      DROP INDEX milestones_by_household;
      DROP INDEX milestones_by_kind_date;
    `);
  },
};
