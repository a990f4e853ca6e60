/**
 * What a reader of a suppressed table can work out: the solving behind suppress.ts.
 */
export type CellId = string;

export interface Relation {
  /** Every cell whose value is fixed by the others (a total and all its parts). */
  cells: CellId[];
  /** The cell that is the sum, if any: hidden last, since hiding a part says less. */
  total?: CellId;
  /**
   * Cells on the total's side of the equation besides the total (retention's moved out, ceased
   * and end, in start + approved + moved in = moved out + ceased + end); every other cell is a
   * part. Only the solving needs it.
   */
  minus?: CellId[];
  /**
   * The cell to hide first when this relation needs cover, whatever its size (all pathways' figure,
   * beside its mainstream and kinship parts: reports/across-pathways.ts). Only the choice of cover
   * reads it.
   */
  coverFirst?: CellId;
}

/**
 * The hidden cells a reader can work out from the shown cells, the relations and that no count is
 * negative. In the order of `hidden`. Two ways, taken in turn until neither finds more:
 * - the relations alone (`linearlyFixed`): a hidden cell whose value they fix exactly;
 * - bounds: every count is 0 or more, so a relation whose unknown cells are all on one side and
 *   whose shown cells leave 0 for them (a quarter's total of 0 over hidden parts) makes each of them
 *   0, and more generally each relation bounds each of its unknown cells by the others' bounds
 *   (x + y = 3 puts x at 3 or less; x − z = 3 puts it at 3 or more: x = 3, y = z = 0); a cell
 *   whose bounds meet is known.
 * Bounds are narrowed relation by relation (interval propagation), which finds every cell a single
 * relation forces to 0 and many a combination does, but not every cell that linear programming
 * over all the relations at once would pin: a reader who solves that can, rarely, know more.
 * The reader's bounds are 0 and nothing: "<5" marks a cover too, so no hidden cell is known to be
 * 1 to 4.
 * `exact` false solves modulo one prime, not two (linearlyFixed): half the work, for a search
 * whose answer is checked exactly before it is relied on.
 */
export function fixedCells(
  values: ReadonlyMap<CellId, number>,
  relations: readonly Relation[],
  hidden: ReadonlySet<CellId>,
  exact = true,
): CellId[] {
  const cols = [...hidden].filter((c) => values.has(c));
  // Each relation holding a hidden cell, as its hidden cells' coefficients (the shown ones known).
  const byCell = relationsByCell(relations);
  const touched = new Set<number>();
  for (const c of cols) for (const i of byCell.get(c) ?? []) touched.add(i);
  const netRows: Array<Map<CellId, number>> = [];
  for (const i of touched) {
    const rel = relations[i]!;
    const row = new Map<CellId, number>();
    for (const c of rel.cells) {
      if (!hidden.has(c) || !values.has(c)) continue;
      row.set(c, (row.get(c) ?? 0) + (c === rel.total || rel.minus?.includes(c) ? -1 : 1));
    }
    for (const [c, v] of row) if (v === 0) row.delete(c);
    if (row.size > 0) netRows.push(row);
  }
  // Bounds first (a hidden 0 in a relation that leaves 0 is the usual find), then the relations
  // over the cells still unknown, then bounds again with what they fixed, until nothing more.
  const known = new Set<CellId>(boundedCells(values, netRows, new Set()));
  for (;;) {
    const before = known.size;
    for (const c of linearlyFixed(values, relations, new Set(cols.filter((c) => !known.has(c))), exact))
      known.add(c);
    if (known.size === before) break;
    const found = boundedCells(values, netRows, known).filter((c) => !known.has(c));
    if (found.length === 0) break;
    for (const c of found) known.add(c);
  }
  return cols.filter((c) => known.has(c));
}

/** For each cell, the indexes of the relations (of more than one cell) holding it: worked out once per list. */
const relationIndex = new WeakMap<readonly Relation[], Map<CellId, number[]>>();
function relationsByCell(relations: readonly Relation[]): Map<CellId, number[]> {
  let index = relationIndex.get(relations);
  if (!index) {
    index = new Map();
    for (const [i, rel] of relations.entries()) {
      if (rel.cells.length < 2) continue;
      for (const c of new Set(rel.cells)) {
        if (!index.has(c)) index.set(c, []);
        index.get(c)!.push(i);
      }
    }
    relationIndex.set(relations, index);
  }
  return index;
}

/**
 * The unknown cells whose bounds meet, by narrowing each cell's bounds (0 and no upper one to start)
 * with each relation in turn: a·x = r − (the others' terms), r the relation's sum over the cells
 * not yet known (what the shown and known cells leave). Integers throughout: each bound is rounded
 * inwards. Passes run until one changes nothing, however many that takes (a chain whose relations
 * come in the order against its news moves one link a pass, so a fixed number of passes left its
 * far end unknown). That ends: `rest` is each relation evaluated at the true values, so the true
 * values meet every relation and every bound derived stays sound (lo ≤ true ≤ hi); a pass that
 * changes something raises a lower bound, an integer from 0 that never passes its true value, or
 * lowers an upper one, from ∞ to an integer once and then by whole steps, never below its true
 * value. Each bound moves a finite number of times, so the passes do.
 */
function boundedCells(
  values: ReadonlyMap<CellId, number>,
  netRows: ReadonlyArray<ReadonlyMap<CellId, number>>,
  known: ReadonlySet<CellId>,
): CellId[] {
  // Cells and relations as numbers, for speed: suppression asks this for every cover it tries.
  const cells: CellId[] = [];
  const index = new Map<CellId, number>();
  const rows: Array<{ at: number[]; coef: number[]; rest: number }> = [];
  for (const row of netRows) {
    const at: number[] = [];
    const coef: number[] = [];
    let rest = 0;
    for (const [c, a] of row) {
      if (known.has(c)) continue;
      let i = index.get(c);
      if (i === undefined) {
        i = cells.push(c) - 1;
        index.set(c, i);
      }
      at.push(i);
      coef.push(a);
      rest += a * values.get(c)!;
    }
    if (at.length > 0) rows.push({ at, coef, rest });
  }
  const lo = new Float64Array(cells.length);
  const hi = new Float64Array(cells.length).fill(Infinity);
  for (let changed = true; changed;) {
    changed = false;
    for (const { at, coef, rest } of rows) {
      // The least and most the terms can add up to; unbounded terms counted apart (no ∞ − ∞).
      let min = 0;
      let max = 0;
      let minOpen = 0;
      let maxOpen = 0;
      for (let k = 0; k < at.length; k++) {
        const a = coef[k]!;
        const l = a > 0 ? a * lo[at[k]!]! : a * hi[at[k]!]!;
        const h = a > 0 ? a * hi[at[k]!]! : a * lo[at[k]!]!;
        if (l === -Infinity) minOpen++;
        else min += l;
        if (h === Infinity) maxOpen++;
        else max += h;
      }
      if (minOpen > 1 && maxOpen > 1) continue;
      for (let k = 0; k < at.length; k++) {
        const i = at[k]!;
        const a = coef[k]!;
        const l = a > 0 ? a * lo[i]! : a * hi[i]!;
        const h = a > 0 ? a * hi[i]! : a * lo[i]!;
        // a·x lies between rest − (the others' most) and rest − (the others' least).
        const othersMax = maxOpen - (h === Infinity ? 1 : 0) > 0 ? Infinity : max - (h === Infinity ? 0 : h);
        const othersMin =
          minOpen - (l === -Infinity ? 1 : 0) > 0 ? -Infinity : min - (l === -Infinity ? 0 : l);
        const from = rest - othersMax;
        const to = rest - othersMin;
        const newLo = Math.ceil((a > 0 ? from / a : to / a) - 1e-9);
        const newHi = Math.floor((a > 0 ? to / a : from / a) + 1e-9);
        if (newLo > lo[i]!) {
          lo[i] = newLo;
          changed = true;
        }
        if (newHi < hi[i]!) {
          hi[i] = newHi;
          changed = true;
        }
      }
    }
  }
  return cells.filter((_, i) => hi[i] === lo[i]);
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
 * should they ever disagree, dense elimination over the reals decides. `exact` false takes the
 * first prime's answer alone, for a search whose result is checked exactly (suppress.ts).
 */
export function linearlyFixed(
  values: ReadonlyMap<CellId, number>,
  relations: readonly Relation[],
  hidden: ReadonlySet<CellId>,
  exact = true,
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
  if (!exact) return fixedModulo(rows, PRIMES[0]).map((i) => cols[i]!);
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
