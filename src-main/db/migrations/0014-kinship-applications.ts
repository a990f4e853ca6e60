import type { Migration } from './types.ts';

/**
 * A kinship household's viability request is its application received (domain brief: "the
 * viability assessment stands as the formal application"), in the Ofsted return, the diversity
 * table and the timescales table as in the alerts. The rule (db/journey-sql.ts
 * `applicationReceivedSql`) is an expression over five columns, which no column index can
 * serve, so:
 *
 * - episodes_by_application holds the expression itself (the default basis, the Stage 1 start,
 *   with the kinship rule), with the columns it is made of and the approval and closure dates:
 *   the year's applications, those approved, ended and in progress at 31 March are each one
 *   range of it, read covering, as episodes_by_stage1 served them before. Partial, like the
 *   milestone indexes: only the episodes that applied (about one in five). SQLite uses it only
 *   for a query whose expression is this one, so APPLICATION_STAGE1 is written out here (a
 *   shipped migration never changes) and a unit test holds it equal to the rule's SQL.
 * - episodes_by_panel also carries the viability request: the timescales table's application
 *   to panel interval is read from that index alone, and the rule needs the request.
 *
 * The EOI basis, chosen by few services, keeps no index of its own (as before this migration).
 */
export const APPLICATION_STAGE1 = `(CASE WHEN viability_request IS NOT NULL AND (CASE WHEN switched_on <= viability_request THEN switched_to ELSE pathway END) = 'kinship' AND (stage1 IS NULL OR viability_request <= stage1) THEN viability_request ELSE stage1 END)`;

export const migration0014: Migration = {
  version: 14,
  name: 'kinship-applications',
  up(db) {
    db.exec(`
      CREATE INDEX episodes_by_application ON episodes
        (${APPLICATION_STAGE1}, pathway, switched_on, switched_to, approval, closed_on, viability_request, stage1)
        WHERE ${APPLICATION_STAGE1} IS NOT NULL;
      DROP INDEX episodes_by_panel;
      CREATE INDEX episodes_by_panel ON episodes
        (panel, stage2, stage1, eoi, enquiry, pathway, switched_on, switched_to, viability_request) WHERE panel IS NOT NULL;
    `);
  },
};
