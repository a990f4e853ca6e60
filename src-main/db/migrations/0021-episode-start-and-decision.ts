import type { Migration } from './types.ts';

/**
 * An episode with no enquiry date (a carers register's household holds its approval alone)
 * starts at its earliest recorded date, its pathway the one on that day and a switch from it on
 * its own (db/episodes.ts START, domain/journey-state.ts episodeStart). Read from the enquiry
 * alone, such an episode took every switch as dated before it: a register household switched to
 * kinship in 2025 read as kinship since its approval in 2021, moving the returns and retention of
 * years already sent. This rewrites those episodes' pathway record as the rebuild now makes it
 * (written out as at version 21). Only episodes without an enquiry, of households with a
 * pathway change, are touched; the indexes holding those columns follow the UPDATE.
 */
const START = `COALESCE(e.initial_visit, e.eoi, e.stage1, e.stage2, e.panel, e.approval, e.closed_on)`;
/** The household's changes inside the episode: from its start to the next episode's enquiry. */
const INSIDE = `pc.household_id = e.household_id AND pc.date >= ${START}
  AND pc.date < COALESCE((SELECT MIN(n.enquiry) FROM episodes n
    WHERE n.household_id = e.household_id AND n.episode > e.episode), '9999-12-31')`;

/**
 * The timescales table measures the agency decision from the panel's final minutes (the panel
 * date where none is recorded), as the domain's timescale counts it: the approval index, which
 * that interval reads, carries the minutes' date too (covering, as every report's index is). So
 * is the initial visit measured from the enquiry (expected within 5 working days), from an index
 * of its own, as every interval reads its later milestone's. (IF NOT EXISTS, as the DROP before the
 * other: the migration can run again on a file at this schema marked older, as tests make one.)
 */
const APPROVAL_INDEX = `
  CREATE INDEX IF NOT EXISTS episodes_by_initial_visit ON episodes (initial_visit, enquiry, pathway, switched_on, switched_to,
    first_switched_on) WHERE initial_visit IS NOT NULL;
  DROP INDEX episodes_by_approval;
  CREATE INDEX episodes_by_approval ON episodes (approval, panel, enquiry, pathway, switched_on, switched_to,
    first_switched_on, ceased_on, ceased_reason, panel_minutes) WHERE approval IS NOT NULL;`;

/**
 * The closures of those episodes were staged on the old record too (a kinship household closed
 * after its viability request stands at Stage 1 at least, if it was on kinship that day: migration
 * 20's rule, written out again as at version 21), so their stage is read again from the episode's
 * dates and its corrected record, either way: on the closure, the episode and a household it closes.
 */
const KINSHIP_AT_VIABILITY = `(CASE WHEN e.switched_on IS NULL THEN e.pathway
  WHEN e.viability_request BETWEEN COALESCE(e.first_switched_on, e.switched_on)
    AND (CASE WHEN e.first_switched_on IS NULL THEN '9999-12-31' ELSE date(e.switched_on, '-1 day') END)
  THEN (CASE e.pathway WHEN 'kinship' THEN 'mainstream' ELSE 'kinship' END) ELSE e.pathway END) = 'kinship'`;
const STAGE_AT_CLOSURE = `(CASE
  WHEN e.panel <= e.closed_on THEN 'panel'
  WHEN e.stage2 <= e.closed_on THEN 'stage2'
  WHEN e.stage1 <= e.closed_on THEN 'stage1'
  WHEN e.viability_request <= e.closed_on AND ${KINSHIP_AT_VIABILITY} THEN 'stage1'
  WHEN e.eoi <= e.closed_on THEN 'eoi'
  ELSE 'enquiry' END)`;
const RESTAGE = `
  UPDATE episodes AS e SET closed_stage = ${STAGE_AT_CLOSURE}
    WHERE e.enquiry IS NULL AND e.closed_on IS NOT NULL
      AND EXISTS (SELECT 1 FROM pathway_changes pc WHERE pc.household_id = e.household_id);
  UPDATE closures SET stage_reached = (SELECT e.closed_stage FROM episodes e
      WHERE e.household_id = closures.household_id AND e.episode = closures.episode)
    WHERE EXISTS (SELECT 1 FROM episodes e
      WHERE e.household_id = closures.household_id AND e.episode = closures.episode
        AND e.enquiry IS NULL AND e.closed_stage IS NOT closures.stage_reached
        AND EXISTS (SELECT 1 FROM pathway_changes pc WHERE pc.household_id = e.household_id));
  UPDATE households SET stage = (SELECT c.stage_reached FROM closures c
      WHERE c.household_id = households.id AND c.episode = households.episode)
    WHERE status = 'closed' AND id IN (SELECT e.household_id FROM episodes e
      WHERE e.enquiry IS NULL AND e.closed_on IS NOT NULL
        AND EXISTS (SELECT 1 FROM pathway_changes pc WHERE pc.household_id = e.household_id))
      AND EXISTS (SELECT 1 FROM closures c
        WHERE c.household_id = households.id AND c.episode = households.episode
          AND c.stage_reached IS NOT households.stage);`;

export const migration0021: Migration = {
  version: 21,
  name: 'episode-start-and-decision',
  up(db) {
    db.exec(APPROVAL_INDEX);
    db.exec(`
      UPDATE episodes AS e SET
        pathway = COALESCE((SELECT pc.from_pathway FROM pathway_changes pc
            WHERE pc.household_id = e.household_id AND pc.date >= ${START}
            ORDER BY pc.date, pc.id LIMIT 1),
          (SELECT h.pathway FROM households h WHERE h.id = e.household_id)),
        switched_on = (SELECT pc.date FROM pathway_changes pc WHERE ${INSIDE}
          ORDER BY pc.date DESC, pc.id DESC LIMIT 1),
        switched_to = (SELECT pc.to_pathway FROM pathway_changes pc WHERE ${INSIDE}
          ORDER BY pc.date DESC, pc.id DESC LIMIT 1),
        first_switched_on = (SELECT MIN(pc.date) FROM pathway_changes pc WHERE ${INSIDE}
          HAVING COUNT(*) % 2 = 0)
      WHERE e.enquiry IS NULL AND ${START} IS NOT NULL
        AND EXISTS (SELECT 1 FROM pathway_changes pc WHERE pc.household_id = e.household_id);
    `);
    db.exec(RESTAGE);
  },
};
