/**
 * Whole-table scans of the big tables (households, episodes, milestones, audit_log,
 * household_people, closures) that the paths partial-index-query-plan.test.ts's morePaths drives
 * may make, each with why no index should serve it. `line` is the plan's line exactly. A trigger's
 * statements (planned from the schema, support/bound-plans.ts triggerPlans) are held to scan no
 * table at all, big or not; one that must would be listed with site `trigger <name> (on <table>)`
 * and during /^trigger$/. An entry no statement matched in the run fails the test: it is stale.
 */
const IMPORTS = /^(xlsx import|register import|register reimport)$/;
const MIGRATIONS = 'a migration, run on the empty reference schema restore compares a backup with';

export const FULL_SCANS: Array<{ site: string; line: string; during: RegExp; why: string }> = [
  {
    site: 'db/queries/import-existing.ts householdsForImport',
    line: 'SCAN households',
    during: IMPORTS,
    why: 'an import matches its rows against every household (reference, name, email), read once into memory',
  },
  {
    site: 'db/queries/import-existing.ts whereMergedAway',
    line: 'SCAN a',
    during: IMPORTS,
    why: 'the references merged away, read once by an import bringing a household no reference holds (0.08 s at a million entries)',
  },
  {
    site: 'db/queries/household-lookups.ts referenceGone',
    line: 'SCAN a',
    during: /.*/,
    why: 'whether a reference typed for a new household was merged away, from the merge entries of the log, read once for a household typed by hand (0.08 s at a million entries)',
  },
  {
    site: 'db/queries/household-lookups.ts hasHouseholds',
    line: 'SCAN households USING COVERING INDEX households_by_days_in_stage',
    during: IMPORTS,
    why: 'EXISTS stops at the first entry: one row read, whatever the size',
  },
  {
    site: 'db/queries/import-commit.ts statements',
    line: 'SCAN households USING COVERING INDEX households_by_days_in_stage',
    during: IMPORTS,
    why: "the households' count once per import, from the narrowest index (SQLite keeps no row count)",
  },
  {
    site: 'db/restore.ts checkDatabaseFile',
    line: 'SCAN households USING COVERING INDEX households_by_days_in_stage',
    during: /^restore$/,
    why: "the backup's households counted once, to say what a restore brings back",
  },
  {
    site: 'db/purge.ts listPurgeDue',
    line: 'SCAN h',
    during: /^purge$/,
    why: "every closed or ceased household is weighed (most of them), in id order so each one's lookups walk their household_id indexes in order: 13.0 s through the status index at 1,000,000, 5.2 s so",
  },
  ...[
    ['0029-households-folded-names', 'households_by_name_nocase'],
    ['0031-surname-parts-and-name-fold-index', 'households_by_name_nocase'],
    ['0033-name-parts-with-the-rest', 'households_by_name_nocase'],
  ].map(([file, index]) => ({
    site: `db/migrations/${file!}.ts up`,
    line: `SCAN households USING COVERING INDEX ${index!}`,
    during: /^restore$/,
    why: MIGRATIONS,
  })),
  // Run by db.exec (support/bound-plans.ts plans each statement of it as it runs).
  ...[
    ['0005-private-ids-purge-ledger', 'SCAN households'],
    ['0007-episodes', 'SCAN h'],
    ['0007-episodes', 'SCAN h USING COVERING INDEX households_by_stage_date'],
    ['0010-people-profiles', 'SCAN household_people USING INDEX household_people_by_household'],
    ['0011-episode-forecast-text', 'SCAN episodes'],
    ['0019-episode-first-switch', 'SCAN episodes'],
    ['0020-kinship-closure-stage', 'SCAN closures'],
    ['0020-kinship-closure-stage', 'SCAN e USING INDEX episodes_by_closure'],
    ['0021-episode-start-and-decision', 'SCAN closures'],
    ['0025-cessation-exit-interviews', 'SCAN episodes'],
    ['0027-forecast-kinship-application', 'SCAN episodes'],
    ['0028-closure-exit-interview-answers', 'SCAN episodes USING INDEX episodes_by_closure'],
    ['0032-reasons-of-interviews-not-held', 'SCAN episodes'],
    ['0034-audit-reasons-of-interviews-not-held', 'SCAN audit_log'],
  ].map(([file, line]) => ({
    site: `db/migrations/${file!}.ts up`,
    line: line!,
    during: /^restore$/,
    why: MIGRATIONS,
  })),
  {
    site: 'db/migrations/0035-search-parts-spaced-names-and-carers.ts up',
    line: 'SCAN p',
    during: /^restore$/,
    why: MIGRATIONS,
  },
];
