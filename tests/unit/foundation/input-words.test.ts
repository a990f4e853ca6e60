import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputWords } from '../../../src-main/api/input-words.ts';
import { invalidInput } from '../../../src-main/api/registry.ts';

/** What the core says of one input refused, as dispatch parses it. */
const refusal = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input, { error: inputWords });
  if (parsed.success) throw new Error('accepted');
  const e = invalidInput(parsed.error);
  return { message: e.message, field: e.field };
};

// zod's own words reached the screen and the CLI: "heldBy: Too big: expected string to have <=120
// characters". The core now says what is wrong in the app's words, keyed by the field.
describe('the core refuses an input in its own words, naming the field', () => {
  const texts = z
    .object({ heldBy: z.string().trim().max(120), reference: z.string().trim().min(1) })
    .strict();
  const numbers = z.object({ places: z.number().int().min(0).max(20), id: z.number().int().positive() });

  it('says a text is too long or left empty', () => {
    expect(refusal(texts, { heldBy: 'A'.repeat(121), reference: 'x' })).toEqual({
      message: 'heldBy: Too long: at most 120 characters.',
      field: 'heldBy',
    });
    expect(refusal(texts, { heldBy: 'A', reference: '  ' }).message).toBe('reference: Fill this in.');
    expect(refusal(z.object({ p: z.string().min(3) }), { p: 'ab' }).message).toBe(
      'p: Too short: at least 3 characters.',
    );
  });

  it('says a number is out of range or not a whole number', () => {
    expect(refusal(numbers, { places: 21, id: 1 }).message).toBe('places: Must be at most 20.');
    expect(refusal(numbers, { places: -1, id: 1 }).message).toBe('places: Must be at least 0.');
    expect(refusal(numbers, { places: 1.5, id: 1 }).message).toBe('places: Must be a whole number.');
    expect(refusal(numbers, { places: 1, id: 0 }).message).toBe('id: Must be more than 0.');
    expect(refusal(numbers, { places: '1', id: 1 }).message).toBe('places: Must be a number.');
    expect(refusal(z.object({ n: z.number().max(1_000_000) }), { n: 2_000_000 }).message).toBe(
      'n: Must be at most 1,000,000.',
    );
  });

  it('says what is missing, the wrong kind, not in its form, not a choice or not a field', () => {
    expect(refusal(texts, { heldBy: 'A' })).toEqual({
      message: 'reference: Fill this in.',
      field: 'reference',
    });
    expect(refusal(texts, { heldBy: 3, reference: 'x' }).message).toBe('heldBy: Must be text.');
    expect(refusal(z.object({ e: z.email() }), { e: 'nope' }).message).toBe('e: Not an email address.');
    expect(refusal(z.object({ s: z.enum(['open', 'closed']) }), { s: 'shut' }).message).toBe(
      's: Must be one of "open", "closed".',
    );
    expect(refusal(z.object({ r: z.array(z.string()).max(2) }), { r: ['a', 'b', 'c'] }).message).toBe(
      'r: Too many: at most 2 entries.',
    );
    expect(refusal(texts, { heldBy: 'A', reference: 'x', extra: 1 })).toEqual({
      message: 'Not a field it takes: extra.',
      field: undefined,
    });
  });

  it("keeps a message the contract gives itself, and nests a field's key", () => {
    const own = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD.') });
    expect(refusal(own, { date: '1/1/2026' }).message).toBe('date: Give a date as YYYY-MM-DD.');
    const nested = z.object({ person: z.object({ firstName: z.string().max(100) }) });
    expect(refusal(nested, { person: { firstName: 'N'.repeat(101) } })).toEqual({
      message: 'person.firstName: Too long: at most 100 characters.',
      field: 'person.firstName',
    });
  });
});
