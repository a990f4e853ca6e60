import type { Migration } from './types.ts';

/**
 * An index the reports need at a million households: every milestone of an episode, with
 * its kind and date, in one covering index. The cohort, timescales and sources tables look
 * up an episode's other milestones by it without touching the table, and the kinship share
 * of every count is read from the kinship households outwards through it.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'report-indexes',
  up(db) {
    db.exec('CREATE INDEX milestones_by_episode_kind ON milestones (household_id, episode, kind, date);');
  },
};
