import type { ReportPathway } from '../contract/reports.ts';
import type { RawRow, RawTable, ShapedTable } from './shape.ts';
import { renamedRow, renamedTies } from './joint.ts';

/**
 * A table is offered for mainstream, for kinship and for all pathways, and each count for all
 * pathways is, event by event, its mainstream count plus its kinship count. Suppressed apart, the
 * three gave each other's hidden counts back: the recruitment table for 2021/22 (400-household
 * sample, seed 1) hid kinship's 3 Stage 2 starts while mainstream printed 5 and all pathways 8.
 * So a suppressed table is suppressed with its other pathways' tables, as one table: every row
 * under its pathway's key, every table's relations, and for each count cell for all pathways that
 * is the sum of its two pathways' cells, that sum. A cell that is not their sum (no table of this
 * app has one, but a row could count a household once across a change of pathway) gives a reader
 * no sum, so none is stated for it. Where such a sum needs cover, the figure for all pathways is
 * hidden first: the mainstream and kinship tables are the ones a service publishes, so one
 * pathway's small count is covered in the all-pathways table, not in the other pathway's.
 * (Suppressing those two alone and the all-pathways table beside them, as printed, left it cells
 * it could not cover: each of its cells that both printed was known, so its own small counts
 * had no cover left.)
 */
const SEP = '\u0002';
const under = (pathway: string, key: string) => `${pathway}${SEP}${key}`;

type Part = { pathway: ReportPathway; raw: RawTable };

export function acrossPathways(parts: readonly Part[]): RawTable {
  const columns = [...parts[0]!.raw.columns];
  const rows: RawRow[] = [];
  const relations: RawTable['relations'] = [];
  const hiddenBeside: NonNullable<RawTable['hiddenBeside']> = [];
  for (const { pathway, raw } of parts) {
    const rename = (row: string) => under(pathway, row);
    rows.push(...raw.rows.map((r) => renamedRow(r, rename)));
    const ties = renamedTies(raw, rename);
    relations.push(...ties.relations);
    hiddenBeside.push(...ties.hiddenBeside);
  }
  const of = (p: ReportPathway) => parts.find((x) => x.pathway === p)?.raw;
  const [all, mainstream, kinship] = [of('all'), of('mainstream'), of('kinship')];
  if (!all || !mainstream || !kinship) return { columns, rows, relations, hiddenBeside };
  const everywhere = columns.filter((c) =>
    [mainstream, kinship].every((t) => t.columns.some((x) => x.key === c.key)),
  );
  for (const row of all.rows) {
    const m = mainstream.rows.find((r) => r.key === row.key);
    const k = kinship.rows.find((r) => r.key === row.key);
    if (row.kind !== 'count' || m?.kind !== 'count' || k?.kind !== 'count') continue;
    for (const { key: col } of everywhere) {
      const three = [m, k, row];
      if (three.some((r) => r.notRecorded?.includes(col) || r.notCollected?.includes(col))) continue;
      if ((row.values[col] ?? 0) !== (m.values[col] ?? 0) + (k.values[col] ?? 0)) continue;
      const total: [string, string] = [under('all', row.key), col];
      relations.push({
        cells: [[under('mainstream', row.key), col], [under('kinship', row.key), col], total],
        total,
        coverFirst: total,
      });
    }
  }
  return { columns, rows, relations, hiddenBeside };
}

/**
 * One pathway's table back out of the suppressed whole: its rows under their own keys, its own
 * columns (as shaped, under its own labels: the backtest's accuracy column, keyed alike in every
 * pathway's table, names each pathway's own years compared) and notes.
 */
export function pathwayPart(whole: ShapedTable, { pathway, raw }: Part): ShapedTable {
  const prefix = under(pathway, '');
  const columns = raw.columns.map((c) => ({
    ...whole.columns.find((x) => x.key === c.key)!,
    label: c.label,
  }));
  const rows = whole.rows
    .filter((r) => r.key.startsWith(prefix))
    .map((r) => ({
      ...r,
      key: r.key.slice(prefix.length),
      values: Object.fromEntries(columns.map((c) => [c.key, r.values[c.key]!])),
    }));
  return { columns, rows, ...(raw.notes ? { notes: raw.notes } : {}) };
}
