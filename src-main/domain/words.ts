/**
 * The minus sign of a negative figure as people read it (U+2212), the sign the row labels use
 * ("approved − ceased"), never a hyphen. Text only: a number written to a file as a number (xlsx,
 * csv) stays a number, its sign Excel's (shown with this sign by the xlsx number format,
 * reports/export/matrix.ts); a figure typed or imported with it is read as a minus (targets.ts).
 */
export const MINUS = '\u2212';

/** Choices as a sentence lists them: "open, closed, approved or ceased"; one alone as it is. */
export const orList = (words: readonly string[]): string => listed(words, 'or');

/** Things as a sentence lists them all: "rows 2, 3 and 5"; one alone as it is. */
export const andList = (words: readonly string[]): string => listed(words, 'and');

const listed = (words: readonly string[], last: 'and' | 'or') =>
  words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;

/**
 * A count with its noun, as a sentence says it: "1 household", "2 households", "1 day", "1,200 days"
 * (en-GB digit grouping). `plural` for nouns not made by adding an s.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}

/**
 * The forecast's range in plain words, the one phrase for it on Home, the forecast and backtest
 * tables, their definitions and the charts: the counts between the 10th and 90th percentiles of
 * the simulated runs, which "10th/90th percentile" and "80% range" left a manager to decode.
 */
export const LIKELY_RANGE = 'likely range (8 in 10 chance)';

/** LIKELY_RANGE as a heading or a sentence starts it. */
export const LIKELY_RANGE_HEADING = `L${LIKELY_RANGE.slice(1)}`;

/** What LIKELY_RANGE means, in one sentence, wherever a screen explains it. */
export const LIKELY_RANGE_MEANS = `${LIKELY_RANGE_HEADING}: in 8 of every 10 simulated runs the approvals fell within it (1 in 10 fell below it, 1 in 10 above).`;

/**
 * A range of whole numbers as a sentence says it: "0 to 2"; both ends the same, the one number
 * ("exactly 1"), since "1 to 1" reads as a slip. The forecast's likely range on Home (headline and
 * quarters) is worded by it.
 */
export function rangeWords(low: number, high: number): string {
  return low === high ? `exactly ${low}` : `${low} to ${high}`;
}

/** The name of a household whose personal details a purge erased, wherever a household is listed by name. */
export const ERASED_NAME = '(personal details erased)';

/**
 * A household's name as a list shows it: first name and surname as far as recorded, or ERASED_NAME
 * once purged (a purge blanks the names, and a blank would read as a household never named).
 */
export const shownName = (h: {
  first_name: string | null;
  surname: string | null;
  purged_at: string | null;
}): string => (h.purged_at ? ERASED_NAME : [h.first_name, h.surname].filter(Boolean).join(' '));
