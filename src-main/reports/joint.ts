import type { ShapedTable, RawRow, RawTable } from './shape.ts';
import type { BuiltTable } from './types.ts';

type Section = BuiltTable['sections'][number];

/** A joined section's row key: its own, behind the section's. */
const SEP = '\u0001';
const inSection = (section: string, row: string) => `${section}${SEP}${row}`;

/** A row under another key, the rows its rate or days are worked out from renamed alike. */
export function renamedRow(row: RawRow, rename: (key: string) => string): RawRow {
  const key = rename(row.key);
  if (row.kind === 'rate')
    return { ...row, key, numerator: rename(row.numerator), denominator: rename(row.denominator) };
  if (row.kind === 'days') return { ...row, key, basis: rename(row.basis) };
  return { ...row, key };
}

/** A table's relations and the figures beside it, each cell's row renamed, to join another table. */
export function renamedTies(
  raw: RawTable,
  rename: (key: string) => string,
): Required<Pick<RawTable, 'relations' | 'hiddenBeside'>> {
  const cell = ([row, col]: [string, string]): [string, string] => [rename(row), col];
  return {
    relations: raw.relations.map((r) => ({
      cells: r.cells.map(cell),
      ...(r.total ? { total: cell(r.total) } : {}),
      ...(r.minus ? { minus: r.minus.map(cell) } : {}),
      ...(r.coverFirst ? { coverFirst: cell(r.coverFirst) } : {}),
    })),
    hiddenBeside: (raw.hiddenBeside ?? []).map((h) => ({ ...h, cell: cell(h.cell) })),
  };
}

/**
 * A section whose cells add up to the main table's cells (restatesMainCells: the drop-outs ended by
 * the service at Stage 1 are those of the reasons the service ends them for) is suppressed together
 * with the main table, as one table: a reader has both tables' sums and these, all at once, so a
 * hidden cell of either can be worked out from the other's shown cells and sums (a main cell hidden
 * with its cover, both given back by the section's cells). Weighed apart, each against the other as
 * printed, neither could hide a cell of the other, and such a chain went unseen. Its rows join the
 * main table's under their section's key, with its own relations, the quarters' and year's, its
 * total's (restatesMainTotal), its rows' (restatesMainRows) and its cells' (restatesMainCells).
 * A part of no main cell is 0, known: never hidden to cover another.
 */
export function joinSections(
  main: RawTable,
  sections: ReadonlyArray<{ section: Section; raw: RawTable }>,
): RawTable {
  const rows = [...main.rows];
  const relations = [...main.relations];
  const hiddenBeside = [...(main.hiddenBeside ?? [])];
  const recorded = (row: string, col: string) => {
    const r = main.rows.find((x) => x.key === row);
    return r?.kind === 'count' && !r.notRecorded?.includes(col);
  };
  for (const { section: s, raw } of sections) {
    const rename = (row: string) => inSection(s.key, row);
    const cell = ([row, col]: [string, string]): [string, string] => [rename(row), col];
    rows.push(...raw.rows.map((r) => renamedRow(r, rename)));
    const ties = renamedTies(raw, rename);
    relations.push(...ties.relations);
    hiddenBeside.push(...ties.hiddenBeside);
    const restated = [
      ...(s.restatesMainTotal ? [{ main: 'total', parts: ['total'] }] : []),
      ...(s.restatesMainRows ?? []),
    ];
    for (const { key: col } of raw.columns) {
      for (const r of restated) {
        if (!recorded(r.main, col)) continue;
        const total: [string, string] = [r.main, col];
        relations.push({ cells: [...r.parts.map((p) => cell([p, col])), total], total });
      }
    }
    for (const sum of s.restatesMainCells ?? []) {
      if (sum.main.length === 0) {
        relations.push(...sum.parts.map((p) => ({ cells: [cell([...p])] })));
        continue;
      }
      if (sum.main.some(([row, col]) => !recorded(row, col))) continue;
      const [total, ...minus] = sum.main.map(([row, col]): [string, string] => [row, col]);
      relations.push({
        cells: [...sum.parts.map((p) => cell([...p])), total!, ...minus],
        total: total!,
        minus,
      });
    }
  }
  return { ...main, rows, relations, hiddenBeside };
}

/** The main table (with its lines under it) and each joined section, apart again, each row under its own key. */
export function splitSections(table: ShapedTable): { main: ShapedTable; sections: Map<string, ShapedTable> } {
  const main: ShapedTable = {
    columns: table.columns,
    rows: [],
    ...(table.notes ? { notes: table.notes } : {}),
  };
  const sections = new Map<string, ShapedTable>();
  for (const row of table.rows) {
    const at = row.key.indexOf(SEP);
    if (at < 0) {
      main.rows.push(row);
      continue;
    }
    const key = row.key.slice(0, at);
    if (!sections.has(key)) sections.set(key, { columns: table.columns, rows: [] });
    sections.get(key)!.rows.push({ ...row, key: row.key.slice(at + 1) });
  }
  return { main, sections };
}
