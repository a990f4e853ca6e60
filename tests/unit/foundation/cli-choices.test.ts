import { describe, expect, it } from 'vitest';
import { choose } from '../../../src-main/transports/cli/choices.ts';
import { UsageError } from '../../../src-main/transports/cli/command.ts';

const REASONS = [
  { key: 'lost_contact', labels: ['Lost contact / no response'] },
  { key: 'moved', labels: ['Moved away'] },
  { key: 'moved_old', labels: ['Moved away'] },
];

describe('an option value by its key or the screen’s words (transports/cli/choices.ts)', () => {
  it('takes the key exactly, or the key or a label written loosely, in any case', () => {
    expect(choose('lost_contact', REASONS, '--reason', 'a reason')).toBe('lost_contact');
    expect(choose('LOST CONTACT', REASONS, '--reason', 'a reason')).toBe('lost_contact');
    expect(choose('lost contact / No Response', REASONS, '--reason', 'a reason')).toBe('lost_contact');
  });

  it('refuses words that name two choices, listing only those, and words that name none, listing the offered ones', () => {
    expect(() => choose('moved away', REASONS, '--reason', 'a reason')).toThrow(
      new UsageError(
        '--reason "moved away" could be any of these; give its key:\n  moved       Moved away\n  moved_old   Moved away',
      ),
    );
    expect(() => choose('!!', REASONS, '--reason', 'a reason', REASONS.slice(0, 2))).toThrow(
      new UsageError(
        '--reason "!!" is not a reason. Give one of these, by its key or its words:\n  lost_contact   Lost contact / no response\n  moved          Moved away',
      ),
    );
  });
});
