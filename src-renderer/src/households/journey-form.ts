import type { HouseholdRecord } from '../../../src-main/contract/households.ts';

/** What every journey action form takes: the record, and where the fresh record goes once the core answers. */
export interface JourneyFormProps {
  record: HouseholdRecord;
  onDone(r: HouseholdRecord): void;
}

/** The milestones of the household's current episode (earlier episodes are history, not editable). */
export const currentMilestones = (r: HouseholdRecord) => r.milestones.filter((m) => m.episode === r.episode);
