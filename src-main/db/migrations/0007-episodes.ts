import type { Migration } from './types.ts';

/**
 * Episodes become records (issue 12), with the journey's dated steps that are not stages
 * (issues 14 and 15).
 *
 * - journey_dates: panel minutes received, and the kinship journey's viability request and
 *   outcome, reg 24 placement, reg 25 extension and IRM review; one row per kind per episode.
 *   `detail` is the viability result (kept on purge), `reason` the extension's reason (free
 *   text, erased on purge).
 * - episodes: one row per household episode with its pathway, source and household type as at
 *   its enquiry, its milestone and journey dates and its ending. Every report reads it, so a
 *   later edit or pathway switch cannot move an event out of a year already published.
 *   Existing databases are brought across from their milestones, closures, cessations and dated
 *   pathway switches; an earlier episode's source is the household's source at migration time
 *   (the only value the old schema kept).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'episodes',
  up(db) {
    db.exec(`
      CREATE TABLE journey_dates (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        episode INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('panel_minutes', 'viability_request', 'viability_outcome',
          'reg24_placement', 'extension', 'irm_pending_from', 'irm_pending_to')),
        date TEXT NOT NULL,
        detail TEXT CHECK (detail IN ('positive', 'negative')),
        reason TEXT,
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        UNIQUE (household_id, episode, kind)
      ) STRICT;
      CREATE INDEX journey_dates_by_kind_date ON journey_dates (kind, date);
      CREATE INDEX journey_dates_by_batch ON journey_dates (batch_id) WHERE batch_id IS NOT NULL;
    `);
    db.exec(EPISODES_7);
    // Every household's episodes in one statement; the indexes are made after the rows, one sort
    // each, rather than entry by entry (about a third faster at 200,000 households).
    db.exec(DROP_INDEXES_7);
    db.exec(REBUILD_7);
    db.exec(CREATE_INDEXES_7);
  },
};

/*
 * The table and the rebuild this migration ran, as they shipped with it (db/episodes.ts EPISODES_DDL
 * and rebuildAllEpisodes at 1d2abcc, 28/11/2026, which made the v7 fixture: the schema every
 * database at version 7 has, db/schema-check.ts), written out as SQLite was given them, so
 * the migration does what it did whatever becomes of the live rebuild (a shipped migration never
 * changes; frozen-migration-rules.test.ts). The live rebuild has moved on since (a pathway switch
 * on the episode's first day, an episode without an enquiry: migrations 20 and 21 bring the rows
 * this one made to it); what it makes must stay what a database brought up through these
 * migrations holds, which that test checks.
 *
 * Keyed by (household, episode) without a rowid, so every index also carries the household and
 * episode: a report's drill-down reads the same index as its count. Each report reads one covering
 * index in its own order: by enquiry (the funnel's enquiries, the cohort and the sources table); one
 * partial index per later milestone with the earlier dates the timescales pair it with; by closure
 * reason, stage, who ended it and exit interview (the drop-out views); approval with the cessation
 * (retention and leaving). Later migrations change them in their own files.
 */
const EPISODES_7 = `
  CREATE TABLE episodes (
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    episode INTEGER NOT NULL,
    pathway TEXT NOT NULL CHECK (pathway IN ('mainstream', 'kinship')),
    switched_on TEXT,
    switched_to TEXT CHECK (switched_to IN ('mainstream', 'kinship')),
    source TEXT,
    household_type TEXT,
    enquiry TEXT,
    initial_visit TEXT,
    eoi TEXT,
    stage1 TEXT,
    stage2 TEXT,
    panel TEXT,
    approval TEXT,
    stage_reached TEXT NOT NULL,
    closed_on TEXT,
    closed_stage TEXT,
    closed_reason TEXT,
    ended_by TEXT,
    exit_interview TEXT CHECK (exit_interview IN ('offered', 'held', 'declined')),
    ceased_on TEXT,
    ceased_reason TEXT,
    panel_minutes TEXT,
    viability_request TEXT,
    viability_outcome TEXT,
    reg24_placement TEXT,
    extension TEXT,
    irm_pending_from TEXT,
    irm_pending_to TEXT,
    viability_result TEXT,
    PRIMARY KEY (household_id, episode)
  ) STRICT, WITHOUT ROWID;
CREATE INDEX episodes_by_enquiry ON episodes (enquiry, source, pathway, switched_on, switched_to, closed_on, eoi, stage1, stage2, panel, approval);
CREATE INDEX episodes_by_eoi ON episodes (eoi, enquiry, pathway, switched_on, switched_to) WHERE eoi IS NOT NULL;
CREATE INDEX episodes_by_stage1 ON episodes (stage1, enquiry, pathway, switched_on, switched_to) WHERE stage1 IS NOT NULL;
CREATE INDEX episodes_by_stage2 ON episodes (stage2, eoi, enquiry, pathway, switched_on, switched_to) WHERE stage2 IS NOT NULL;
CREATE INDEX episodes_by_panel ON episodes (panel, stage2, stage1, eoi, enquiry, pathway, switched_on, switched_to) WHERE panel IS NOT NULL;
CREATE INDEX episodes_by_approval ON episodes (approval, panel, enquiry, pathway, switched_on, switched_to, ceased_on, ceased_reason) WHERE approval IS NOT NULL;
CREATE INDEX episodes_by_closure ON episodes (closed_reason, closed_stage, ended_by, exit_interview, closed_on, pathway, switched_on, switched_to) WHERE closed_on IS NOT NULL;
`;

const DROP_INDEXES_7 = `DROP INDEX IF EXISTS episodes_by_enquiry;
DROP INDEX IF EXISTS episodes_by_eoi;
DROP INDEX IF EXISTS episodes_by_stage1;
DROP INDEX IF EXISTS episodes_by_stage2;
DROP INDEX IF EXISTS episodes_by_panel;
DROP INDEX IF EXISTS episodes_by_approval;
DROP INDEX IF EXISTS episodes_by_closure;`;

/**
 * Every household's episodes: the pathway as at the enquiry (the "from" of the first switch after
 * it, else the current one), the last switch from the enquiry to the next episode's, the
 * household's source and type, the milestones and journey dates, the closure with its exit
 * interview's status, and the cessation on the latest approved episode.
 */
const REBUILD_7 = `
    WITH ms AS (
      SELECT household_id AS hid, episode AS ep,
        MAX(CASE kind WHEN 'enquiry' THEN date END) AS enquiry, MAX(CASE kind WHEN 'initial_visit' THEN date END) AS initial_visit, MAX(CASE kind WHEN 'eoi' THEN date END) AS eoi, MAX(CASE kind WHEN 'stage1' THEN date END) AS stage1, MAX(CASE kind WHEN 'stage2' THEN date END) AS stage2, MAX(CASE kind WHEN 'panel' THEN date END) AS panel, MAX(CASE kind WHEN 'approval' THEN date END) AS approval
      FROM milestones WHERE household_id IN (SELECT h.id FROM households h WHERE 1) GROUP BY household_id, episode
    ),
    jd AS (
      SELECT household_id AS hid, episode AS ep,
        MAX(CASE kind WHEN 'panel_minutes' THEN date END) AS panel_minutes, MAX(CASE kind WHEN 'viability_request' THEN date END) AS viability_request, MAX(CASE kind WHEN 'viability_outcome' THEN date END) AS viability_outcome, MAX(CASE kind WHEN 'reg24_placement' THEN date END) AS reg24_placement, MAX(CASE kind WHEN 'extension' THEN date END) AS extension, MAX(CASE kind WHEN 'irm_pending_from' THEN date END) AS irm_pending_from, MAX(CASE kind WHEN 'irm_pending_to' THEN date END) AS irm_pending_to,
        MAX(CASE kind WHEN 'viability_outcome' THEN detail END) AS viability_result
      FROM journey_dates WHERE household_id IN (SELECT h.id FROM households h WHERE 1) GROUP BY household_id, episode
    ),
    -- Every episode a household has: from its milestones, its closures and its current episode.
    k AS (
      SELECT hid, ep FROM ms
      UNION SELECT household_id, episode FROM closures WHERE household_id IN (SELECT h.id FROM households h WHERE 1)
      UNION SELECT h.id, h.episode FROM households h WHERE 1
    ),
    x AS (
      SELECT k.hid, k.ep, h.pathway AS current_pathway, h.source AS h_source, h.household_type AS h_type,
        EXISTS (SELECT 1 FROM pathway_changes pc WHERE pc.household_id = k.hid) AS switched,
        (SELECT MIN(n.enquiry) FROM ms n WHERE n.hid = k.hid AND n.ep > k.ep) AS next_enquiry,
        (SELECT MAX(a.ep) FROM ms a WHERE a.hid = k.hid AND a.approval IS NOT NULL) AS approved_ep,
        ms.enquiry, ms.initial_visit, ms.eoi, ms.stage1, ms.stage2, ms.panel, ms.approval,
        jd.panel_minutes, jd.viability_request, jd.viability_outcome, jd.reg24_placement, jd.extension, jd.irm_pending_from, jd.irm_pending_to, jd.viability_result,
        c.date AS closed_on, c.stage_reached AS closed_stage, c.reason_key AS closed_reason, c.ended_by,
        (SELECT ei.status FROM exit_interviews ei WHERE ei.closure_id = c.id) AS exit_interview
      FROM k
      JOIN households h ON h.id = k.hid
      LEFT JOIN ms ON ms.hid = k.hid AND ms.ep = k.ep
      LEFT JOIN jd ON jd.hid = k.hid AND jd.ep = k.ep
      LEFT JOIN closures c ON c.household_id = k.hid AND c.episode = k.ep
    )
    INSERT INTO episodes (household_id, episode, pathway, switched_on, switched_to, source, household_type,
      enquiry, initial_visit, eoi, stage1, stage2, panel, approval, stage_reached, closed_on, closed_stage, closed_reason, ended_by, exit_interview,
      ceased_on, ceased_reason,
      panel_minutes, viability_request, viability_outcome, reg24_placement, extension, irm_pending_from, irm_pending_to, viability_result)
    SELECT x.hid, x.ep,
      CASE WHEN x.switched THEN COALESCE((SELECT pc.from_pathway FROM pathway_changes pc
        WHERE pc.household_id = x.hid AND pc.date > COALESCE(x.enquiry, x.closed_on) ORDER BY pc.date, pc.id LIMIT 1), x.current_pathway)
      ELSE x.current_pathway END,
      CASE WHEN x.switched THEN (SELECT pc.date FROM pathway_changes pc WHERE pc.household_id = x.hid
        AND pc.date >= x.enquiry AND (x.next_enquiry IS NULL OR pc.date < x.next_enquiry)
        ORDER BY pc.date DESC, pc.id DESC LIMIT 1) END, CASE WHEN x.switched THEN (SELECT pc.to_pathway FROM pathway_changes pc WHERE pc.household_id = x.hid
        AND pc.date >= x.enquiry AND (x.next_enquiry IS NULL OR pc.date < x.next_enquiry)
        ORDER BY pc.date DESC, pc.id DESC LIMIT 1) END,
      x.h_source, x.h_type,
      x.enquiry, x.initial_visit, x.eoi, x.stage1, x.stage2, x.panel, x.approval,
      CASE WHEN x.panel IS NOT NULL THEN 'panel' WHEN x.stage2 IS NOT NULL THEN 'stage2' WHEN x.stage1 IS NOT NULL THEN 'stage1' WHEN x.eoi IS NOT NULL THEN 'eoi' ELSE 'enquiry' END,
      x.closed_on, x.closed_stage, x.closed_reason, x.ended_by, x.exit_interview,
      -- A cessation ends the approval, which belongs to the household's latest approved episode.
      CASE WHEN x.ep = x.approved_ep THEN cs.date END,
      CASE WHEN x.ep = x.approved_ep THEN cs.reason_key END,
      x.panel_minutes, x.viability_request, x.viability_outcome, x.reg24_placement, x.extension, x.irm_pending_from, x.irm_pending_to, x.viability_result
    FROM x LEFT JOIN cessations cs ON cs.household_id = x.hid
    WHERE true
    ON CONFLICT (household_id, episode) DO UPDATE SET
      pathway = excluded.pathway, switched_on = excluded.switched_on, switched_to = excluded.switched_to,
      -- Only the current episode follows the household's source and type; earlier ones keep theirs.
      source = CASE WHEN episodes.episode = (SELECT episode FROM households WHERE id = episodes.household_id)
                    THEN excluded.source ELSE episodes.source END,
      household_type = CASE WHEN episodes.episode = (SELECT episode FROM households WHERE id = episodes.household_id)
                    THEN excluded.household_type ELSE episodes.household_type END,
      enquiry = excluded.enquiry, initial_visit = excluded.initial_visit, eoi = excluded.eoi, stage1 = excluded.stage1, stage2 = excluded.stage2, panel = excluded.panel, approval = excluded.approval,
      stage_reached = excluded.stage_reached, closed_on = excluded.closed_on, closed_stage = excluded.closed_stage,
      closed_reason = excluded.closed_reason, ended_by = excluded.ended_by,
      exit_interview = excluded.exit_interview, ceased_on = excluded.ceased_on,
      ceased_reason = excluded.ceased_reason,
      panel_minutes = excluded.panel_minutes, viability_request = excluded.viability_request, viability_outcome = excluded.viability_outcome, reg24_placement = excluded.reg24_placement, extension = excluded.extension, irm_pending_from = excluded.irm_pending_from, irm_pending_to = excluded.irm_pending_to, viability_result = excluded.viability_result`;

const CREATE_INDEXES_7 = `CREATE INDEX episodes_by_enquiry ON episodes (enquiry, source, pathway, switched_on, switched_to, closed_on, eoi, stage1, stage2, panel, approval);
CREATE INDEX episodes_by_eoi ON episodes (eoi, enquiry, pathway, switched_on, switched_to) WHERE eoi IS NOT NULL;
CREATE INDEX episodes_by_stage1 ON episodes (stage1, enquiry, pathway, switched_on, switched_to) WHERE stage1 IS NOT NULL;
CREATE INDEX episodes_by_stage2 ON episodes (stage2, eoi, enquiry, pathway, switched_on, switched_to) WHERE stage2 IS NOT NULL;
CREATE INDEX episodes_by_panel ON episodes (panel, stage2, stage1, eoi, enquiry, pathway, switched_on, switched_to) WHERE panel IS NOT NULL;
CREATE INDEX episodes_by_approval ON episodes (approval, panel, enquiry, pathway, switched_on, switched_to, ceased_on, ceased_reason) WHERE approval IS NOT NULL;
CREATE INDEX episodes_by_closure ON episodes (closed_reason, closed_stage, ended_by, exit_interview, closed_on, pathway, switched_on, switched_to) WHERE closed_on IS NOT NULL;`;
