import type { Migration } from './types.ts';

/**
 * The enquiry index also carries the viability request, so that application received on the EOI
 * basis (db/journey-sql.ts `applicationReceivedSql`: a kinship household's viability request, or
 * the EOI, or the Stage 1 start) is read from it alone, as before migration 14 made the rule need
 * the request. Without it the Ofsted return's ended applications on that basis read the row of
 * every closed episode (~1.3 → ~4.3 s of CPU at 1,000,000 households); with it, the enquiry index
 * covering, as before (~0.16 s for that statement). The default basis has its own index
 * (episodes_by_application, migration 14). The request is null on most episodes: a byte each.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'enquiry-index-viability',
  up(db) {
    db.exec(`
      DROP INDEX episodes_by_enquiry;
      CREATE INDEX episodes_by_enquiry ON episodes
        (enquiry, source, pathway, switched_on, switched_to, closed_on, eoi, stage1, stage2, panel, approval, viability_request);
    `);
  },
};
