import type { HouseholdRecord, JourneyDateRecord } from '../../../src-main/contract/households.ts';
import type { JourneyDateKind } from '../../../src-main/contract/journey.ts';
import {
  JOURNEY_DATE_KINDS,
  JOURNEY_DATE_LABELS,
  KINSHIP_ONLY,
  VIABILITY_RESULT_LABELS,
  type ViabilityResult,
} from '../../../src-main/contract/vocab.ts';

/**
 * The dated steps a household's pathway has, in the order they happen: the kinship steps, then
 * the panel minutes, which follow the panel (a mainstream household has only those).
 */
export const stepsFor = (pathway: HouseholdRecord['pathway']): JourneyDateKind[] => [
  ...(pathway === 'kinship' ? JOURNEY_DATE_KINDS.filter((k) => KINSHIP_ONLY.has(k)) : []),
  ...JOURNEY_DATE_KINDS.filter((k) => !KINSHIP_ONLY.has(k)),
];

export const stepLabel = (kind: JourneyDateKind): string => JOURNEY_DATE_LABELS[kind];

/** The steps recorded in the household's current episode (the only ones that can change). */
export function currentSteps(record: HouseholdRecord): Partial<Record<JourneyDateKind, JourneyDateRecord>> {
  return Object.fromEntries(
    record.journeyDates.filter((j) => j.episode === record.episode).map((j) => [j.kind, j]),
  );
}

/** What a step adds to its date: the viability result or the extension's reason. */
export function stepDetail(j: JourneyDateRecord): string {
  if (j.kind === 'viability_outcome' && j.detail)
    return VIABILITY_RESULT_LABELS[j.detail as ViabilityResult] ?? j.detail;
  if (j.kind === 'extension' && j.reason) return j.reason;
  return '';
}
