import type { Migration } from './types.ts';

/**
 * The timescales table measures the Stage 1 "unsuitable" decision (due within 10 working days of
 * all Stage 1 information, domain brief): days from `stage1_information` (migration 23) to a
 * closure the service made at Stage 1, counted in the period of the closure. Every interval reads
 * one covering index in the order of its later date (db/queries/reports/timescales.ts); this one's,
 * only the episodes holding the step and a closure, carries what it filters and the pathway.
 */
export const migration0024: Migration = {
  version: 24,
  name: 'stage1-decision-index',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS episodes_by_stage1_decision ON episodes (closed_on, stage1_information, closed_stage,
        ended_by, pathway, switched_on, switched_to, first_switched_on)
        WHERE stage1_information IS NOT NULL AND closed_on IS NOT NULL;
    `);
  },
};
