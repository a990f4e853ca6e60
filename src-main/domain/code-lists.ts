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
  MILESTONE_LABELS,
  PATHWAY_LABELS,
  STATUS_LABELS,
} from './stages.ts';

/** A list of the codes the app stores for one kind of value, each with its name in words. */
export interface CodeList {
  /** Which list (the caller finds where its codes are stored by it). */
  key: string;
  name: string;
  codes: ReadonlyArray<{ key: string; label: string }>;
}

const fromRecord = (key: string, name: string, labels: Readonly<Record<string, string>>): CodeList => ({
  key,
  name,
  codes: Object.entries(labels).map(([code, label]) => ({ key: code, label })),
});

/**
 * Every fixed list of codes a record holds, in words, for a reader who never sees the app (a
 * subject access export's Codes sheet). The service's own reason lists live in the database and are
 * added by the caller. Labels are the ones the screens use, from their one home each.
 */
export const FIXED_CODE_LISTS: readonly CodeList[] = [
  fromRecord('pathway', 'Pathway', PATHWAY_LABELS),
  fromRecord('status', 'Status', STATUS_LABELS),
  fromRecord('stage', 'Stage', CURRENT_STAGE_LABELS),
  fromRecord('milestone', 'Milestone', MILESTONE_LABELS),
  { key: 'source', name: 'Source', codes: SOURCES },
  { key: 'household_type', name: 'Household type', codes: HOUSEHOLD_TYPES },
  fromRecord('ended_by', 'Ended by', ENDED_BY_LABELS),
  fromRecord('initiated_by', 'Initiated by', CEASE_INITIATED_BY_LABELS),
  fromRecord('exit_interview', 'Exit interview', EXIT_INTERVIEW_STATUS_LABELS),
  fromRecord('journey_step', 'Journey step', JOURNEY_DATE_LABELS),
  fromRecord('viability_outcome', 'Viability outcome', VIABILITY_RESULT_LABELS),
  fromRecord('alert', 'Alert', ALERT_LABELS),
  ...CHARACTERISTICS.map((c) => ({
    key: c,
    name: CHARACTERISTIC_LABELS[c],
    codes: CHARACTERISTIC_VALUES[c],
  })),
];
