import { describe, expect, it } from 'vitest';
import { stepText } from '../../../src-renderer/src/reports/funnel-steps.ts';

// The funnel's step between two stages counted in one period: a later stage may be larger (period
// counting mixes cohorts), and read "↓ 200.0% of the stage before" (found driving the screen).
describe('the funnel chart step', () => {
  it('points down to a smaller stage, across to an equal one, up to a larger one, and nowhere without a rate', () => {
    expect(stepText(33.3)).toBe('↓ 33.3% of the stage before');
    // No fall reads as none (helper-244), and a rate not known points nowhere.
    expect(stepText(100)).toBe('→ 100.0% of the stage before');
    expect(stepText(200)).toBe('↑ 200.0% of the stage before');
    expect(stepText(null)).toBe('– of the stage before');
  });
});
