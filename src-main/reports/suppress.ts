/**
 * Small-number suppression for published tables. Counts of 1 to 4 are hidden (primary);
 * then, wherever a relation between cells (a total and its parts, or retention's
 * start + approved = ceased + end) has exactly one hidden cell, a second cell of that
 * relation is hidden too (secondary), until no relation has exactly one hidden cell.
 * That alone is not enough: hidden cells that form two closed groups joined by one cell
 * (every row and column holding two or more hidden cells) still give that cell back, by
 * adding and subtracting whole rows and columns. So, last, every small count (or figure a
 * table beside this one hides) that the shown cells fix exactly (solving all the relations
 * together) has another cell hidden
 * beside it (with the cover that cell needs in turn), until none is fixed; and a cell hidden only
 * to cover another that the shown cells fix anyway is shown again, since hiding it protects
 * nothing. A relation need not hold its total: the four quarters of a year add up to the annual
 * table's figure, published beside the quarterly one, so they are a relation too. Zero is not
 * suppressed (it identifies nobody).
 */
export type CellId = string;

export const cellId = (row: string, column: string): CellId => `${row}\u0000${column}`;

export interface Relation {
  /** Every cell whose value is fixed by the others (a total and all its parts). */
  cells: CellId[];
  /** The cell that is the sum, if any: hidden last, since hiding a part says less. */
  total?: CellId;
  /**
   * Cells on the total's side of the equation besides the total (retention's ceased and end,
   * in start + approved = ceased + end); every other cell is a part. Only the solving needs it.
   */
  minus?: CellId[];
}

export const isSmall = (n: number): boolean => n >= 1 && n <= 4;

/**
 * The cells to hide. `hiddenElsewhere` are cells of a table published beside this one (a
 * quarterly table's annual figures) that it hides: they are never shown here, and must stay
 * as hidden as a small count, or this table would give back what that one hides.
 * `shownElsewhere` are figures printed exactly beside it, small or not: known to every reader,
 * so never hidden and never a cover.
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
    const v = values.get(c) ?? 0;
    return (c === rel.total ? 2e9 : 0) + (v === 0 ? 1e9 : 0) + v;
  };
  const candidatesOf = (rel: Relation, set: ReadonlySet<CellId>) =>
    rel.cells
      .filter((c) => values.has(c) && !set.has(c) && !published.has(c) && !shownElsewhere.has(c))
      .sort((a, b) => rank(rel, a) - rank(rel, b) || (a < b ? -1 : 1));
  // Secondary: a relation with exactly one hidden cell gives it back, so hide its smallest other.
  const cover = (set: Set<CellId>) => {
    for (let changed = true; changed;) {
      changed = false;
      for (const rel of relations) {
        const hiddenHere = rel.cells.filter((c) => values.has(c) && set.has(c));
        if (hiddenHere.length !== 1) continue;
        const candidates = candidatesOf(rel, set);
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
  for (;;) {
    const fixed = fixedCells(values, relations, hidden).filter((c) => !unfixable.has(c) && mustHide(c));
    if (fixed.length === 0) break;
    const cell = fixed[0]!;
    const candidates = relations
      .filter((r) => r.cells.includes(cell))
      .flatMap((r) => candidatesOf(r, hidden).map((c) => ({ c, rank: rank(r, c) })))
      .sort((a, b) => a.rank - b.rank || (a.c < b.c ? -1 : 1))
      .map((x) => x.c);
    const withCover = (extra: CellId[]) => cover(new Set([...hidden, ...extra]));
    // The first (smallest) candidate that frees the cell; failing that, the smallest.
    let freeing: Set<CellId> | undefined;
    for (const c of candidates) {
      const set = withCover([c]);
      if (!fixedCells(values, relations, set).includes(cell)) {
        freeing = set;
        break;
      }
    }
    // Nothing beside it can free it (every other cell is published elsewhere): hiding more would not help.
    const hopeless =
      freeing === undefined && fixedCells(values, relations, withCover(candidates)).includes(cell);
    if (candidates.length === 0 || hopeless) unfixable.add(cell);
    else for (const c of freeing ?? withCover([candidates[0]!])) hidden.add(c);
  }
  // Last, a cell hidden only to cover another but fixed by the shown ones protects nothing (its
  // value can be worked out): show it. Showing a fixed cell tells nothing new, so no other cell
  // becomes fixed.
  for (const c of fixedCells(values, relations, hidden)) if (!mustHide(c)) hidden.delete(c);
  return hidden;
}

/**
 * The hidden cells whose value the shown cells and the relations fix exactly: those whose unit
 * vector lies in the row space of the relations restricted to the hidden cells (Gauss–Jordan
 * elimination; coefficients are ±1, so the pivots stay small and a tolerance is safe).
 */
export function fixedCells(
  values: ReadonlyMap<CellId, number>,
  relations: readonly Relation[],
  hidden: ReadonlySet<CellId>,
): CellId[] {
  const cols = [...hidden].filter((c) => values.has(c));
  const index = new Map(cols.map((c, i) => [c, i]));
  const matrix: number[][] = [];
  for (const rel of relations) {
    // A cell published elsewhere is hidden there too when it is hidden here (only a small count
    // is, never to cover another): it fixes nothing.
    if (rel.cells.length === 1) continue;
    const row = new Array<number>(cols.length).fill(0);
    let any = false;
    for (const c of rel.cells) {
      const i = index.get(c);
      if (i === undefined) continue;
      row[i]! += c === rel.total || rel.minus?.includes(c) ? -1 : 1;
      any = true;
    }
    if (any) matrix.push(row);
  }
  const eps = 1e-9;
  const pivotOf: number[] = [];
  let r = 0;
  for (let col = 0; col < cols.length && r < matrix.length; col++) {
    let best = r;
    for (let i = r + 1; i < matrix.length; i++)
      if (Math.abs(matrix[i]![col]!) > Math.abs(matrix[best]![col]!)) best = i;
    if (Math.abs(matrix[best]![col]!) < eps) continue;
    [matrix[r], matrix[best]] = [matrix[best]!, matrix[r]!];
    const p = matrix[r]!;
    const pv = p[col]!;
    for (let j = 0; j < cols.length; j++) p[j]! /= pv;
    for (let i = 0; i < matrix.length; i++) {
      if (i === r) continue;
      const f = matrix[i]![col]!;
      if (Math.abs(f) < eps) continue;
      const q = matrix[i]!;
      for (let j = 0; j < cols.length; j++) q[j]! -= f * p[j]!;
    }
    pivotOf[r] = col;
    r++;
  }
  const fixed: CellId[] = [];
  for (let i = 0; i < r; i++) {
    const row = matrix[i]!;
    if (row.every((v, j) => j === pivotOf[i] || Math.abs(v) < eps)) fixed.push(cols[pivotOf[i]!]!);
  }
  return fixed;
}
