import { describe, expect, it } from 'vitest';
import type { HouseholdRecord } from '../../../src-main/contract/households.ts';
import { offeredSteps } from '../../../src-renderer/src/households/journey-steps.ts';

/** The record fields offeredSteps reads; the rest of a record does not bear on the steps offered. */
const record = (
  milestones: Array<[kind: HouseholdRecord['milestones'][number]['kind'], date: string, episode?: number]>,
  steps: Array<[kind: HouseholdRecord['journeyDates'][number]['kind'], date: string]> = [],
): HouseholdRecord =>
  ({
    episode: 2,
    followsKinship: false,
    milestones: milestones.map(([kind, date, episode = 2]) => ({ kind, date, episode })),
    journeyDates: steps.map(([kind, date]) => ({ kind, date, episode: 2 })),
  }) as unknown as HouseholdRecord;

describe("the record's dated steps (offeredSteps)", () => {
  it('offers a step only once the current episode has the milestone it needs', () => {
    // The earlier episode's panel does not count: its minutes are not offered in this one.
    const r = record([
      ['enquiry', '2026-01-05'],
      ['stage1', '2026-02-01'],
      ['panel', '2025-06-01', 1],
    ]);
    expect(offeredSteps(r)).toEqual({ steps: ['stage1_information'], next: 'stage1_information' });
  });

  it('passes all Stage 1 information as the default once the episode is past Stage 1, as the decision clock does', () => {
    const atStage2 = record([
      ['enquiry', '2026-01-05'],
      ['stage1', '2026-02-01'],
      ['stage2', '2026-04-01'],
    ]);
    // No other step waits at Stage 2, so it is still the one offered.
    expect(offeredSteps(atStage2)).toEqual({ steps: ['stage1_information'], next: 'stage1_information' });
    // A panel with no Stage 2 start recorded: no Stage 1 decision waits either.
    const atPanel = record([
      ['enquiry', '2026-01-05'],
      ['stage1', '2026-02-01'],
      ['panel', '2026-09-01'],
    ]);
    expect(offeredSteps(atPanel)).toEqual({
      steps: ['stage1_information', 'panel_minutes'],
      next: 'panel_minutes',
    });
    // Recorded, the minutes leave Stage 1 information as the only step waiting.
    const minuted = record(
      [
        ['enquiry', '2026-01-05'],
        ['stage1', '2026-02-01'],
        ['panel', '2026-09-01'],
      ],
      [['panel_minutes', '2026-09-08']],
    );
    expect(offeredSteps(minuted).next).toBe('stage1_information');
  });
});
