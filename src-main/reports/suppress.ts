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
  // The cover a candidate frees the cell with is what the next round starts from: solved once.
  let last: { key: string; fixed: CellId[] } | undefined;
  const fixedIn = (set: ReadonlySet<CellId>) => {
    const key = JSON.stringify([...set]);
    if (last?.key !== key) last = { key, fixed: fixedCells(values, relations, set) };
    return last.fixed;
  };
  for (;;) {
    const fixed = fixedIn(hidden).filter((c) => !unfixable.has(c) && mustHide(c));
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
      if (!fixedIn(set).includes(cell)) {
        freeing = set;
        break;
      }
    }
    // Nothing beside it can free it (every other cell is published elsewhere): hiding more would not help.
    const hopeless = freeing === undefined && fixedIn(withCover(candidates)).includes(cell);
    if (candidates.length === 0 || hopeless) unfixable.add(cell);
    else for (const c of freeing ?? withCover([candidates[0]!])) hidden.add(c);
  }
  // Last, a cell hidden only to cover another but fixed by the shown ones protects nothing (its
  // value can be worked out): show it. Showing a fixed cell tells nothing new, so no other cell
  // becomes fixed.
  for (const c of fixedIn(hidden)) if (!mustHide(c)) hidden.delete(c);
  return hidden;
}

/**
 * The hidden cells whose value the shown cells and the relations fix exactly: those whose unit
 * vector lies in the row space of the relations restricted to the hidden cells. In the order of
 * `hidden`.
 *
 * Worked out by Gauss–Jordan elimination kept sparse (each relation names a few of the hidden
 * cells; a quarterly table's relations tie hundreds of them into one system, which eliminated
 * densely took ~25 ms a time, and suppression asks often), in exact arithmetic modulo a prime.
 * Over a prime the answer differs from the rationals' only where it divides a minor of the
 * relations (coefficients ±1, so their minors are small): two primes that agree are taken, and
 * should they ever disagree, dense elimination over the reals decides.
 */
export function fixedCells(
  values: ReadonlyMap<CellId, number>,
  relations: readonly Relation[],
  hidden: ReadonlySet<CellId>,
): CellId[] {
  const cols = [...hidden].filter((c) => values.has(c));
  const index = new Map(cols.map((c, i) => [c, i]));
  // Each relation as its hidden cells' coefficients (the shown ones are known).
  const rows: Array<Map<number, number>> = [];
  for (const rel of relations) {
    // A cell published elsewhere is hidden there too when it is hidden here (only a small count
    // is, never to cover another): it fixes nothing.
    if (rel.cells.length === 1) continue;
    const row = new Map<number, number>();
    for (const c of rel.cells) {
      const i = index.get(c);
      if (i === undefined) continue;
      row.set(i, (row.get(i) ?? 0) + (c === rel.total || rel.minus?.includes(c) ? -1 : 1));
    }
    for (const [i, v] of row) if (v === 0) row.delete(i);
    if (row.size > 0) rows.push(row);
  }
  const [a, b] = PRIMES.map((p) => fixedModulo(rows, p));
  const fixed =
    a!.length === b!.length && a!.every((c, i) => c === b![i]) ? a! : fixedDense(cols.length, rows);
  return fixed.map((i) => cols[i]!);
}

/** Two primes below 2^26.5, so a product of two residues is exact in a double. */
const PRIMES = [94906249, 94906247] as const;

/** The inverse of `a` modulo the prime `p` (extended Euclid). */
function inverse(a: number, p: number): number {
  let [r0, r1, s0, s1] = [p, a, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % p) + p) % p;
}

/**
 * The fixed columns of `rows` modulo `p`, ascending. The reduced basis is built a row at a time:
 * each pivot column appears in its own row alone, so a column is fixed exactly when it is a pivot
 * whose row holds nothing else. A new row's pivot is the column fewest basis rows hold, so the
 * rows stay sparse.
 */
function fixedModulo(rows: ReadonlyArray<ReadonlyMap<number, number>>, p: number): number[] {
  const basis = new Map<number, Map<number, number>>();
  // For each column that is no pivot, the pivots whose rows hold it.
  const holders = new Map<number, Set<number>>();
  const hold = (col: number, pivot: number) => {
    if (!holders.has(col)) holders.set(col, new Set());
    holders.get(col)!.add(pivot);
  };
  // target -= f × source (source holds no pivot but its own, which the caller clears).
  const subtract = (
    target: Map<number, number>,
    f: number,
    source: ReadonlyMap<number, number>,
    pivot?: number,
  ) => {
    for (const [c, v] of source) {
      const next = ((target.get(c) ?? 0) - ((f * v) % p) + p) % p;
      if (next === 0) {
        target.delete(c);
        if (pivot !== undefined) holders.get(c)?.delete(pivot);
      } else {
        if (pivot !== undefined && !target.has(c)) hold(c, pivot);
        target.set(c, next);
      }
    }
  };
  for (const input of rows) {
    const row = new Map<number, number>();
    for (const [c, v] of input) row.set(c, ((v % p) + p) % p);
    for (const c of [...row.keys()]) {
      const f = row.get(c);
      const pivotRow = basis.get(c);
      if (f !== undefined && pivotRow) subtract(row, f, pivotRow);
    }
    if (row.size === 0) continue;
    let pivot = -1;
    for (const c of row.keys())
      if (pivot < 0 || (holders.get(c)?.size ?? 0) < (holders.get(pivot)?.size ?? 0)) pivot = c;
    const scale = inverse(row.get(pivot)!, p);
    for (const [c, v] of row) row.set(c, (v * scale) % p);
    // Clear the new pivot from every basis row that holds it.
    for (const other of [...(holders.get(pivot) ?? [])]) {
      const target = basis.get(other)!;
      subtract(target, target.get(pivot)!, row, other);
    }
    holders.delete(pivot);
    basis.set(pivot, row);
    for (const c of row.keys()) if (c !== pivot) hold(c, pivot);
  }
  return [...basis]
    .filter(([, row]) => row.size === 1)
    .map(([c]) => c)
    .sort((x, y) => x - y);
}

/** The fixed columns by dense Gauss–Jordan over the reals, ascending (±1 coefficients: a tolerance is safe). */
function fixedDense(width: number, rows: ReadonlyArray<ReadonlyMap<number, number>>): number[] {
  const matrix = rows.map((row) => {
    const dense = new Float64Array(width);
    for (const [c, v] of row) dense[c] = v;
    return dense;
  });
  const eps = 1e-9;
  const pivotOf: number[] = [];
  let r = 0;
  for (let col = 0; col < width && r < matrix.length; col++) {
    let best = r;
    for (let i = r + 1; i < matrix.length; i++)
      if (Math.abs(matrix[i]![col]!) > Math.abs(matrix[best]![col]!)) best = i;
    if (Math.abs(matrix[best]![col]!) < eps) continue;
    [matrix[r], matrix[best]] = [matrix[best]!, matrix[r]!];
    const p = matrix[r]!;
    const pv = p[col]!;
    for (let j = col; j < width; j++) p[j]! /= pv;
    for (let i = 0; i < matrix.length; i++) {
      if (i === r) continue;
      const q = matrix[i]!;
      const f = q[col]!;
      if (Math.abs(f) < eps) continue;
      for (let j = col; j < width; j++) q[j]! -= f * p[j]!;
    }
    pivotOf[r] = col;
    r++;
  }
  const fixed: number[] = [];
  for (let i = 0; i < r; i++) {
    const row = matrix[i]!;
    let alone = true;
    for (let j = 0; j < width && alone; j++) if (j !== pivotOf[i] && Math.abs(row[j]!) >= eps) alone = false;
    if (alone) fixed.push(pivotOf[i]!);
  }
  return fixed;
}
