/**
 * A schema update the app refuses to commit, in the app's own words: which check failed, naming
 * tables and counts, never a value from a record. The fault log keeps its message (faultDetails),
 * as it keeps SQLite's, because that is what IT needs and it cannot quote a record; so it is raised
 * only where its words are fixed text and counts (tests/unit/reliability/logs.test.ts lists where).
 */
export class MigrationFault extends Error {
  override name = 'MigrationFault';
}
