import type { Migration } from './types.ts';
import { APPLICATION_STAGE1 } from './0019-episode-first-switch.ts';

/**
 * Two partial indexes of the episodes table for the Ofsted return (db/queries/ofsted.ts), each
 * read alone, in its own order, by one of its statements (at 1,000,000 households, CPU):
 * - episodes_by_household_approval: the approved episodes (a tenth) in household order, with
 *   what ACTIVE_BY_HOUSEHOLD filters (approval, cessation) and the pathway it reads
 *   (pathwayAtSql: pathway, switched_on, first_switched_on). The carers and places at 31 March
 *   join the ~75,000 households approved then to their people and terms in household order; from
 *   the approval index they were sorted first, twice a return, ~80 ms each.
 * - episodes_by_application_closure: the episodes whose application was received on the default
 *   basis (the Stage 1 start, or a kinship viability request: migration 19's APPLICATION_STAGE1,
 *   which episodes_by_application holds) by closure date, with what the applications withdrawn
 *   or turned down read. Those of a year (~17,000) were found by reading the whole application
 *   index and then each episode's row by key: 99 -> 25 ms.
 * Built in ~0.7 s and ~2.8 s at 1,000,000 households (one pass over the episodes each).
 */
export const migration0030: Migration = {
  version: 30,
  name: 'ofsted-return-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS episodes_by_household_approval ON episodes (household_id, approval,
        ceased_on, pathway, switched_on, first_switched_on) WHERE approval IS NOT NULL;
      CREATE INDEX IF NOT EXISTS episodes_by_application_closure ON episodes (closed_on, closed_stage,
        ended_by, closed_reason, pathway, switched_on, first_switched_on, viability_request, stage1)
        WHERE ${APPLICATION_STAGE1} IS NOT NULL;
    `);
  },
};
