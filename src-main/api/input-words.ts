import type { z } from 'zod';
import { countOf } from '../domain/words.ts';

type Issue = z.core.$ZodRawIssue;

const n = (v: number | bigint) => v.toLocaleString('en-GB');
const quoted = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

const MUST_BE: Record<string, string> = {
  int: 'Must be a whole number.',
  number: 'Must be a number.',
  string: 'Must be text.',
  boolean: 'Must be true or false.',
  array: 'Must be a list.',
  object: 'Must be a set of named values.',
  record: 'Must be a set of named values.',
  date: 'Must be a date.',
};

/** A length, a number's size or a list's length out of range, by what is measured. */
function outOfRange(issue: Extract<Issue, { code: 'too_big' | 'too_small' }>): string {
  const big = issue.code === 'too_big';
  const bound = big ? issue.maximum : issue.minimum;
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return `Must be exactly ${countOf(Number(bound), 'character')}.`;
      if (!big && Number(bound) === 1) return 'Fill this in.';
      return big
        ? `Too long: at most ${countOf(Number(bound), 'character')}.`
        : `Too short: at least ${countOf(Number(bound), 'character')}.`;
    case 'array':
    case 'set':
      if (issue.exact) return `Must have exactly ${countOf(Number(bound), 'entry', 'entries')}.`;
      return big
        ? `Too many: at most ${countOf(Number(bound), 'entry', 'entries')}.`
        : `Too few: at least ${countOf(Number(bound), 'entry', 'entries')}.`;
    case 'number':
    case 'int':
    case 'bigint':
      if (big)
        return issue.inclusive === false ? `Must be less than ${n(bound)}.` : `Must be at most ${n(bound)}.`;
      return issue.inclusive === false ? `Must be more than ${n(bound)}.` : `Must be at least ${n(bound)}.`;
    default:
      return big ? 'Too large.' : 'Too small.';
  }
}

const FORMATS: Record<string, string> = {
  email: 'Not an email address.',
  url: 'Not a web address.',
  date: 'Not a date in the form YYYY-MM-DD.',
  datetime: 'Not a date and time.',
  time: 'Not a time.',
};

/**
 * The core's refusal of an input, in the app's words, for the checks whose message the contract
 * leaves to zod (a longest length, a whole number, a choice): zod's own ("Too big: expected string
 * to have <=120 characters") reached the screen beside the field and the CLI's output. A message the
 * contract gives itself is kept (zod puts a schema's own message before this one).
 */
export const inputWords = (issue: Issue): string => {
  switch (issue.code) {
    case 'too_big':
    case 'too_small':
      return outOfRange(issue);
    case 'invalid_type':
      if (issue.input === undefined) return 'Fill this in.';
      return MUST_BE[issue.expected] ?? 'Not the kind of value expected here.';
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'Not in the form expected.';
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${quoted(issue.values[0])}.`
        : `Must be one of ${issue.values.map(quoted).join(', ')}.`;
    case 'not_multiple_of':
      return `Must be a multiple of ${n(issue.divisor)}.`;
    case 'unrecognized_keys':
      return `Not ${issue.keys.length === 1 ? 'a field' : 'fields'} it takes: ${issue.keys.join(', ')}.`;
    default:
      return 'Not a value it takes.';
  }
};
