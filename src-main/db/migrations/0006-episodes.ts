import type { Migration } from './types.ts';
import { EPISODES_DDL, rebuildAllEpisodes } from '../episodes.ts';

/**
 * Episodes become records (issue 12, schema 6): one row per household episode with its pathway, source
 * and household type as at its enquiry, its milestone dates and its ending. Every report reads
 * it, so a later edit or pathway switch cannot move an event out of a year already published.
 * Existing databases are brought across from their milestones, closures, cessations and dated
 * pathway switches; an earlier episode's source is the household's source at migration time
 * (the only value the old schema kept).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'episodes',
  up(db) {
    db.exec(EPISODES_DDL);
    rebuildAllEpisodes(db);
  },
};
