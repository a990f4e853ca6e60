import type { HouseholdRecord, JourneyDateRecord } from '../../../src-main/contract/households.ts';
import type { JourneyDateKind } from '../../../src-main/contract/journey.ts';
import {
  JOURNEY_DATE_KINDS,
  JOURNEY_DATE_LABELS,
  JOURNEY_DATE_NEEDS,
  KINSHIP_ONLY,
  pastStage1,
} from '../../../src-main/contract/vocab.ts';

/**
 * The dated steps a household's pathway has, in the order they happen: the kinship steps, then
 * all Stage 1 information obtained and the panel minutes (a mainstream household has only those).
 */
export const stepsFor = (pathway: HouseholdRecord['pathway']): JourneyDateKind[] => [
  ...(pathway === 'kinship' ? JOURNEY_DATE_KINDS.filter((k) => KINSHIP_ONLY.has(k)) : []),
  ...JOURNEY_DATE_KINDS.filter((k) => !KINSHIP_ONLY.has(k)),
];

/**
 * The steps the record's form offers: the pathway's, less those whose milestone the current
 * episode has not reached (JOURNEY_DATE_NEEDS: the Stage 1 start, the panel), which the core would
 * refuse; one recorded stays, to be corrected or removed. First, the step it offers unasked: the
 * next not recorded, passing all Stage 1 information once the episode is past Stage 1 (no
 * decision waits on it then; it can still be chosen).
 */
export function offeredSteps(record: HouseholdRecord): { steps: JourneyDateKind[]; next?: JourneyDateKind } {
  const recorded = currentSteps(record);
  const reached = Object.fromEntries(currentMilestones(record).map((m) => [m.kind, m.date]));
  const steps = stepsFor(record.followsKinship ? 'kinship' : 'mainstream').filter((k) => {
    const needs = JOURNEY_DATE_NEEDS[k];
    return !needs || !!reached[needs] || !!recorded[k];
  });
  const waiting = steps.filter((k) => !recorded[k]);
  const next =
    waiting.find((k) => !(k === 'stage1_information' && pastStage1(reached))) ?? waiting[0] ?? steps[0];
  return { steps, next };
}

export const stepLabel = (kind: JourneyDateKind): string => JOURNEY_DATE_LABELS[kind];

/** The milestones of the household's current episode (an earlier episode's are only corrected: CorrectMilestoneForm). */
export const currentMilestones = (r: HouseholdRecord) => r.milestones.filter((m) => m.episode === r.episode);

/** The steps recorded in the household's current episode (the only ones that can change). */
export function currentSteps(record: HouseholdRecord): Partial<Record<JourneyDateKind, JourneyDateRecord>> {
  return Object.fromEntries(
    record.journeyDates.filter((j) => j.episode === record.episode).map((j) => [j.kind, j]),
  );
}
