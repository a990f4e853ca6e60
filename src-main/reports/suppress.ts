/**
 * Small-number suppression for published tables. Counts of 1 to 4 are hidden (primary);
 * then, wherever a relation between cells (a total and its parts, or retention's
 * start + approved = ceased + end) has exactly one hidden cell, a second cell of that
 * relation is hidden too (secondary), until no relation has exactly one hidden cell, so
 * no hidden count can be worked out from the others. Zero is not suppressed (it identifies nobody).
 */
export type CellId = string;

export const cellId = (row: string, column: string): CellId => `${row}\u0000${column}`;

export interface Relation {
  /** Every cell whose value is fixed by the others (a total and all its parts). */
  cells: CellId[];
  /** The cell that is the sum, if any: hidden last, since hiding a part says less. */
  total?: CellId;
}

export const isSmall = (n: number): boolean => n >= 1 && n <= 4;

export function suppressCells(
  values: ReadonlyMap<CellId, number>,
  relations: readonly Relation[],
): Set<CellId> {
  const hidden = new Set<CellId>();
  for (const [id, n] of values) if (isSmall(n)) hidden.add(id);
  for (let changed = true; changed;) {
    changed = false;
    for (const rel of relations) {
      const cells = rel.cells.filter((c) => values.has(c));
      const hiddenHere = cells.filter((c) => hidden.has(c));
      if (hiddenHere.length !== 1) continue;
      const candidates = cells.filter((c) => !hidden.has(c));
      if (candidates.length === 0) continue;
      // Hide the smallest part (a positive one first), so the least information is lost.
      const rank = (c: CellId) => {
        const v = values.get(c) ?? 0;
        return (c === rel.total ? 2e9 : 0) + (v === 0 ? 1e9 : 0) + v;
      };
      candidates.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
      hidden.add(candidates[0]!);
      changed = true;
    }
  }
  return hidden;
}
