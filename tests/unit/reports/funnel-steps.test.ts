import { describe, expect, it } from 'vitest';
import { stepText } from '../../../src-renderer/src/reports/funnel-steps.ts';

// The funnel's step between two stages counted in one period: a later stage may be larger (period
// counting mixes cohorts), and read "↓ 200.0% of the stage before" (found driving the screen).
describe('the funnel chart step', () => {
  it('points down to a smaller or equal stage, up to a larger one, and says nothing of a rate it lacks', () => {
    expect(stepText(33.3)).toBe('↓ 33.3% of the stage before');
    expect(stepText(100)).toBe('↓ 100.0% of the stage before');
    expect(stepText(200)).toBe('↑ 200.0% of the stage before');
    expect(stepText(null)).toBe('↓ – of the stage before');
  });
});
