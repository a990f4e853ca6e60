import type { Database } from 'better-sqlite3';

/**
 * Whether the file has table `name`: code that opens any schema version (the purge ledger on an
 * older copy, a restore's check, an import into a file from before a table) asks this first.
 */
export const hasTable = (db: Database, name: string): boolean =>
  db
    .prepare<[string], number>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?")
    .pluck()
    .get(name)! > 0;
