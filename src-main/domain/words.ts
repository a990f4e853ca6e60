/**
 * A count with its noun, as a sentence says it: "1 household", "2 households", "1 day", "1,200 days"
 * (en-GB digit grouping). `plural` for nouns not made by adding an s.
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}
