import { describe, expect, it } from 'vitest';
import { reasonChoices } from '../../../src-renderer/src/households/format.ts';

// An ending's form offers the reasons in use, and a retired one only where the ending being
// corrected holds it, marked as retired (helper-254: it read as a reason still in use).
describe('the reasons an ending’s form offers', () => {
  const reasons = [
    { key: 'housing', label: 'No spare bedroom', retired: false },
    { key: 'old', label: 'An old reason', retired: true },
    { key: 'older', label: 'An older reason', retired: true },
  ];
  it('leaves out retired reasons, but for the one held, marked', () => {
    expect(reasonChoices(reasons, null).map((r) => r.label)).toEqual(['No spare bedroom']);
    expect(reasonChoices(reasons, 'old').map((r) => r.label)).toEqual([
      'No spare bedroom',
      'An old reason (retired)',
    ]);
    expect(reasonChoices(reasons, 'housing').map((r) => r.key)).toEqual(['housing']);
  });
});
