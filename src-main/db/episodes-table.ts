import { EXIT_INTERVIEW_STATUSES, MILESTONES, PATHWAYS, type Pathway } from '../domain/stages.ts';
import { sqlStringList } from './journey-sql.ts';
import { JOURNEY_DATE_KINDS } from '../domain/journey-dates.ts';

/**
 * The episodes table: one row per household episode (an enquiry and what followed it), the
 * record every report reads. It is kept by `refreshEpisodes`, called by refreshSummaries in the
 * same transaction as any change to a household's facts, so it can never disagree with them.
 *
 * Invariants (what makes published years stay published):
 * - `pathway` is the pathway as at the episode's enquiry, from the dated pathway switches; a
 *   switch inside the episode is `switched_on`/`switched_to`: events from that date count under it;
 *   an episode switched twice (at most: domain/journey.ts) also has the first one's date,
 *   `first_switched_on`: from it until the day before `switched_on` it counts under the other
 *   pathway (db/journey-sql.ts `pathwayAtSql`).
 * - `source` and `household_type` are the household's as at that enquiry: only the current
 *   episode follows edits to the household; an earlier episode keeps what it had.
 */
export interface EpisodeRow {
  household_id: number;
  episode: number;
  pathway: Pathway;
  switched_on: string | null;
  switched_to: Pathway | null;
  /** Switched twice: the first switch's date (null with none or one): migration 19. */
  first_switched_on: string | null;
  source: string | null;
  household_type: string | null;
  enquiry: string | null;
  initial_visit: string | null;
  eoi: string | null;
  stage1: string | null;
  stage2: string | null;
  panel: string | null;
  approval: string | null;
  stage_reached: string;
  closed_on: string | null;
  closed_stage: string | null;
  closed_reason: string | null;
  ended_by: string | null;
  /** The status of the closure's exit interview (offered, held, declined), if one is recorded. */
  exit_interview: string | null;
  ceased_on: string | null;
  ceased_reason: string | null;
  /** The episode's journey dates (journey_dates, one per kind): see domain/journey-dates.ts. */
  /** All Stage 1 information obtained: migration 23. */
  stage1_information: string | null;
  panel_minutes: string | null;
  viability_request: string | null;
  viability_outcome: string | null;
  viability_result: 'positive' | 'negative' | null;
  reg24_placement: string | null;
  extension: string | null;
  irm_pending_from: string | null;
  irm_pending_to: string | null;
  /**
   * The exit interview after the cessation (on the episode holding `ceased_on`): its status, 1 or 0
   * where the carer said they might or might not return later, and the leaving reasons given as a
   * JSON array of keys in key order (null for none): migration 25.
   */
  cessation_exit_interview: string | null;
  cessation_might_return: 0 | 1 | null;
  cessation_exit_reasons: string | null;
  /**
   * The exit interview after the closure (`exit_interview` is its status): 1 or 0 where the
   * applicant said they might or might not return later, and the drop-out reasons given as a JSON
   * array of keys in key order (null for none), as recorded whatever the status: migration 28.
   */
  closure_might_return: 0 | 1 | null;
  closure_exit_reasons: string | null;
}

/** Columns copied from journey_dates: each kind's date, and the viability outcome's result. */
export const JOURNEY_COLUMNS = [...JOURNEY_DATE_KINDS, 'viability_result'] as const;

/**
 * The journey columns migration 7 made, in its order: EPISODES_DDL is migration 7's table, and a
 * database at any version must be the one its migrations made (db/schema-check.ts builds the
 * expected schema by running them). A kind added since has its column added by its own migration
 * (23: `stage1_information`), at the end of the table.
 */
const V7_JOURNEY_COLUMNS = [
  'panel_minutes',
  'viability_request',
  'viability_outcome',
  'reg24_placement',
  'extension',
  'irm_pending_from',
  'irm_pending_to',
  'viability_result',
] as const satisfies ReadonlyArray<(typeof JOURNEY_COLUMNS)[number]>;

export const MILESTONE_COLUMNS = MILESTONES.join(', ');

/** The cessation's exit interview (migration 25, at the end of the table): see EpisodeRow. */
export const CESSATION_INTERVIEW_COLUMNS = [
  'cessation_exit_interview',
  'cessation_might_return',
  'cessation_exit_reasons',
] as const;

/** What the closure's exit interview said (migration 28, at the end of the table): see EpisodeRow. */
export const CLOSURE_INTERVIEW_COLUMNS = ['closure_might_return', 'closure_exit_reasons'] as const;

/** Every column of an episode row but its key (household_id, episode). */
export const EPISODE_COLUMNS: readonly string[] = [
  'pathway',
  'switched_on',
  'switched_to',
  'first_switched_on',
  'source',
  'household_type',
  ...MILESTONES,
  'stage_reached',
  'closed_on',
  'closed_stage',
  'closed_reason',
  'ended_by',
  'exit_interview',
  'ceased_on',
  'ceased_reason',
  ...JOURNEY_COLUMNS,
  ...CESSATION_INTERVIEW_COLUMNS,
  ...CLOSURE_INTERVIEW_COLUMNS,
];

/**
 * The pathway columns the indexes carried at migration 7. Since migration 19 every index also
 * carries `first_switched_on` after them (what `pathwayAtSql` reads); these are migration 7's.
 */
const PATHWAY_COLUMNS = 'pathway, switched_on, switched_to';

/**
 * The indexes of the episodes table as migration 7 made them (what each serves: see EPISODES_DDL).
 * Later migrations change them in their own files: 9 adds approval and closed_on to episodes_by_stage1;
 * 14 adds episodes_by_application (application received, db/journey-sql.ts) and the viability
 * request to episodes_by_panel; 15 adds the viability request to episodes_by_enquiry; 18 adds
 * the first of two switches to every one; 21 adds the panel minutes to episodes_by_approval, and episodes_by_initial_visit.
 */
const INDEXES: Record<string, string> = {
  episodes_by_enquiry: `(enquiry, source, ${PATHWAY_COLUMNS}, closed_on, eoi, stage1, stage2, panel, approval)`,
  episodes_by_eoi: `(eoi, enquiry, ${PATHWAY_COLUMNS}) WHERE eoi IS NOT NULL`,
  episodes_by_stage1: `(stage1, enquiry, ${PATHWAY_COLUMNS}) WHERE stage1 IS NOT NULL`,
  episodes_by_stage2: `(stage2, eoi, enquiry, ${PATHWAY_COLUMNS}) WHERE stage2 IS NOT NULL`,
  episodes_by_panel: `(panel, stage2, stage1, eoi, enquiry, ${PATHWAY_COLUMNS}) WHERE panel IS NOT NULL`,
  episodes_by_approval: `(approval, panel, enquiry, ${PATHWAY_COLUMNS}, ceased_on, ceased_reason) WHERE approval IS NOT NULL`,
  episodes_by_closure: `(closed_reason, closed_stage, ended_by, exit_interview, closed_on, ${PATHWAY_COLUMNS}) WHERE closed_on IS NOT NULL`,
};
const CREATE_INDEXES = Object.entries(INDEXES)
  .map(([name, definition]) => `CREATE INDEX ${name} ON episodes ${definition};`)
  .join('\n');

/**
 * The table, as migration 7 creates it (kept here beside its row type, the refresh in
 * episodes.ts; later migrations change it in their own files: 19 adds `first_switched_on`, 23
 * `stage1_information`, 25 the cessation's exit interview with its index episodes_by_cessation,
 * 28 what the closure's exit interview said with its index episodes_by_closure_interview).
 *
 * Keyed by (household, episode) without a rowid, so every index also carries the household and
 * episode: a report's drill-down reads the same index as its count. Each report reads one
 * covering index in its own order (no lookup per episode, and rarely a sort):
 * - by enquiry: the funnel's enquiries, the cohort (reached, open) and the sources table, each
 *   in one pass grouped by enquiry day;
 * - one partial index per later milestone, only its episodes (a minority), with the earlier
 *   dates the timescales pair it with and the enquiry the cohort's days count from;
 * - by closure reason, stage, who ended it and exit interview: the three drop-out views in one
 *   pass, in group order;
 * - approval also carries the cessation: retention and leaving read only approved episodes;
 * - Stage 1 also carries approval and closure since migration 9: the Ofsted return's
 *   applications in progress at 31 March.
 */
export const EPISODES_DDL = `
  CREATE TABLE episodes (
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    episode INTEGER NOT NULL,
    pathway TEXT NOT NULL CHECK (pathway IN ${sqlStringList(PATHWAYS)}),
    switched_on TEXT,
    switched_to TEXT CHECK (switched_to IN ${sqlStringList(PATHWAYS)}),
    source TEXT,
    household_type TEXT,
    ${MILESTONES.map((m) => `${m} TEXT`).join(',\n    ')},
    stage_reached TEXT NOT NULL,
    closed_on TEXT,
    closed_stage TEXT,
    closed_reason TEXT,
    ended_by TEXT,
    exit_interview TEXT CHECK (exit_interview IN ${sqlStringList(EXIT_INTERVIEW_STATUSES)}),
    ceased_on TEXT,
    ceased_reason TEXT,
    ${V7_JOURNEY_COLUMNS.map((c) => `${c} TEXT`).join(',\n    ')},
    PRIMARY KEY (household_id, episode)
  ) STRICT, WITHOUT ROWID;
${CREATE_INDEXES}
`;
