import type { Migration } from './types.ts';
import { EPISODES_DDL } from '../episodes.ts';

/**
 * Episodes become records (issue 12): one row per household episode with its pathway, source
 * and household type as at its enquiry, its milestone dates and its ending. Every report reads
 * it, so a later edit or pathway switch cannot move an event out of a year already published.
 * The table is filled by migration 6, once the journey dates it also carries exist: both were
 * first shipped together, so no database stands at version 5 with an empty table.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'episodes',
  up(db) {
    db.exec(EPISODES_DDL);
  },
};
