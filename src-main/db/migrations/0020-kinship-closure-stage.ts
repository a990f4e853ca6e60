import type { Migration } from './types.ts';

/**
 * A kinship household closed after its viability request stands at Stage 1 at least. The
 * viability assessment is a kinship household's formal application (domain brief), and the
 * Ofsted return already counted such a closure as an application withdrawn or turned down, but
 * the closure's stage was read from the milestones alone, so the drop-out table put it at
 * Enquiry (or EOI). The rule is now domain/journey-state.ts `stageAtClosure`; this brings the
 * stored stages of closures made before it across: where the episode was kinship on the day of
 * its viability request (the pathway-at rule of db/journey-sql.ts `pathwayAtSql`, written out
 * as at version 20) and the request is dated on or before the closure.
 *
 * The closure's row, the episodes row that repeats it (`closed_stage`, read by the reports) and
 * a household closed by it (`stage`, which the list shows and filters by: domain/summary.ts) are
 * all moved; the indexes holding those columns are kept up to date by the UPDATEs.
 */
const KINSHIP_AT_VIABILITY = `(CASE WHEN e.switched_on IS NULL THEN e.pathway
  WHEN e.viability_request BETWEEN COALESCE(e.first_switched_on, e.switched_on)
    AND (CASE WHEN e.first_switched_on IS NULL THEN '9999-12-31' ELSE date(e.switched_on, '-1 day') END)
  THEN (CASE e.pathway WHEN 'kinship' THEN 'mainstream' ELSE 'kinship' END) ELSE e.pathway END) = 'kinship'`;

/**
 * First, an episode whose household switched pathway on the episode's enquiry day started on the
 * wrong pathway: the rebuild took the pathway of the first switch *after* the enquiry, while the
 * switch itself was counted inside the episode (`switched_on` = the enquiry), so every event of
 * the episode counted under the pathway it had left (a household imported as mainstream and
 * re-imported as kinship the same day). db/episodes.ts now takes the first switch on or after
 * the enquiry; the same answer is written here for those episodes, before the stages below read it.
 */
const START_ON_SWITCH_DAY = `
  UPDATE episodes SET pathway = (SELECT pc.from_pathway FROM pathway_changes pc
      WHERE pc.household_id = episodes.household_id AND pc.date >= episodes.enquiry
      ORDER BY pc.date, pc.id LIMIT 1)
    WHERE enquiry IS NOT NULL AND EXISTS (SELECT 1 FROM pathway_changes pc
      WHERE pc.household_id = episodes.household_id AND pc.date = episodes.enquiry);`;

export const migration0020: Migration = {
  version: 20,
  name: 'kinship-closure-stage',
  up(db) {
    db.exec(START_ON_SWITCH_DAY);
    db.exec(`
      UPDATE closures SET stage_reached = 'stage1'
        WHERE stage_reached IN ('enquiry', 'eoi')
          AND EXISTS (SELECT 1 FROM episodes e
            WHERE e.household_id = closures.household_id AND e.episode = closures.episode
              AND e.viability_request IS NOT NULL AND e.viability_request <= closures.date
              AND ${KINSHIP_AT_VIABILITY});
      UPDATE episodes AS e SET closed_stage = 'stage1'
        WHERE e.closed_stage IN ('enquiry', 'eoi')
          AND e.viability_request IS NOT NULL AND e.viability_request <= e.closed_on
          AND ${KINSHIP_AT_VIABILITY};
      UPDATE households SET stage = 'stage1'
        WHERE status = 'closed' AND stage IN ('enquiry', 'eoi')
          AND EXISTS (SELECT 1 FROM closures c
            WHERE c.household_id = households.id AND c.episode = households.episode
              AND c.stage_reached = 'stage1');
    `);
  },
};
