import { ALERT_LABELS } from './alerts.ts';
import { CHARACTERISTIC_LABELS, CHARACTERISTIC_VALUES, CHARACTERISTICS } from './characteristics.ts';
import { HOUSEHOLD_TYPES } from './household-types.ts';
import { JOURNEY_DATE_LABELS, VIABILITY_RESULT_LABELS } from './journey-dates.ts';
import { SOURCES } from './sources.ts';
import {
  CEASE_INITIATED_BY_LABELS,
  CURRENT_STAGE_LABELS,
  ENDED_BY_LABELS,
  EXIT_INTERVIEW_STATUS_LABELS,
  MIGHT_RETURN_LABELS,
  MILESTONE_LABELS,
  PATHWAY_LABELS,
  STATUS_LABELS,
} from './stages.ts';

/** A list of the codes the app stores for one kind of value, each with its name in words. */
export interface CodeList {
  name: string;
  codes: ReadonlyArray<{ key: string; label: string }>;
}

const fromRecord = (name: string, labels: Readonly<Record<string, string>>): CodeList => ({
  name,
  codes: Object.entries(labels).map(([key, label]) => ({ key, label })),
});

/**
 * Every fixed list of codes a record holds, in words, for a reader who never sees the app (a
 * subject access export's Codes sheet). The service's own reason lists live in the database and are
 * added by the caller. Labels are the ones the screens use, from their one home each.
 */
export const FIXED_CODE_LISTS: readonly CodeList[] = [
  fromRecord('Pathway', PATHWAY_LABELS),
  fromRecord('Status', STATUS_LABELS),
  fromRecord('Stage', CURRENT_STAGE_LABELS),
  fromRecord('Milestone', MILESTONE_LABELS),
  { name: 'Source', codes: SOURCES },
  { name: 'Household type', codes: HOUSEHOLD_TYPES },
  fromRecord('Ended by', ENDED_BY_LABELS),
  fromRecord('Initiated by', CEASE_INITIATED_BY_LABELS),
  fromRecord('Exit interview', EXIT_INTERVIEW_STATUS_LABELS),
  fromRecord('Might return', MIGHT_RETURN_LABELS),
  fromRecord('Journey step', JOURNEY_DATE_LABELS),
  fromRecord('Viability outcome', VIABILITY_RESULT_LABELS),
  fromRecord('Alert', ALERT_LABELS),
  ...CHARACTERISTICS.map((c) => ({ name: CHARACTERISTIC_LABELS[c], codes: CHARACTERISTIC_VALUES[c] })),
];
