import type { ReportColumn } from '../contract/reports.ts';
import type { RawRow, RawTable } from './shape.ts';

/**
 * A two-way count table with a `total` row and (optionally) a `total` column, from grouped
 * SQL results; its sums become relations for secondary suppression.
 */
export function grid(
  rowsIn: ReadonlyArray<{ key: string; label: string }>,
  columnsIn: ReadonlyArray<ReportColumn>,
  counts: ReadonlyArray<{ r: string; c: string; n: number }>,
  /** `totalRow: false`: rows that are not parts of one whole (the kinship steps) get no total row. */
  opts: { totalColumn: boolean; totalLabel?: string; totalRow?: boolean },
): RawTable {
  const columns: ReportColumn[] = opts.totalColumn
    ? [...columnsIn, { key: 'total', label: 'Total' }]
    : [...columnsIn];
  const colKeys = new Set(columnsIn.map((c) => c.key));
  const rows: Array<RawRow & { kind: 'count' }> = rowsIn.map((r) => ({
    key: r.key,
    label: r.label,
    kind: 'count',
    values: Object.fromEntries(columns.map((c) => [c.key, 0])),
  }));
  const total: RawRow & { kind: 'count' } = {
    key: 'total',
    label: opts.totalLabel ?? 'Total',
    kind: 'count',
    values: Object.fromEntries(columns.map((c) => [c.key, 0])),
  };
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const { r, c, n } of counts) {
    const row = byKey.get(r);
    if (!row || !colKeys.has(c)) continue;
    row.values[c]! += n;
    total.values[c]! += n;
    if (opts.totalColumn) {
      row.values.total! += n;
      total.values.total! += n;
    }
  }
  const withTotal = opts.totalRow !== false;
  const all = withTotal ? [...rows, total] : rows;
  const relations: RawTable['relations'] = [];
  if (opts.totalColumn) {
    for (const r of all) {
      relations.push({
        cells: columns.map((c) => [r.key, c.key] as [string, string]),
        total: [r.key, 'total'],
      });
    }
  }
  for (const c of withTotal ? columns : []) {
    relations.push({ cells: all.map((r) => [r.key, c.key] as [string, string]), total: ['total', c.key] });
  }
  return { columns, rows: all, relations };
}

/** Reason rows in list order; a retired reason only when it has something to count. */
export function reasonRows(
  reasons: ReadonlyArray<{ key: string; label: string; retired: number }>,
  counts: ReadonlyArray<{ r: string; n: number }>,
): Array<{ key: string; label: string }> {
  const used = new Set(counts.filter((x) => x.n > 0).map((x) => x.r));
  return reasons
    .filter((r) => !r.retired || used.has(r.key))
    .map((r) => ({ key: r.key, label: r.retired ? `${r.label} (retired)` : r.label }));
}
