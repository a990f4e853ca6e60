import { summaryColumns, type SummaryColumns, type SummarySettings } from '../../db/queries/summary.ts';
import { newHouseholdEpisode } from '../../db/episodes-new-household.ts';
import type { NewHouseholdRow } from '../../db/queries/import-commit.ts';
import type { HouseholdColumn } from '../../domain/household-details.ts';
import { MILESTONES, type Milestone, type OpenStage, type Pathway } from '../../domain/stages.ts';
import type { PlannedChange } from './planned-change.ts';

/**
 * A new household's rows as the commit (commit.ts) writes them: its household row, its one episode
 * row and its summary columns, all from what the plan says it will hold, so they are inserted with
 * it rather than rebuilt afterwards from the rows just written.
 */

/**
 * A new household's row: its details from the file and its summary columns (or, when it goes the
 * long way, the placeholders its refresh replaces at the end of the commit).
 */
export function householdRow(
  ch: PlannedChange,
  v: Partial<Record<HouseholdColumn, string>>,
  sum: SummaryColumns | null,
  now: string,
  batchId: number,
  id?: number,
): NewHouseholdRow {
  return {
    // Given for a household buffered in bulk (its id numbered by the commit); SQLite's otherwise.
    id,
    reference: ch.reference,
    reference_derived: ch.derived ? 1 : 0,
    pathway: ch.pathway,
    first_name: v.first_name ?? null,
    surname: v.surname ?? null,
    email: v.email ?? null,
    telephone: v.telephone ?? null,
    postcode: v.postcode ?? null,
    source: v.source ?? null,
    household_type: v.household_type ?? null,
    notes: v.notes ?? null,
    responded_date: ch.created?.responded ?? null,
    purged_at: ch.purgedAt ?? null,
    created_at: now,
    updated_at: now,
    status: sum?.status ?? 'open',
    stage: sum?.stage ?? 'enquiry',
    stage_date: sum?.stage_date ?? null,
    enquiry_date: sum?.enquiry_date ?? null,
    next_alert: sum?.next_alert ?? null,
    next_alert_date: sum?.next_alert_date ?? null,
    overdue: sum?.overdue ?? 0,
    // Its source for every value it is created with (db/field-sources.ts).
    created_batch: batchId,
  };
}

/** A new household's one episode row, from what the plan says it will hold. */
export function episodeRow(
  id: number,
  ch: PlannedChange,
  v: Partial<Record<HouseholdColumn, string>>,
  dates: Partial<Record<Milestone, string>>,
) {
  return newHouseholdEpisode(id, ch.episode, {
    pathway: ch.pathway as Pathway,
    source: v.source ?? null,
    household_type: v.household_type ?? null,
    milestones: dates,
    closure: ch.closure?.next ?? null,
    cessation: ch.cessation?.next ?? null,
  });
}

// A new household has no journey dates (an import does not write them).
const noJourney = () => ({});

// Its milestones in their order (a loop, not closures made for each of 100,000 new households).
function milestoneFacts(episode: number, dates: Partial<Record<Milestone, string>>) {
  const out: Array<{ kind: Milestone; date: string; episode: number }> = [];
  for (const kind of MILESTONES) {
    const date = dates[kind];
    if (date) out.push({ kind, date, episode });
  }
  return out;
}

/** A new household's summary columns, from what the plan says it will hold. */
export function newSummary(
  ch: PlannedChange,
  dates: Partial<Record<Milestone, string>>,
  settings: SummarySettings,
): SummaryColumns {
  const c = ch.closure?.next;
  return summaryColumns(
    {
      episode: ch.episode,
      pathway: ch.pathway as Pathway,
      responded_date: ch.created?.responded ?? null,
    },
    {
      episode: ch.episode,
      milestones: milestoneFacts(ch.episode, dates),
      closure: c ? { episode: c.episode, date: c.date, stageReached: c.stage_reached as OpenStage } : null,
      cessation: ch.cessation ? { date: ch.cessation.next.date } : null,
    },
    noJourney,
    settings,
  );
}
