/**
 * Small-number suppression for published tables. Counts of 1 to 4 are hidden (primary);
 * then, wherever a relation between cells (a total and its parts, or retention's start +
 * approved + moved in = moved out + ceased + end) has exactly one hidden cell, a second cell of
 * that relation is hidden too (secondary), until no relation has exactly one hidden cell.
 * That alone is not enough: hidden cells that form two closed groups joined by one cell
 * (every row and column holding two or more hidden cells) still give that cell back, by
 * adding and subtracting whole rows and columns. So, last, every small count (or figure a
 * table beside this one hides) that the shown cells fix exactly (solving all the relations
 * together) has another cell hidden
 * beside it (with the cover that cell needs in turn), until none is fixed; and a cell hidden only
 * to cover another that the shown cells fix anyway is shown again, since hiding it protects
 * nothing. "Fix" counts what a reader knows besides the sums: no count is negative, so a hidden
 * cell whose total less its shown parts leaves 0 is 0, and covers nothing (suppress-solver.ts).
 * A relation may tie two tables published together: a year's four quarters add up to the year's
 * figure, and a table by years and by quarter are suppressed as one (years-and-quarters.ts). A
 * relation need not hold its total (a figure printed elsewhere). Zero is not suppressed (it
 * identifies nobody).
 */
import { fixedCells, type CellId, type Relation } from './suppress-solver.ts';

export { fixedCells, linearlyFixed } from './suppress-solver.ts';

export type { CellId, Relation } from './suppress-solver.ts';

export const cellId = (row: string, column: string): CellId => `${row}\u0000${column}`;

export const isSmall = (n: number): boolean => n >= 1 && n <= 4;

/**
 * The cells to hide. `hiddenElsewhere` are cells of a table published beside this one (the
 * recruitment table's approvals, beside retention's) that it hides: they are never shown here,
 * and must stay as hidden as a small count, or this table would give back what that one hides.
 * `shownElsewhere` are figures every reader knows, small or not (a period not yet started, a figure
 * published in another table, a column the collection does not ask for): never hidden and never a cover.
 */
export function suppressCells(
  values: ReadonlyMap<CellId, number>,
  relations: readonly Relation[],
  hiddenElsewhere: ReadonlySet<CellId> = new Set(),
  shownElsewhere: ReadonlySet<CellId> = new Set(),
): Set<CellId> {
  const mustHide = (c: CellId) =>
    !shownElsewhere.has(c) && (isSmall(values.get(c) ?? 0) || hiddenElsewhere.has(c));
  const hidden = new Set<CellId>([...values.keys()].filter(mustHide));
  // A relation of one cell says that cell is published elsewhere (the annual table's figure
  // for a quarterly table's first opening stock): hiding it here would hide nothing, so it is
  // hidden only when small, never to cover another.
  const published = new Set(relations.filter((r) => r.cells.length === 1).map((r) => r.cells[0]!));
  // Hide the smallest part (a positive one first), so the least information is lost.
  const rank = (rel: Relation, c: CellId) => {
    if (c === rel.coverFirst) return -1;
    const v = values.get(c) ?? 0;
    return (c === rel.total ? 2e9 : 0) + (v === 0 ? 1e9 : 0) + v;
  };
  // A relation whose cells are all 0 (a year's quarters and the year's figure, or a year's quarters
  // where the table by years prints 0; a row of 0s and its total): a hidden one is 0 to every
  // reader (none is negative) unless all are hidden, a cover of 0s that needs cover of its own.
  // Never tried: solved with the table by years, every such quarter was tried in turn before a
  // cover was found, which doubled the time (years-and-quarters.ts). Not where one of them is a 0
  // that a table printed beside hides (its cover): a 0 printed here would give that cover back.
  // Tried last, where nothing else covers (`zeros`): the Ofsted return's carer characteristics,
  // a kinship household's two carers in one age band, have no other cover than 0s whose row
  // across the pathways is all 0s, and hiding none left the band's 2 the printed total less 0s.
  const knownZero = new Set<CellId>();
  for (const rel of relations)
    if (!rel.minus?.length && rel.cells.every((c) => (values.get(c) ?? 0) === 0 && !mustHide(c)))
      for (const c of rel.cells) knownZero.add(c);
  const candidatesOf = (rel: Relation, set: ReadonlySet<CellId>, zeros = false) =>
    rel.cells
      .filter(
        (c) =>
          values.has(c) &&
          !set.has(c) &&
          !published.has(c) &&
          !shownElsewhere.has(c) &&
          (zeros || !knownZero.has(c)),
      )
      .sort((a, b) => rank(rel, a) - rank(rel, b) || (a < b ? -1 : 1));
  // Secondary: a relation with exactly one hidden cell gives it back, so hide its smallest other.
  const cover = (set: Set<CellId>) => {
    for (let changed = true; changed;) {
      changed = false;
      for (const rel of relations) {
        const hiddenHere = rel.cells.filter((c) => values.has(c) && set.has(c));
        if (hiddenHere.length !== 1) continue;
        let candidates = candidatesOf(rel, set);
        if (candidates.length === 0) candidates = candidatesOf(rel, set, true);
        if (candidates.length === 0) continue;
        set.add(candidates[0]!);
        changed = true;
      }
    }
    return set;
  };
  cover(hidden);
  // Then no hidden cell may be fixed by the relations taken together. A candidate is tried with
  // the cover it brings (hiding a stock at a quarter's end hides the next quarter's start too),
  // or a chain that ends where every cell is published elsewhere would be judged alone.
  const unfixable = new Set<CellId>();
  // The cover a candidate frees the cell with is what the next round starts from: solved once.
  // The search for a cover solves modulo one prime (half the work: most of suppression's time);
  // what the search ends on, that no hidden cell is fixed, is checked exactly (`exact`), and a
  // round goes on from that check should the two ever differ.
  let last: { key: string; fixed: CellId[]; exact: boolean } | undefined;
  const fixedIn = (set: ReadonlySet<CellId>, exact = false) => {
    const key = JSON.stringify([...set]);
    if (last?.key !== key || (exact && !last.exact))
      last = { key, fixed: fixedCells(values, relations, set, exact), exact };
    return last.fixed;
  };
  // The hidden cells joined to `cell` through relations holding hidden cells, it among them.
  const joinedHidden = (cell: CellId): Set<CellId> => {
    const joined = new Set<CellId>([cell]);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of relations) {
        if (!r.cells.some((c) => joined.has(c))) continue;
        for (const c of r.cells)
          if (hidden.has(c) && !joined.has(c)) {
            joined.add(c);
            grew = true;
          }
      }
    }
    return joined;
  };
  const fixedNow = (exact: boolean) => fixedIn(hidden, exact).filter((c) => !unfixable.has(c) && mustHide(c));
  for (;;) {
    let fixed = fixedNow(false);
    if (fixed.length === 0) fixed = fixedNow(true);
    if (fixed.length === 0) break;
    const cell = fixed[0]!;
    // The cells that may cover those of the relations holding any of `of`, smallest first.
    const near = (of: ReadonlySet<CellId>, zeros = false) =>
      relations
        .filter((r) => r.cells.some((c) => of.has(c)))
        .flatMap((r) => candidatesOf(r, hidden, zeros).map((c) => ({ c, rank: rank(r, c) })))
        .sort((a, b) => a.rank - b.rank || (a.c < b.c ? -1 : 1))
        .map((x) => x.c);
    const candidates = near(new Set([cell]));
    const withCover = (extra: CellId[]) => cover(new Set([...hidden, ...extra]));
    // The first (smallest) candidate that frees the cell, or failing one alone, the fewest first
    // ones that do together; none if all of them together do not. Each try solves the whole table,
    // so past the first the smallest that frees is searched for by halves: hiding more never fixes
    // more, so the first ones free it from some count on.
    const firstFreeing = (tried: readonly CellId[]) => {
      const frees = (set: ReadonlySet<CellId>) => !fixedIn(set).includes(cell);
      if (tried.length === 0) return undefined;
      const first = withCover([tried[0]!]);
      if (frees(first)) return first;
      let freed = withCover([...tried]);
      if (!frees(freed)) return undefined;
      let [fails, does] = [1, tried.length];
      while (does - fails > 1) {
        const mid = (fails + does) >> 1;
        const set = withCover(tried.slice(0, mid));
        if (frees(set)) [does, freed] = [mid, set];
        else fails = mid;
      }
      const alone = withCover([tried[does - 1]!]);
      return frees(alone) ? alone : freed;
    };
    let freeing = firstFreeing(candidates);
    // None beside it does: the hidden cells beside it are fixed too, or add up to it though none is
    // fixed alone, or no cover beside it can be unknown (a 0 whose other relation prints 0). A
    // cover beside one of those hidden cells may free it.
    if (freeing === undefined) {
      const beside = new Set(
        relations
          .filter((r) => r.cells.includes(cell))
          .flatMap((r) => r.cells.filter((c) => c !== cell && hidden.has(c))),
      );
      const tried = new Set(candidates);
      freeing = firstFreeing([...new Set(near(beside))].filter((c) => !tried.has(c)));
      // Last, the 0s known to be 0 while shown (above), beside it and then beside those.
      if (freeing === undefined) freeing = firstFreeing(near(new Set([cell]), true));
      if (freeing === undefined) freeing = firstFreeing([...new Set(near(beside, true))]);
      // Nor beside those: the cell's value can run along a chain of hidden cells to a figure shown
      // further on (a year's first start, hidden, is its first quarter's, whose end is the next
      // quarter's start, … to the third quarter's end, shown, less the year's approvals). A cover
      // anywhere along the hidden cells the relations join it to may break the chain.
      if (freeing === undefined) {
        const near2 = new Set([
          ...tried,
          ...near(beside),
          ...near(new Set([cell]), true),
          ...near(beside, true),
        ]);
        const joined = joinedHidden(cell);
        freeing = firstFreeing(
          [...new Set([...near(joined), ...near(joined, true)])].filter((c) => !near2.has(c)),
        );
      }
    }
    // Nothing near it can free it (every other cell is published elsewhere): hiding more would not help.
    if (freeing === undefined) unfixable.add(cell);
    else for (const c of freeing) hidden.add(c);
  }
  // Last, a cell hidden only to cover another but fixed by the shown ones protects nothing (its
  // value can be worked out): show it. Showing a fixed cell tells nothing new, so no other cell
  // becomes fixed.
  for (const c of fixedIn(hidden, true)) if (!mustHide(c)) hidden.delete(c);
  return hidden;
}
