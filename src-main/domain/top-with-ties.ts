/**
 * Home's "top five" of a count by reason, fair to ties: a reason with as many as the fifth is as
 * much in the top five as the fifth, so it is never left off silently, nor put below the fifth
 * by the order tied reasons happen to be listed in. Each row keeps its rank (1 + the reasons
 * with more), the same for every reason it ties with, and says whether it is joint.
 *
 * The reasons tied with the fifth are all listed when the list stays within MOST_ROWS; beyond
 * that none of them is named (naming some would pick among equals again) and `more` says how many
 * there are and how many each has. Rows above the fifth's count always fit (at most four).
 */
export const TOP = 5;
export const MOST_ROWS = 7;

export interface Ranked<T> {
  row: T;
  /** 1 + the number of rows with a higher count: tied rows share it (1, 2, 2, 4). */
  rank: number;
  joint: boolean;
}

export interface TopWithTies<T> {
  top: Array<Ranked<T>>;
  /** The reasons tied with the fifth, when too many to list; null when every one is listed. */
  more: { reasons: number; each: number } | null;
}

/** `rows` most first (any order among equal counts: it decides only the order they are listed in). */
export function topWithTies<T extends { count: number }>(rows: readonly T[]): TopWithTies<T> {
  const above = (c: number) => rows.filter((r) => r.count > c).length;
  const ranked = (r: T): Ranked<T> => ({
    row: r,
    rank: above(r.count) + 1,
    joint: rows.filter((x) => x.count === r.count).length > 1,
  });
  const fifth = rows[TOP - 1];
  if (fifth === undefined) return { top: rows.map(ranked), more: null };
  const shown = rows.filter((r) => r.count >= fifth.count);
  if (shown.length <= MOST_ROWS) return { top: shown.map(ranked), more: null };
  const tied = shown.filter((r) => r.count === fifth.count).length;
  return {
    top: shown.filter((r) => r.count > fifth.count).map(ranked),
    more: { reasons: tied, each: fifth.count },
  };
}
