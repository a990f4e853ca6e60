import type { Migration } from './types.ts';

/**
 * milestones_by_kind_date_episode (kind, date, household_id, episode) served the reports when
 * they counted milestones by date; since issue 12 they read the episodes record, whose own
 * indexes answer every date range. No query of the app reads milestones by kind or date any
 * more (each reads one household's, through milestones_by_episode_kind; the query plans of the
 * whole integration suite were logged to check), so the index only cost a write on every
 * milestone and a rebuild after each large import (~0.15 s and 5 MB of a 100,000-row one).
 */
export const migration0022: Migration = {
  version: 22,
  name: 'milestones-by-kind-dropped',
  up(db) {
    db.exec('DROP INDEX IF EXISTS milestones_by_kind_date_episode');
  },
};
