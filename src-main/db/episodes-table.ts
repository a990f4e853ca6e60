import { MILESTONES, type Pathway } from '../domain/stages.ts';
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
