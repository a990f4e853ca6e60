import type { ReportColumn } from '../contract/reports.ts';
import type { Relation } from './suppress.ts';

// Apart from not-started.ts (which marks the columns and reads the tables' types), so that
// shape.ts, whose finalise prints these cells blank, reads this without an import cycle.
type Cell = string;

/**
 * What suppression is told of the cells of columns not yet started, which are printed blank:
 * - a count of events (enquiries, approvals, cessations…) of 0 is known to be 0 by every reader (nothing
 *   can have happened yet): `known`, never hidden and never a cover, as a figure printed beside;
 * - one above 0 (a resignation recorded ahead of the day it takes effect) is not printed, and the
 *   table by years counts it: `hidden`, kept as hidden as a small count (with cover where needed);
 * - a count standing at a date (retention's households at the start and end: `stock`) is not known,
 *   but tied to the columns before it (a quarter's start is the last one's end): it is `free`, taken
 *   out of the relations by substitution (removeFree), so it is neither hidden, nor a cover, nor
 *   taken as shown.
 */
export function notStartedCells(
  raw: {
    columns: readonly ReportColumn[];
    rows: ReadonlyArray<{
      key: string;
      kind: string;
      values?: Record<string, number | null>;
      stock?: boolean;
    }>;
  },
  cellId: (row: string, column: string) => Cell,
): { known: Cell[]; hidden: Cell[]; free: Set<Cell> } {
  const known: Cell[] = [];
  const hidden: Cell[] = [];
  const free = new Set<Cell>();
  const columns = raw.columns.filter((c) => c.notStarted).map((c) => c.key);
  for (const row of raw.rows) {
    if (row.kind !== 'count') continue;
    for (const col of columns) {
      const cell = cellId(row.key, col);
      if (row.stock) free.add(cell);
      else if ((row.values?.[col] ?? 0) === 0) known.push(cell);
      else hidden.push(cell);
    }
  }
  return { known, hidden, free };
}

/**
 * The relations with the `free` cells (unknown to every reader, and never printed) eliminated: each
 * is solved from one relation holding it and put into the others (a quarter's start, its end's
 * relation and the year's end tied to it become the year's end = the last started quarter's end +
 * the events after it). A free cell that a relation of one cell says is published elsewhere is
 * known, not free (`published`). Coefficients are ±1 in every table's relations; a relation where
 * one is not is kept as it is (the cell then counts as shown in it: more known, never less).
 */
export function removeFree(
  relations: readonly Relation[],
  free: ReadonlySet<Cell>,
): { relations: Relation[]; published: Cell[] } {
  const published = new Set(
    relations.filter((r) => r.cells.length === 1 && free.has(r.cells[0]!)).map((r) => r.cells[0]!),
  );
  // Each relation as its cells' coefficients, once it is changed (the others are kept as they are).
  let rels: Array<Relation | Map<Cell, number>> = [...relations];
  const of = (r: Relation | Map<Cell, number>) => (r instanceof Map ? r : coefficients(r));
  for (const v of free) {
    if (published.has(v)) continue;
    const holds = (r: Relation | Map<Cell, number>) =>
      r instanceof Map ? r.has(v) : r.cells.length > 1 && r.cells.includes(v);
    const pivotAt = rels.findIndex((r) => holds(r) && Math.abs(of(r).get(v)!) === 1);
    if (pivotAt < 0) continue;
    const pivot = of(rels[pivotAt]!);
    rels = rels.flatMap((r, i) => {
      if (i === pivotAt) return [];
      if (!holds(r)) return [r];
      const m = of(r);
      const a = m.get(v)!;
      if (Math.abs(a) !== 1) return [r];
      const out = new Map(m);
      const k = a / pivot.get(v)!;
      for (const [c, b] of pivot) out.set(c, (out.get(c) ?? 0) - k * b);
      for (const [c, b] of out) if (b === 0) out.delete(c);
      return out.size > 0 ? [out] : [];
    });
  }
  return { relations: rels.map((r) => (r instanceof Map ? toRelation(r) : r)), published: [...published] };
}

function coefficients(r: Relation): Map<Cell, number> {
  const m = new Map<Cell, number>();
  for (const c of r.cells) m.set(c, (m.get(c) ?? 0) + (c === r.total || r.minus?.includes(c) ? -1 : 1));
  return m;
}

/** A relation from its cells' coefficients: a cell of +2 is named twice, one of −1 is on the total's side. */
function toRelation(m: Map<Cell, number>): Relation {
  const cells: Cell[] = [];
  const minus: Cell[] = [];
  for (const [c, k] of m) {
    for (let i = 0; i < Math.abs(k); i++) cells.push(c);
    if (k < 0) minus.push(c);
  }
  return minus.length > 0 ? { cells, minus } : { cells };
}
