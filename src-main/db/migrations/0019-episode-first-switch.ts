import type { Migration } from './types.ts';

/**
 * An episode's first switch, beside its last: `first_switched_on`, the date of the first of two
 * pathway switches inside the episode (null with none or one). The record held only the
 * pathway at the enquiry and the last switch, so an episode switched twice (kinship carers who
 * become mainstream carers) read every event between the two switches under the enquiry's
 * pathway: switching back moved a year already returned (db/journey-sql.ts `pathwayAtSql`).
 * The engine now refuses a third switch in one episode (domain/journey.ts), so the two dates
 * make the pathway at any date exact.
 *
 * Existing episodes switched twice get theirs from pathway_changes (the switches dated from the
 * episode's enquiry to its last switch: two on the same day leave it no day on the other
 * pathway). One switched more often before the engine refused a third (none should be) is read
 * as the rule can: an even number of switches as if it left at the first and came back at the
 * last, an odd number as if switched once, at the last (right from then on, as before).
 * Every covering index carries the pathway columns, so each is
 * made again with the new one (as sqlite_master holds them at version 18, with the column added
 * after `switched_to`), and the application index with the rule's new expression.
 */
export const APPLICATION_STAGE1 = `(CASE WHEN viability_request IS NOT NULL AND (CASE WHEN switched_on IS NULL THEN pathway WHEN viability_request BETWEEN COALESCE(first_switched_on, switched_on) AND (CASE WHEN first_switched_on IS NULL THEN '9999-12-31' ELSE date(switched_on, '-1 day') END) THEN (CASE pathway WHEN 'kinship' THEN 'mainstream' ELSE 'kinship' END) ELSE pathway END) = 'kinship' AND (stage1 IS NULL OR viability_request <= stage1) THEN viability_request ELSE stage1 END)`;

const P = 'pathway, switched_on, switched_to, first_switched_on';

export const migration0019: Migration = {
  version: 19,
  name: 'episode-first-switch',
  up(db) {
    db.exec(`
      DROP INDEX episodes_by_application;
      DROP INDEX episodes_by_approval;
      DROP INDEX episodes_by_closure;
      DROP INDEX episodes_by_enquiry;
      DROP INDEX episodes_by_eoi;
      DROP INDEX episodes_by_panel;
      DROP INDEX episodes_by_stage1;
      DROP INDEX episodes_by_stage2;
      ALTER TABLE episodes ADD COLUMN first_switched_on TEXT;
      UPDATE episodes SET first_switched_on = (
          SELECT MIN(pc.date) FROM pathway_changes pc
          WHERE pc.household_id = episodes.household_id
            AND pc.date >= episodes.enquiry AND pc.date <= episodes.switched_on
          HAVING COUNT(*) % 2 = 0)
        WHERE switched_on IS NOT NULL;
      CREATE INDEX episodes_by_application ON episodes
        (${APPLICATION_STAGE1}, ${P}, approval, closed_on, viability_request, stage1)
        WHERE ${APPLICATION_STAGE1} IS NOT NULL;
      CREATE INDEX episodes_by_approval ON episodes (approval, panel, enquiry, ${P}, ceased_on, ceased_reason) WHERE approval IS NOT NULL;
      CREATE INDEX episodes_by_closure ON episodes (closed_reason, closed_stage, ended_by, exit_interview, closed_on, ${P}) WHERE closed_on IS NOT NULL;
      CREATE INDEX episodes_by_enquiry ON episodes
        (enquiry, source, ${P}, closed_on, eoi, stage1, stage2, panel, approval, viability_request);
      CREATE INDEX episodes_by_eoi ON episodes (eoi, enquiry, ${P}) WHERE eoi IS NOT NULL;
      CREATE INDEX episodes_by_panel ON episodes
        (panel, stage2, stage1, eoi, enquiry, ${P}, viability_request) WHERE panel IS NOT NULL;
      CREATE INDEX episodes_by_stage1 ON episodes
        (stage1, enquiry, ${P}, approval, closed_on) WHERE stage1 IS NOT NULL;
      CREATE INDEX episodes_by_stage2 ON episodes (stage2, eoi, enquiry, ${P}) WHERE stage2 IS NOT NULL;
    `);
  },
};
