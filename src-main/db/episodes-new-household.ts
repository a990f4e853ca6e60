import { rowBuffer, type RowBuffer } from './bulk-insert.ts';
import type { Db } from './handle.ts';
import { MILESTONES, stageReached, type Pathway } from '../domain/stages.ts';
import {
  CESSATION_INTERVIEW_COLUMNS,
  CLOSURE_INTERVIEW_COLUMNS,
  EPISODE_COLUMNS,
  JOURNEY_COLUMNS,
  type EpisodeRow,
} from './episodes-table.ts';

/**
 * A new household's episode row, made from the facts the import has in hand and inserted whole
 * (one by one, or several to a statement in a bulk load), rather than rebuilt from the rows just
 * written (episodes.ts rebuildSql, which it must equal).
 */

/** What a new household's only episode is made from (as the import has it in hand). */
export interface NewEpisodeFacts {
  pathway: Pathway;
  source: string | null;
  household_type: string | null;
  milestones: Partial<Record<(typeof MILESTONES)[number], string>>;
  closure: { date: string; stage_reached: string; reason_key: string; ended_by: string } | null;
  cessation: { date: string; reason_key: string } | null;
}

/**
 * The episode row rebuildSql makes for a household with one episode, no pathway switch, no
 * journey date and no exit interview (after its closure or its cessation): what every household an import creates is. The import
 * inserts it directly instead of rebuilding from the rows it has just written (a third of a
 * large import's time). tests/integration/imports/bulk-rows.test.ts holds the two equal.
 */
export function newHouseholdEpisode(householdId: number, episode: number, f: NewEpisodeFacts): EpisodeRow {
  const m = f.milestones;
  // A cessation belongs to the latest approved episode: here the only one, if approved.
  const ceased = m.approval && f.cessation ? f.cessation : null;
  // Its milestones (a loop, not a closure made for each of an import's 100,000 new households).
  const reached: Array<(typeof MILESTONES)[number]> = [];
  for (const k of MILESTONES) if (m[k]) reached.push(k);
  return {
    household_id: householdId,
    episode,
    pathway: f.pathway,
    switched_on: null,
    switched_to: null,
    first_switched_on: null,
    source: f.source,
    household_type: f.household_type,
    enquiry: m.enquiry ?? null,
    initial_visit: m.initial_visit ?? null,
    eoi: m.eoi ?? null,
    stage1: m.stage1 ?? null,
    stage2: m.stage2 ?? null,
    panel: m.panel ?? null,
    approval: m.approval ?? null,
    stage_reached: stageReached(reached),
    closed_on: f.closure?.date ?? null,
    closed_stage: f.closure?.stage_reached ?? null,
    closed_reason: f.closure?.reason_key ?? null,
    ended_by: f.closure?.ended_by ?? null,
    exit_interview: null,
    ceased_on: ceased?.date ?? null,
    ceased_reason: ceased?.reason_key ?? null,
    stage1_information: null,
    panel_minutes: null,
    viability_request: null,
    viability_outcome: null,
    viability_result: null,
    reg24_placement: null,
    extension: null,
    irm_pending_from: null,
    irm_pending_to: null,
    cessation_exit_interview: null,
    cessation_might_return: null,
    cessation_exit_reasons: null,
    closure_might_return: null,
    closure_exit_reasons: null,
  };
}

/** Every column of an episode row, key first: the order episodeInserter binds them in. */
const INSERT_COLUMNS = ['household_id', 'episode', ...EPISODE_COLUMNS] as Array<keyof EpisodeRow>;

/**
 * Columns a new household's episode never fills (newHouseholdEpisode): no pathway switch, exit
 * interview (an import records none) or journey date yet. The bulk buffer binds them once a statement, not once a row.
 */
const NEVER_NEW = [
  'switched_on',
  'switched_to',
  'first_switched_on',
  'exit_interview',
  ...JOURNEY_COLUMNS,
  ...CESSATION_INTERVIEW_COLUMNS,
  ...CLOSURE_INTERVIEW_COLUMNS,
] as const;

/** New households' episode rows (newHouseholdEpisode), several to a statement (a bulk load; flush before reading). */
export function episodeBuffer(db: Db): RowBuffer<EpisodeRow> {
  const fixed = Object.fromEntries(NEVER_NEW.map((c) => [c, null])) as Record<
    (typeof NEVER_NEW)[number],
    null
  >;
  return rowBuffer(db, 'episodes', INSERT_COLUMNS, { fixed });
}

/** Inserts episode rows given whole (a new household's, from newHouseholdEpisode). */
export function episodeInserter(db: Db): (row: EpisodeRow) => void {
  const insert = db.prepare<unknown[]>(
    `INSERT INTO episodes (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
  );
  // Positional values: binding by name costs more than the insert itself at this width.
  const values = new Array<unknown>(INSERT_COLUMNS.length);
  return (row) => {
    for (let i = 0; i < INSERT_COLUMNS.length; i++) values[i] = row[INSERT_COLUMNS[i]!];
    insert.run(values);
  };
}
