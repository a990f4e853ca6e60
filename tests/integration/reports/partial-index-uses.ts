/**
 * Which statements may take each partial index (partial-index-query-plan.test.ts): an index named
 * in a statement's own SQL (INDEXED BY) is declared there and needs no entry; every other use is
 * SQLite's own choice, made because the WHERE implies the index's condition, and is listed here with
 * why it is wanted. A statement is named by where it is prepared (`file function`, the nearest
 * named function of that file) and what the test was doing when it ran (`during`: `report <table>`,
 * `drill <table>`, `home`, `home drill`, `list`, `import`, `reimport`, `undo`, `sample`, `switch`…).
 *
 * Before adding an entry, check that the statement does not rely on an order the index does not
 * give (the forecast's chunk read needed the primary key's order, 1460e8d) and that the index is
 * not a slower way round. `byValue: true` allows a use SQLite makes only because of a value bound
 * (with every value NULL it takes another path): that is how 1460e8d's went unseen, so say why the
 * plan must turn on the value.
 */
export interface AllowedUse {
  site: string;
  during: RegExp;
  why: string;
  byValue?: true;
}

/** The funnel's milestone counts, which the retention table and the Ofsted return also read. */
const FUNNEL_READERS = /^report (funnel|retention|ofsted)$/;
/** Home's figures and their lists. */
const HOME = /^home( drill)?$/;
/** A migration's whole-table rewrite, run by db.exec on the empty reference schema a restore compares with. */
const MIGRATION = {
  during: /^restore$/,
  why: "a migration's rewrite of every row (db.exec), run on the empty reference schema restore compares a backup with",
};
/** Every episode rebuilt in one statement (db.exec), as the sample is made and a first import loads. */
const REBUILD_ALL = 'db/episodes.ts rebuildAllEpisodes';

export const PARTIAL_INDEX_USES: Record<string, AllowedUse[]> = {
  episodes_by_eoi: [
    {
      site: 'db/queries/reports/funnel.ts milestonesPerPeriod',
      during: FUNNEL_READERS,
      why: 'each milestone counted per period over its own covering index, in date order (funnel.ts)',
    },
    {
      site: 'db/queries/reports/timescales.ts intervalHistograms',
      during: /^report timescales$/,
      why: "an interval read from its later milestone's index (timescales.ts)",
    },
  ],
  episodes_by_stage2: [
    {
      site: 'db/queries/reports/funnel.ts milestonesPerPeriod',
      during: FUNNEL_READERS,
      why: 'as episodes_by_eoi',
    },
    {
      site: 'db/queries/reports/timescales.ts intervalHistograms',
      during: /^report timescales$/,
      why: 'as episodes_by_eoi',
    },
    {
      site: 'db/queries/dashboard.ts countMilestones',
      during: HOME,
      why: "Home's milestones in a range, each from its own index (dashboard.ts datedFrom)",
    },
  ],
  episodes_by_panel: [
    {
      site: 'db/queries/reports/timescales.ts intervalHistograms',
      during: /^report timescales$/,
      why: 'as episodes_by_eoi',
    },
  ],
  episodes_by_stage1_decision: [
    {
      site: 'db/queries/reports/timescales.ts intervalHistograms',
      during: /^report timescales$/,
      why: 'the Stage 1 decision interval (information to a closure at Stage 1), its own index',
    },
  ],
  episodes_by_approval: [
    {
      site: 'db/queries/reports/funnel.ts milestonesPerPeriod',
      during: FUNNEL_READERS,
      why: 'as episodes_by_eoi',
    },
    {
      site: 'db/queries/reports/timescales.ts intervalHistograms',
      during: /^report timescales$/,
      why: 'as episodes_by_eoi',
    },
    {
      site: 'db/queries/reports/retention.ts approvalCessationCells',
      during: /^report retention$/,
      why: 'approvals and their cessations by period, read from the approvals index (retention.ts)',
    },
    {
      site: 'db/queries/dashboard.ts countMilestones',
      during: HOME,
      why: "Home's approvals in a range",
    },
    {
      site: 'db/queries/ofsted.ts countApprovalsInYear',
      during: /^report ofsted$/,
      why: "the return's approvals in its year, by date (ofsted.ts)",
    },
    {
      site: 'db/queries/diversity.ts peopleByCohortYear',
      during: /^report diversity$/,
      why: "the approved cohort's episodes in the years asked for (an OR of each cohort's dated range)",
    },
    {
      site: 'db/queries/drill.ts drillHouseholds',
      during: /^drill ofsted$/,
      why: "the Ofsted return's cells' households, by the same conditions as its counts",
    },
  ],
  episodes_by_application: [
    {
      site: 'db/queries/reports/funnel.ts milestonesPerPeriod',
      during: FUNNEL_READERS,
      why: "application received's own index (migration 14: its date is an expression of the episode)",
    },
    {
      site: 'db/queries/dashboard.ts countMilestones',
      during: HOME,
      why: "Home's applications in a range",
    },
    {
      site: 'db/queries/ofsted.ts countApprovalsInYear',
      during: /^report ofsted$/,
      why: "the return's applications in its year",
    },
    {
      site: 'db/queries/ofsted.ts sumByPathway',
      during: /^report ofsted$/,
      why: "the return's applications by pathway",
    },
    {
      site: 'db/queries/diversity.ts peopleByCohortYear',
      during: /^report diversity$/,
      why: "the applicants' cohort, dated by application received",
    },
    {
      site: 'db/queries/drill.ts drillHouseholds',
      during: /^drill ofsted$/,
      why: "the Ofsted return's cells' households",
    },
  ],
  episodes_by_application_closure: [
    {
      site: 'db/queries/ofsted.ts countSets',
      during: /^report ofsted$/,
      why: "applications withdrawn or ended by their closure (migration 30's index, ofsted-query-plan.test.ts)",
    },
    {
      site: 'db/queries/drill.ts drillHouseholds',
      during: /^drill ofsted$/,
      why: 'their households',
    },
  ],
  episodes_by_cessation: [
    {
      site: 'db/queries/ofsted.ts countSets',
      during: /^report ofsted$/,
      why: "the return's deregistrations in its year, by cessation date",
    },
    {
      site: 'db/queries/ofsted.ts sumByPathway',
      during: /^report ofsted$/,
      why: 'the same, by pathway',
    },
    {
      site: 'db/queries/drill.ts drillHouseholds',
      during: /^drill ofsted$/,
      why: 'their households',
    },
  ],
  episodes_by_household_approval: [
    {
      site: 'db/queries/ofsted.ts sumByPathway',
      during: /^report ofsted$/,
      why: "households approved at 31 March, in household order (migration 30's index)",
    },
    {
      site: 'db/queries/drill.ts drillHouseholds',
      during: /^drill ofsted$/,
      why: 'their households',
    },
    {
      site: 'db/queries/drill.ts whyOf',
      during: /^drill ofsted$/,
      why: 'the same households, for the carers counted as not recorded by age the list says why of',
    },
  ],
  episodes_by_kinship: [
    {
      site: 'db/queries/reports/kinship.ts kinshipCounts',
      during: /^report (kinship|ofsted)$/,
      why: "migration 36's index of the episodes ever on kinship, covering the kinship table (the return weighs against it)",
    },
    {
      site: 'db/queries/drill.ts drillHouseholds',
      during: /^drill kinship$/,
      why: "the kinship table's cells' households, from the same index",
    },
    {
      site: 'db/purge.ts listPurgeDue',
      during: /^purge$/,
      why: 'whether a household due for purge was ever on kinship (its retention differs), from the same index',
    },
  ],
  exit_interviews_by_closure: [
    {
      site: 'db/episodes.ts prepared',
      during: /.*/,
      why: "an episode's refresh joins its closure's one exit interview (the index is unique: one a closure)",
    },
    {
      site: REBUILD_ALL,
      during: /.*/,
      why: "every episode's rebuild joins its closure's one exit interview, as one episode's refresh does",
    },
    { site: 'db/migrations/0007-episodes.ts up', ...MIGRATION },
    { site: 'db/migrations/0028-closure-exit-interview-answers.ts up', ...MIGRATION },
    {
      site: 'db/journey-rows.ts statements',
      during: /^(sample|import|reimport|undo|hand edit)$/,
      why: "a closure's exit interview, found by its closure (the foreign key's checks as a closure is written or deleted)",
    },
    {
      site: 'db/queries/import-existing.ts exitInterviewOf',
      during: /^(import|reimport|hand edit)$/,
      why: "a closure's one exit interview, which a change moving the closure may not pass (the journey's state, by hand or by a row)",
    },
  ],
  exit_interviews_by_cessation: [
    {
      site: 'db/episodes.ts prepared',
      during: /.*/,
      why: "an episode's refresh joins its cessation's one exit interview (unique: one a cessation)",
    },
    {
      site: REBUILD_ALL,
      during: /.*/,
      why: "every episode's rebuild joins its cessation's one exit interview, as one episode's refresh does",
    },
    { site: 'db/migrations/0025-cessation-exit-interviews.ts up', ...MIGRATION },
    {
      site: 'db/journey-rows.ts statements',
      during: /^(sample|hand edit)$/,
      why: "a cessation's exit interview, found by its cessation (its read, and the foreign key's checks)",
    },
    {
      site: 'db/queries/import-existing.ts exitInterviewOf',
      during: /^(import|reimport|hand edit)$/,
      why: "a cessation's one exit interview, which a change moving the cessation may not pass (the journey's state, by hand or by a row)",
    },
  ],
  episodes_by_closure: [
    { site: 'db/migrations/0020-kinship-closure-stage.ts up', ...MIGRATION },
    { site: 'db/migrations/0028-closure-exit-interview-answers.ts up', ...MIGRATION },
  ],
  household_people_by_current_position: [
    {
      site: 'db/queries/import-extras.ts ExtrasReader',
      during: /^(reimport|register reimport)$/,
      why: "a household's current carers (left_on IS NULL), in position order, as the import compares them",
    },
    {
      site: 'db/queries/carers.ts moveCarers',
      during: /^merge$/,
      why: "each household's current carers' positions, to refuse a merge whose carers would share one",
    },
  ],
};

/**
 * Partial indexes no statement here takes, and why each is kept. An index nothing reads still costs
 * every write of its table and a first import's rebuild of it. None now: episodes_by_stage1, unused
 * since migration 14, was dropped by migration 37.
 */
export const UNUSED_PARTIAL_INDEXES: Record<string, string> = {};
