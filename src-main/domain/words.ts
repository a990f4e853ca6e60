/** Choices as a sentence lists them: "open, closed, approved or ceased"; one alone as it is. */
export function orList(words: readonly string[]): string {
  return words.length < 2
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * A count with its noun, as a sentence says it: "1 household", "2 households", "1 day", "1,200 days"
 * (en-GB digit grouping). `plural` for nouns not made by adding an s.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}
