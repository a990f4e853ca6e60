import { describe, expect, it } from 'vitest';
import { contract } from '../../../src-main/contract/index.ts';

describe('the API contract', () => {
  it('names every method group.verbNoun', () => {
    const names = Object.keys(contract);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z]+[A-Z][A-Za-z]*$/);
  });

  it('gives every method a runtime input schema', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(typeof spec.input.safeParse, name).toBe('function');
    }
  });
});
