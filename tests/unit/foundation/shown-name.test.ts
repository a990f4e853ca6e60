import { describe, expect, it } from 'vitest';
import { ERASED_NAME, shownName } from '../../../src-main/domain/words.ts';

describe("a household's shown name", () => {
  it('joins the names recorded, and says a purged household was erased', () => {
    expect(shownName({ first_name: 'Amira', surname: 'Khan', purged_at: null })).toBe('Amira Khan');
    expect(shownName({ first_name: null, surname: 'Khan', purged_at: null })).toBe('Khan');
    expect(shownName({ first_name: null, surname: null, purged_at: null })).toBe('');
    expect(shownName({ first_name: null, surname: null, purged_at: '2026-01-01T00:00:00Z' })).toBe(
      '(personal details erased)',
    );
    expect(ERASED_NAME).toBe('(personal details erased)');
  });
});
