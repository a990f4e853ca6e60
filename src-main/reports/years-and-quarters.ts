import type { RawRow, RawTable, ShapedTable } from './shape.ts';

/**
 * A table by financial years and the same table by quarter are offered for the same options, on one
 * screen and in one export, so a reader has both at once. Suppressed apart, one would give back
 * what the other hides: the table by years covered counselled out at Stage 2 (3) with its panel
 * cell (0), the quarters printed that cell's 0s, and the 3 was the row's total less its shown cells
 * (drop-outs 2021/22–2025/26, sample of 400, seed 3). So they are suppressed as one table: its
 * columns both tables' (a column both have, such as kinship's and leaving's Total over the whole
 * range, is one cell), its relations both tables' and, for each count row, the quarters that add up
 * to each column by years (`annualColumnOf`: a quarter's year, or the drop-out table's stage column
 * over the whole period) with that column as their total. A stock row's first quarter's start and
 * last quarter's end are the year's own figures (`stockRows`), so those two relations hold one
 * quarter each. The cells one table hides are then hidden with cover that neither table's printed
 * cells, nor both together, can give back; `columnsOf` takes each table back out.
 */
export function yearsWithQuarters(
  years: RawTable,
  quarters: RawTable,
  annualColumnOf: (column: string) => string | null,
  stockRows: { start: readonly string[]; end: readonly string[] } = { start: [], end: [] },
): RawTable {
  const columns = [...years.columns];
  for (const c of quarters.columns) if (!columns.some((x) => x.key === c.key)) columns.push(c);
  const rows = years.rows.map((r) => ({ ...r }) as RawRow);
  for (const q of quarters.rows) {
    const at = rows.findIndex((r) => r.key === q.key);
    if (at < 0) {
      rows.push(q);
      continue;
    }
    const y = rows[at]!;
    if (y.kind !== q.kind || y.kind === 'rate' || q.kind === 'rate') continue;
    const notRecorded = [
      ...('notRecorded' in y ? (y.notRecorded ?? []) : []),
      ...('notRecorded' in q ? (q.notRecorded ?? []) : []),
    ];
    rows[at] = {
      ...y,
      values: { ...y.values, ...q.values },
      ...(notRecorded.length > 0 ? { notRecorded } : {}),
    } as RawRow;
  }
  const relations = [...years.relations, ...quarters.relations];
  const start = new Set(stockRows.start);
  const end = new Set(stockRows.end);
  for (const row of rows) {
    if (row.kind !== 'count') continue;
    for (const { key: year } of years.columns) {
      if (row.notRecorded?.includes(year)) continue;
      const parts = quarters.columns.filter((c) => c.key !== year && annualColumnOf(c.key) === year);
      if (parts.length === 0) continue;
      const stock = start.has(row.key) ? parts.slice(0, 1) : end.has(row.key) ? parts.slice(-1) : parts;
      const total: [string, string] = [row.key, year];
      relations.push({ cells: [...stock.map((c): [string, string] => [row.key, c.key]), total], total });
    }
  }
  return {
    columns,
    rows,
    relations,
    hiddenBeside: [...(years.hiddenBeside ?? []), ...(quarters.hiddenBeside ?? [])],
  };
}

/**
 * One of the tables back out of the suppressed whole: its own rows and columns, in its own order,
 * and its own lines under it (the whole, made of two tables' cells, keeps no table's notes).
 */
export function columnsOf(
  whole: ShapedTable,
  own: Pick<RawTable, 'columns' | 'rows' | 'notes'>,
): ShapedTable {
  const columns = own.columns.map((c) => whole.columns.find((x) => x.key === c.key)!);
  const rows = own.rows.map((r) => {
    const row = whole.rows.find((x) => x.key === r.key)!;
    return { ...row, values: Object.fromEntries(columns.map((c) => [c.key, row.values[c.key]!])) };
  });
  return { columns, rows, ...(own.notes ? { notes: own.notes } : {}) };
}
