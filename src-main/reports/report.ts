import { ApiError } from '../contract/errors.ts';
import {
  NOT_RECORDED,
  REPORT_PATHWAY_LABELS,
  SUPPRESSED,
  FIXED_PATHWAY_TABLES,
  followsPathwayOption,
  NO_YEAR_TABLES,
  OWN_COLUMN_TABLES,
  REPORT_PATHWAYS,
  SINGLE_YEAR_TABLES,
  type CellValue,
  type DrillResult,
  type ResolvedReportOptions,
  type Report,
  type ReportDefinition,
  type ReportOptions,
  type ReportPathway,
  type ReportTableKey,
} from '../contract/reports.ts';
import { inOneSnapshot, type Db } from '../db/handle.ts';
import { drillHouseholds } from '../db/queries/drill.ts';
import type { IsoDate } from '../domain/dates.ts';
import { yearOfQuarter } from '../domain/financial-year.ts';
import { periodText, resolveOptions } from './period.ts';
import { finalise, type RawRow, type RawTable, type ShapedTable } from './shape.ts';
import { joinSections, splitSections } from './joint.ts';
import { acrossPathways, pathwayPart } from './across-pathways.ts';
import { columnsOf, yearsWithQuarters } from './years-and-quarters.ts';
import { TABLES } from './tables.ts';
import type { TableModule } from './types.ts';

const COMMON_DEFINITIONS = (suppress: boolean): ReportDefinition[] => [
  {
    key: 'pathway',
    label: 'Pathway',
    text: 'Mainstream is the recruitment funnel proper (and the default); kinship (connected persons) households are family and friends assessed for a known child. Each event counts on the pathway the household was on at that event’s date: a pathway switch counts from its date on, so it never changes a period already reported.',
  },
  {
    key: 'no_rate',
    label: '– (no value)',
    text: suppress
      ? 'No rate where the denominator is 0, and none built on a suppressed count; no days where nobody was measured or the number measured is suppressed.'
      : 'No rate where the denominator is 0; no days where nobody was measured.',
  },
  ...(suppress
    ? [
        {
          key: 'suppression',
          label: '<5 (suppressed)',
          text: 'Counts of 1 to 4 are shown as <5. Where a total, or the same table for another pathway, would reveal a hidden count, a second count is hidden too and also shown as <5, although it may be larger (or 0), so no hidden count can be worked out.',
        },
      ]
    : []),
];

/**
 * The options as a table reads them: a single-year table (the Ofsted return) covers the
 * `to` year alone, by year, with pathways as its columns. It has no From: one the Reports screen
 * keeps from the table shown before is not asked of it (a From of 2025/26 refused its 2024/25).
 */
function resolveFor(table: ReportTableKey, options: ReportOptions, today: IsoDate): ResolvedReportOptions {
  const single = SINGLE_YEAR_TABLES.includes(table);
  const resolved = resolveOptions(single ? { ...options, from: undefined } : options, today);
  const o = OWN_COLUMN_TABLES.includes(table) ? { ...resolved, quarterly: false } : resolved;
  const fixed = FIXED_PATHWAY_TABLES[table];
  if (fixed) return { ...o, pathway: fixed };
  if (!single) return o;
  return { ...o, from: o.to, quarterly: false, pathway: 'all' };
}

/** A report table as every door shows it: a pure function of the database, the options and today. */
export function buildReport(db: Db, table: ReportTableKey, options: ReportOptions, today: IsoDate): Report {
  return inOneSnapshot(db, () => build(db, table, options, today, new Map()));
}

/** Several tables saved together (Save all tables), all from one state of the records. */
export function buildReports(
  db: Db,
  tables: readonly ReportTableKey[],
  options: ReportOptions,
  today: IsoDate,
): Report[] {
  return inOneSnapshot(db, () => {
    const built: Built = new Map();
    return tables.map((t) => build(db, t, options, today, built));
  });
}

/** Tables already built for one call, by table and resolved options: each is worked out once. */
type Built = Map<string, Report>;

/**
 * A suppressed table that has a quarterly form is suppressed with it, as one table, whichever of
 * the two is asked for (years-and-quarters.ts): a reader has both, and each must be the same as
 * printed beside the other. A suppressed table offered for each pathway is suppressed with the
 * same table for the other pathways likewise (across-pathways.ts). Others are suppressed alone.
 */
function build(db: Db, table: ReportTableKey, options: ReportOptions, today: IsoDate, built: Built): Report {
  const o = resolveFor(table, options, today);
  const key = (r: ResolvedReportOptions) => JSON.stringify([table, r]);
  if (!built.has(key(o))) {
    const formsFor = (pathway: ReportPathway) => {
      const asked = { ...options, pathway };
      const years = resolveFor(table, { ...asked, quarterly: false }, today);
      const quarters = resolveFor(table, { ...asked, quarterly: true }, today);
      return o.suppress && quarters.quarterly ? [years, quarters] : [resolveFor(table, asked, today)];
    };
    const pathways = o.suppress && offeredByPathway(table) ? REPORT_PATHWAYS : [o.pathway];
    const groups = pathways.map(formsFor);
    const reports = buildTogether(db, table, options, groups, today, built);
    groups.flat().forEach((f, i) => built.set(key(f), reports[i]!));
  }
  return built.get(key(o))!;
}

/** A table asked for one pathway, whose other pathways' tables a reader may have beside it. */
const offeredByPathway = (table: ReportTableKey) =>
  followsPathwayOption(table) && !NO_YEAR_TABLES.includes(table) && !TABLES[table].pathwayColumns;

/**
 * The tables of `groups` (each a pathway's forms: by years and by quarter, or one), suppressed as
 * one table; their reports in the order of `groups`, form by form.
 */
function buildTogether(
  db: Db,
  table: ReportTableKey,
  options: ReportOptions,
  groups: ReadonlyArray<readonly ResolvedReportOptions[]>,
  today: IsoDate,
  built: Built,
): Report[] {
  const suppress = groups[0]![0]!.suppress;
  const prepared = groups.map((forms) =>
    prepare(
      db,
      table,
      groups.length > 1 ? { ...options, pathway: forms[0]!.pathway } : options,
      forms,
      today,
      built,
    ),
  );
  const pathwayOf = (p: (typeof prepared)[number]) => p.each[0]!.o.pathway;
  // Several pathways' tables suppressed as one (across-pathways.ts), or one table alone.
  const together = (raws: readonly RawTable[], suppressed: boolean): ShapedTable[] => {
    if (raws.length === 1) return [finalise(raws[0]!, suppressed)];
    const parts = raws.map((raw, i) => ({ pathway: pathwayOf(prepared[i]!), raw }));
    const whole = finalise(acrossPathways(parts), suppressed);
    return parts.map((part) => pathwayPart(whole, part));
  };
  const split = together(
    prepared.map((p) => p.joint),
    suppress,
  ).map(splitSections);
  // The sections not joined to their main table, each across the pathways likewise.
  const sections = prepared.map((p, i) => p.sections.map((s) => split[i]!.sections.get(s.key)));
  prepared[0]!.sections.forEach((s, j) => {
    if (sections[0]![j]) return;
    const checked = prepared.map((p, i) => checkedSection(p.sections[j]!, split[i]!.main, suppress));
    together(checked, suppress).forEach((shaped, i) => (sections[i]![j] = shaped));
  });
  return prepared.flatMap((p, i) =>
    reportsOf(
      table,
      p,
      split[i]!.main,
      sections[i]!.map((x) => x!),
      today,
    ),
  );
}

/**
 * One pathway's forms built, tied to the tables printed beside them, and joined with their forms
 * by quarter and the sections that restate their cells (joint.ts): `joint`, ready to suppress.
 * `options` are as asked, with the pathway of these forms where several pathways are built together.
 */
function prepare(
  db: Db,
  table: ReportTableKey,
  options: ReportOptions,
  forms: readonly ResolvedReportOptions[],
  today: IsoDate,
  built: Built,
) {
  const module = TABLES[table];
  const suppress = forms[0]!.suppress;
  const other = (t: ReportTableKey, quarterly: boolean, pathway = options.pathway) =>
    build(db, t, { ...options, quarterly, pathway }, today, built);
  const each = forms.map((o) => {
    const b = module.build(db, o, today);
    // Retention must not show what the recruitment and leaving tables hide, nor the kinship table
    // what the kinship recruitment table hides.
    const printed = suppress
      ? new Map(
          (module.printedBeside ?? []).map((p) => [besideKey(p), other(p.table, o.quarterly, p.pathway)]),
        )
      : undefined;
    // The tables a return's rows are printed in, for its one year (a `from` left over from another
    // table, not shown with the return, built them over five years, whose Total column suppressed
    // them otherwise: the same return for the same year came out two ways, giving a count back).
    const forPathway = (t: ReportTableKey, pathway: ReportPathway) =>
      build(db, t, { ...options, pathway, from: o.to, to: o.to, quarterly: false }, today, built);
    const main = withPrintedForPathway(
      withPrintedBeside(b.main, module, printed),
      db,
      module,
      suppress ? forPathway : undefined,
      o.to,
    );
    return { o, built: b, main };
  });
  const [years, quarters] = each;
  const sectionOf = (e: (typeof each)[number], key: string) => e.built.sections.find((s) => s.key === key)!;
  const both = (y: RawTable, q: RawTable) =>
    yearsWithQuarters(y, q, module.annualColumnOf ?? yearOfQuarter, module.stockRows);
  const mainRaw = quarters ? both(years!.main, quarters.main) : years!.main;
  const sections = years!.built.sections.map((s) => {
    if (!quarters) return s;
    const q = sectionOf(quarters, s.key);
    return {
      ...s,
      raw: both(s.raw, q.raw),
      ...(s.restatesMainCells
        ? { restatesMainCells: [...s.restatesMainCells, ...(q.restatesMainCells ?? [])] }
        : {}),
    };
  });
  // A section whose cells add up to the main table's is suppressed with it, as one table (joint.ts).
  const joined = suppress ? sections.filter((s) => s.restatesMainCells) : [];
  const joint = joinSections(
    mainRaw,
    joined.map((s) => ({ section: s, raw: s.raw })),
  );
  return { each, quarters, sections, joint };
}

type Prepared = ReturnType<typeof prepare>;

/** A section suppressed apart from its main table, weighed against the main rows it restates as printed. */
function checkedSection(s: Prepared['sections'][number], main: ShapedTable, suppress: boolean): RawTable {
  if (!suppress) return s.raw;
  const restated = [
    ...(s.restatesMainTotal ? [{ main: TOTAL_ROW, parts: [TOTAL_ROW] }] : []),
    ...(s.restatesMainRows ?? []),
  ];
  return restated.reduce(
    (out, r) =>
      withShownThere(out, r.parts, main.rows.find((x) => x.key === r.main)?.values, `main ${r.main}`),
    s.raw,
  );
}

/** The reports of one pathway's forms, from their suppressed main table and sections. */
function reportsOf(
  table: ReportTableKey,
  { each, quarters }: Prepared,
  main: ShapedTable,
  shapedSections: readonly ShapedTable[],
  today: IsoDate,
): Report[] {
  const module = TABLES[table];
  return each.map(({ o, built: b, main: raw }) => {
    const own = (shaped: ShapedTable, of: RawTable) => (quarters ? columnsOf(shaped, of) : shaped);
    const shapedMain = own(main, raw);
    return {
      table,
      title: module.titleOf ? module.titleOf(o) : module.title,
      options: o,
      period: module.period ? module.period(o, today) : periodText(o, today),
      pathwayLabel: module.pathwayColumns
        ? 'Mainstream and family and friends (connected persons), in columns'
        : REPORT_PATHWAY_LABELS[o.pathway],
      madeOn: today,
      columns: shapedMain.columns,
      rows: shapedMain.rows,
      ...(shapedMain.notes ? { notes: shapedMain.notes } : {}),
      sections: b.sections.map((s, i) => ({
        key: s.key,
        title: s.title,
        rowHeading: s.rowHeading,
        ...own(shapedSections[i]!, s.raw),
      })),
      definitions: [...module.definitions(o), ...(b.definitions ?? []), ...COMMON_DEFINITIONS(o.suppress)],
    };
  });
}

/** The table a row is printed beside, for its pathway where it names one. */
const besideKey = (p: NonNullable<TableModule['printedBeside']>[number]) => `${p.table} ${p.pathway ?? ''}`;

/**
 * A row another table prints (module.printedBeside) is never hidden here to cover another cell:
 * a relation of one cell says so. Where that table hides it, though, it is hidden here too, with
 * whatever cover it needs: its copy there joins as a hidden cell equal to it.
 */
function withPrintedBeside(raw: RawTable, module: TableModule, printed?: Map<string, Report>): RawTable {
  if (!module.printedBeside) return raw;
  return module.printedBeside.reduce(
    (out, p) =>
      withShownThere(
        out,
        [p.row],
        printed?.get(besideKey(p))?.rows.find((r) => r.key === p.as)?.values,
        p.table,
      ),
    raw,
  );
}

/**
 * A table whose columns are pathways (the Ofsted return) ties its rows that another table prints for
 * the year (module.printedForPathway), each pathway's column to that table for the pathway, as
 * withPrintedBeside ties a row: never hidden to cover another, hidden wherever that table hides it.
 * Every pathway's, not only the one asked for: with the kinship recruitment table beside it, the
 * return's family and friends applications gave back the mainstream count the return hid (All 8,
 * kinship 6). A table of one pathway (the kinship table) ties that pathway's column alone. That
 * table by financial years: by quarter, it is suppressed as published beside it.
 */
function withPrintedForPathway(
  raw: RawTable,
  db: Db,
  module: TableModule,
  buildOther: ((table: ReportTableKey, pathway: ReportPathway) => Report) | undefined,
  year: string,
): RawTable {
  const tied = module.printedForPathway;
  if (!tied || !buildOther) return raw;
  let out = raw;
  for (const p of tied.rows(db))
    for (const pathway of p.pathways ?? REPORT_PATHWAYS) {
      const other = buildOther(p.table, pathway);
      if (other.options.pathway !== pathway) continue;
      const column = tied.columnOf(pathway);
      const figure = other.rows.find((r) => r.key === p.as)?.values[year];
      if (figure === undefined || !out.columns.some((c) => c.key === column)) continue;
      const only = { ...out, columns: out.columns.filter((c) => c.key === column) };
      out = { ...withShownThere(only, [p.row], { [column]: figure }, p.table), columns: out.columns };
    }
  return out;
}

const TOTAL_ROW = 'total';

/**
 * `parts` (one row, or rows that add up) count the same facts as a row printed elsewhere (`there`,
 * its values as shown, from the table or section named `where`): a cell hidden there stays hidden
 * here (its copy joins as a hidden cell equal to the parts' sum, so they take the cover it needs),
 * and one shown there is published: a single row is never hidden here only to cover another, and
 * of several no one is hidden alone. Otherwise one table would give back what the other hides.
 */
function withShownThere(
  raw: RawTable,
  parts: readonly string[],
  there: Record<string, CellValue> | undefined,
  where: string,
): RawTable {
  const own = parts.map((p) => raw.rows.find((r) => r.key === p));
  if (own.length === 0 || own.some((r) => r?.kind !== 'count')) return raw;
  const rows = own as Array<RawRow & { kind: 'count' }>;
  const relations = [...raw.relations];
  const hiddenBeside = [...(raw.hiddenBeside ?? [])];
  for (const { key: c } of raw.columns) {
    const shown = there?.[c];
    // A column the other table has not (the kinship table's Total, over years the recruitment
    // table prints one by one) is not printed there: it stays free to hide, as cover too.
    if (there && !(c in there)) continue;
    if (shown === NOT_RECORDED || rows.some((r) => r.notRecorded?.includes(c))) continue;
    const cells = rows.map((r) => [r.key, c] as [string, string]);
    const copy: [string, string] = [`${parts.join('+')}@${where}`, c];
    const sum = rows.reduce((total, r) => total + (r.values[c] ?? 0), 0);
    if (shown === SUPPRESSED) {
      hiddenBeside.push({ cell: copy, value: sum });
      relations.push({ cells: [...cells, copy], total: copy });
    } else relations.push({ cells });
  }
  return { ...raw, relations, hiddenBeside };
}

/** A rate row drills to its numerator's households, a days row to the households it measured. */
function countRowOf(raw: RawTable, row: string): string {
  const r = raw.rows.find((x) => x.key === row);
  if (!r) return row;
  if (r.kind === 'rate') return r.numerator;
  if (r.kind === 'days') return r.basis;
  if (r.kind === 'figure' && !r.drillable) return '';
  return row;
}

interface DrillInput {
  table: ReportTableKey;
  options: ReportOptions;
  section: string;
  row: string;
  column: string;
  limit: number;
}

/** The households behind one cell, found by the same conditions that counted them. */
export function drillReport(db: Db, input: DrillInput, today: IsoDate): DrillResult {
  return inOneSnapshot(db, () => drill(db, input, today));
}

function drill(db: Db, input: DrillInput, today: IsoDate): DrillResult {
  const o = resolveFor(input.table, input.options, today);
  const module = TABLES[input.table];
  const built = module.build(db, o, today);
  const raw = input.section ? built.sections.find((s) => s.key === input.section)?.raw : built.main;
  if (!raw)
    throw new ApiError(
      'not_found',
      `section: the ${input.table} table has no "${input.section}" view.`,
      'section',
    );
  if (!raw.columns.some((c) => c.key === input.column)) {
    throw new ApiError(
      'not_found',
      `column: the ${input.table} table has no column "${input.column}".`,
      'column',
    );
  }
  const row = countRowOf(raw, input.row);
  if (row === '') {
    throw new ApiError(
      'not_found',
      `row: "${input.row}" is not a count of households (a target or comparator typed in Settings, or a measure of error), so there are none to list.`,
      'row',
    );
  }
  const q = raw.rows.some((r) => r.key === input.row)
    ? module.drill(db, o, input.section, row, input.column, today)
    : null;
  if (!q) throw new ApiError('not_found', `row: the ${input.table} table has no row "${input.row}".`, 'row');
  const listed = drillHouseholds(db, q, input.limit);
  const note = countedMoreThanListed(raw, input.row, input.column, listed.total);
  return note ? { ...listed, note } : listed;
}

/**
 * Where a count counts a household more than once (an enquiry in each of two episodes in the
 * period, two carers of one household), the list under it has each household once, so its total
 * is smaller than the figure: said, so the two are not read as disagreeing. Counts only: a rate's
 * list is its numerator's, a days row's the households it measured.
 */
function countedMoreThanListed(
  raw: RawTable,
  row: string,
  column: string,
  households: number,
): string | null {
  const r = raw.rows.find((x) => x.key === row);
  const value = r?.kind === 'count' ? r.values[column] : undefined;
  if (value === undefined || value <= households) return null;
  return `The figure counts ${value.toLocaleString('en-GB')}: a household it counts more than once (for two enquiries in the period, or two carers, say) is listed once.`;
}
