/** Each outcome object shown gets its own number, the same on every drawing of it. */
const serials = new WeakMap<object, number>();
let last = 0;
const serialOf = (news: object): number => {
  const known = serials.get(news);
  if (known !== undefined) return known;
  serials.set(news, ++last);
  return last;
};

/**
 * The words of a status line (role="status"), drawn afresh for each new outcome. A live region is
 * read out when its content changes: the same words again ("Saved." after a second save, "Moved …
 * down." pressed twice) left the page as it was, and a screen reader said nothing. Keyed by the
 * outcome (a new object for each one, even with the same words), the text is replaced instead.
 */
export function Announced({ news }: { news: { text: string } | null | undefined }) {
  return news ? <span key={serialOf(news)}>{news.text}</span> : null;
}
