/**
 * The households whose personal details a purge erased, as a subquery for `IN`: those the purge
 * ledger names, looked up by reference (CROSS JOIN keeps the ledger outside: never a scan of
 * households). The diversity table and the Ofsted return count their people as erased, not as
 * people with nothing recorded, so a purge changes no figure of a year already published.
 */
export const ERASED_HOUSEHOLD_IDS = `SELECT h.id FROM purge_ledger l CROSS JOIN households h
  ON h.reference = l.reference WHERE h.purged_at IS NOT NULL`;
