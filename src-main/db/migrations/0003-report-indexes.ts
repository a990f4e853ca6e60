import type { Migration } from './types.ts';

/**
 * Indexes the reports need at a million households, each covering what one table reads:
 * - every milestone of an episode with its kind and date: cohort, timescales and sources read
 *   an episode's milestones without touching the table, and the kinship share of every count
 *   is read from the kinship households outwards through it;
 * - milestones by kind and date with their episode: the timescales and cohort tables pair a
 *   milestone with an earlier one of the same episode without reading the table;
 * - closures by date with who ended them, and exit interviews by closure with their status:
 *   the drop-out table's second and third views.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'report-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX milestones_by_episode_kind ON milestones (household_id, episode, kind, date);
      CREATE INDEX milestones_by_kind_date_episode ON milestones (kind, date, household_id, episode);
      CREATE INDEX closures_by_date_ended_by ON closures (date, stage_reached, ended_by);
      CREATE INDEX exit_interviews_by_closure_status ON exit_interviews (closure_id, status) WHERE closure_id IS NOT NULL;
    `);
  },
};
