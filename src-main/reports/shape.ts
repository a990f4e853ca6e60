import {
  NOT_COLLECTED,
  NOT_RECORDED,
  NOT_STARTED,
  SUPPRESSED,
  type CellValue,
  type ReportColumn,
  type ReportRow,
} from '../contract/reports.ts';
import { notStartedCells, removeFree } from './not-started-cells.ts';
import { rate } from './rate.ts';
import { cellId, suppressCells } from './suppress.ts';

/**
 * A table as the SQL leaves it: count rows with values, rate rows naming their numerator
 * and denominator rows, day rows naming the count row they were measured on. `finalise`
 * turns it into what every door shows, applying suppression before any rate is worked out.
 */
export type RawRow =
  | {
      key: string;
      label: string;
      kind: 'count';
      values: Record<string, number>;
      /** Columns whose figure the records cannot give: shown as "not recorded", never 0. */
      notRecorded?: readonly string[];
      /**
       * Columns the collection does not ask for: they count no one (0, known to every reader, to
       * the suppression) and are shown as "not collected".
       */
      notCollected?: readonly string[];
      /** Stands at a date (retention's households at the start): see not-started.ts. Set from `stockRows`. */
      stock?: boolean;
    }
  | { key: string; label: string; kind: 'rate'; numerator: string; denominator: string }
  | {
      key: string;
      label: string;
      kind: 'days';
      /** The count row of the households measured: when it is hidden, so is this value. */
      basis: string;
      values: Record<string, number | null>;
      notRecorded?: readonly string[];
    }
  | {
      key: string;
      label: string;
      /** A figure not counted here (a forecast, a target): shown as given, never suppressed. */
      kind: 'figure';
      as: 'count' | 'rate' | 'estimate';
      values: Record<string, number | null>;
      /** False when no households are behind it (a target or comparator typed in Settings). */
      drillable: boolean;
      /**
       * Typed for its period, not counted (a target or comparator): shown in a period not yet
       * started too, where every counted figure is blank (a manager sets next year's target now).
       */
      typed?: true;
    };

export interface RawTable {
  columns: ReportColumn[];
  rows: RawRow[];
  /** Sums and other relations between count cells, for secondary suppression: [row, column] pairs. */
  relations: Array<{
    cells: Array<[string, string]>;
    total?: [string, string];
    /** Cells on the total's side besides the total (see suppress.ts `Relation.minus`). */
    minus?: Array<[string, string]>;
    /** The cell to hide first when the relation needs cover (suppress-solver.ts `Relation.coverFirst`). */
    coverFirst?: [string, string];
  }>;
  /**
   * Figures of a table published beside this one that it hides (a quarterly table's annual
   * figures, under their year's column key): relations may name them, they are never shown
   * here, and suppression keeps them as hidden as a small count.
   */
  hiddenBeside?: Array<{ cell: [string, string]; value: number }>;
  /** Lines printed right under the table in every output (ReportSection.notes). */
  notes?: string[];
}

export interface ShapedTable {
  columns: ReportColumn[];
  rows: ReportRow[];
  notes?: string[];
}

export function finalise(raw: RawTable, suppress: boolean): ShapedTable {
  const counts = new Map<string, number>();
  const unknown = new Set<string>();
  // Figures every reader knows, whatever is printed (a column the collection does not ask for counts no one).
  const notCollected = new Set<string>();
  for (const row of raw.rows) {
    if (row.kind !== 'count') continue;
    for (const col of raw.columns) {
      // An unknown figure takes no part in suppression (it reveals nothing) and gives no rate.
      if (row.notRecorded?.includes(col.key)) unknown.add(cellId(row.key, col.key));
      else counts.set(cellId(row.key, col.key), row.values[col.key] ?? 0);
      if (row.notCollected?.includes(col.key)) notCollected.add(cellId(row.key, col.key));
    }
  }
  // Cells of periods not yet started are printed blank: what a reader knows of them (not-started.ts).
  const later = notStartedCells(raw, cellId);
  const { relations, published } = removeFree(
    raw.relations.map((r) => ({
      cells: r.cells.map(([row, col]) => cellId(row, col)),
      total: r.total ? cellId(...r.total) : undefined,
      minus: r.minus?.map(([row, col]) => cellId(row, col)),
      ...(r.coverFirst ? { coverFirst: cellId(...r.coverFirst) } : {}),
    })),
    later.free,
  );
  for (const c of later.free) if (!published.includes(c)) counts.delete(c);
  const beside = new Set<string>(later.hidden);
  for (const { cell, value } of raw.hiddenBeside ?? []) {
    counts.set(cellId(...cell), value);
    beside.add(cellId(...cell));
  }
  const known = new Set<string>([...later.known, ...published, ...notCollected]);
  const hidden = suppress ? suppressCells(counts, relations, beside, known) : new Set<string>();
  const count = (row: string, col: string) => counts.get(cellId(row, col)) ?? 0;
  const isHidden = (row: string, col: string) => hidden.has(cellId(row, col));

  const notStarted = new Set(raw.columns.filter((c) => c.notStarted).map((c) => c.key));
  const rows: ReportRow[] = raw.rows.map((row) => {
    const values: Record<string, CellValue> = {};
    const blank = (): ReportRow => ({
      key: row.key,
      label: row.label,
      kind: row.kind === 'figure' ? row.as : row.kind,
      // A figure typed for a period not yet started is shown there; every other cell is blank.
      values: {
        ...values,
        ...Object.fromEntries(
          [...notStarted]
            .filter((c) => !(row.kind === 'figure' && row.typed && values[c] != null))
            .map((c) => [c, NOT_STARTED]),
        ),
      },
      ...(row.kind === 'figure' && !row.drillable ? { drillable: false as const } : {}),
    });
    if (row.kind === 'figure') {
      for (const { key: col } of raw.columns) values[col] = row.values[col] ?? null;
      return blank();
    }
    for (const { key: col } of raw.columns) {
      if (row.kind === 'count') {
        values[col] = unknown.has(cellId(row.key, col))
          ? NOT_RECORDED
          : notCollected.has(cellId(row.key, col))
            ? NOT_COLLECTED
            : isHidden(row.key, col)
              ? SUPPRESSED
              : count(row.key, col);
      } else if (row.kind === 'rate') {
        // No rate is ever printed from a suppressed count: it would give the count back.
        values[col] =
          isHidden(row.numerator, col) ||
          isHidden(row.denominator, col) ||
          unknown.has(cellId(row.numerator, col)) ||
          unknown.has(cellId(row.denominator, col)) ||
          notCollected.has(cellId(row.numerator, col)) ||
          notCollected.has(cellId(row.denominator, col))
            ? null
            : rate(count(row.numerator, col), count(row.denominator, col));
      } else if (row.notRecorded?.includes(col)) {
        values[col] = NOT_RECORDED;
      } else {
        const n = count(row.basis, col);
        values[col] =
          isHidden(row.basis, col) || (suppress && n > 0 && n < 5) ? null : (row.values[col] ?? null);
      }
    }
    return blank();
  });
  // Only what the contract says leaves the core (periods carry dates and codes for the SQL).
  const columns = raw.columns.map((c): ReportColumn => ({
    key: c.key,
    label: c.label,
    ...(c.immature ? { immature: true } : {}),
    ...(c.countsFrom ? { countsFrom: c.countsFrom } : {}),
    ...(c.notStarted ? { notStarted: true } : c.toDate ? { toDate: true } : {}),
  }));
  return { columns, rows, ...(raw.notes ? { notes: raw.notes } : {}) };
}

/** Median (mean of the middle two) and 90th percentile (nearest rank) from a histogram of whole days. */
export function percentiles(hist: ReadonlyArray<{ v: number; n: number }>): {
  median: number | null;
  p90: number | null;
} {
  const sorted = [...hist].sort((a, b) => a.v - b.v);
  const total = sorted.reduce((s, h) => s + h.n, 0);
  if (total === 0) return { median: null, p90: null };
  const at = (rank: number) => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (seen >= rank) return h.v;
    }
    return sorted[sorted.length - 1]!.v;
  };
  const mid = total % 2 === 1 ? at((total + 1) / 2) : (at(total / 2) + at(total / 2 + 1)) / 2;
  return { median: Math.round(mid * 10) / 10, p90: at(Math.ceil(total * 0.9)) };
}
