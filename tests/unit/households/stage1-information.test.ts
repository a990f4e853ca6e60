import { describe, expect, it } from 'vitest';
import { checkJourneyDate, milestoneStepsFault } from '../../../src-main/domain/journey-date-order.ts';

/**
 * All Stage 1 information obtained (domain brief, Timescales: the Stage 1 "unsuitable" decision is
 * due within 10 working days of it) is a dated step of either pathway's Stage 1: on or after the
 * Stage 1 start, never in the future; Stage 1 and Stage 2 may overlap, so after a Stage 2 start too.
 */
const check = (
  date: string,
  milestones: Record<string, string>,
  pathway: 'mainstream' | 'kinship' = 'mainstream',
) =>
  checkJourneyDate('stage1_information', { date }, { pathway, milestones, journey: {}, today: '2026-11-26' });

describe('all Stage 1 information obtained, as a dated step', () => {
  it('follows the Stage 1 start, on either pathway, and is never in the future', () => {
    expect(check('2026-10-01', { enquiry: '2026-08-03', eoi: '2026-08-20' })).toBe(
      'Record the Stage 1 start before the Stage 1 information complete.',
    );
    expect(check('2026-09-01', { enquiry: '2026-08-03', stage1: '2026-09-02' })).toBe(
      'Stage 1 information complete date 01/09/2026 is before the Stage 1 start date 02/09/2026.',
    );
    expect(check('2026-11-27', { enquiry: '2026-08-03', stage1: '2026-09-02' })).toBe(
      'Stage 1 information complete date 27/11/2026 is in the future.',
    );
    expect(check('2026-09-02', { enquiry: '2026-08-03', stage1: '2026-09-02' })).toBeNull();
    expect(check('2026-11-26', { enquiry: '2026-08-03', stage1: '2026-09-02' }, 'kinship')).toBeNull();
  });

  it('may come after the Stage 2 start: the two stages may overlap', () => {
    expect(
      check('2026-11-02', { enquiry: '2026-08-03', stage1: '2026-09-02', stage2: '2026-10-15' }),
    ).toBeNull();
  });

  it('bounds the Stage 1 start, which is not corrected past it', () => {
    expect(milestoneStepsFault('stage1', '2026-10-02', { stage1_information: { date: '2026-10-01' } })).toBe(
      'Stage 1 date 02/10/2026 is after the Stage 1 information complete date 01/10/2026: correct that first.',
    );
    expect(
      milestoneStepsFault('stage1', '2026-10-01', { stage1_information: { date: '2026-10-01' } }),
    ).toBeNull();
  });
});
