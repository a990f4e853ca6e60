import type { ReportDefinition, ReportTableKey, ResolvedReportOptions } from '../contract/reports.ts';
import type { Db } from '../db/open.ts';
import type { DrillQuery } from '../db/queries/drill.ts';
import type { IsoDate } from '../domain/dates.ts';
import type { PathwayScope } from '../domain/stages.ts';
import type { RawTable } from './shape.ts';

export interface BuiltTable {
  main: RawTable;
  /**
   * `rowHeading`: what its row labels are ("Who ended it"), heading their column on screen and in every export.
   * `restatesMainTotal`: its total row counts the main table's facts again (the same drop-outs by
   * who ended them), so suppression hides there what the main table's total row hides.
   * `restatesMainRows`: each `main` row of the main table counts the same people as its `parts`
   * (rows of this section) added up (the diversity table's White heading and its five categories),
   * so suppression here neither hides one part alone under a shown main figure nor shows every
   * part of a hidden one.
   * `restatesMainCells`: cell by cell, its `parts` add up to the main table's `main` cells (the
   * drop-outs ended by the service at Stage 1, those of the reasons the service ends them for), so
   * suppression solves the section and the main table together, as one table (joint.ts): a cell of
   * either that the other would give back is hidden, with cover in either.
   */
  sections: Array<{
    key: string;
    title: string;
    rowHeading: string;
    raw: RawTable;
    restatesMainTotal?: boolean;
    restatesMainRows?: ReadonlyArray<{ main: string; parts: readonly string[] }>;
    restatesMainCells?: ReadonlyArray<{
      parts: ReadonlyArray<[string, string]>;
      main: ReadonlyArray<[string, string]>;
    }>;
  }>;
  /** Definitions that depend on the data (the forecast's fitted conversions), after the table's own. */
  definitions?: ReportDefinition[];
}

/** Selects the `household_id` of every fact a count cell counts (duplicates allowed), built in db/. */
export type { DrillQuery };

/**
 * One report table: `build` shapes counts worked out in `db/` (SQL aggregation, or numbers counted
 * in a Map there: the module never sees a row per household), and `drill`, which selects the
 * households behind one count cell with the same conditions.
 * Adding a table: write the module, list it in tables.ts, and add its definitions.
 */
export interface TableModule {
  key: ReportTableKey;
  title: string;
  /**
   * The title as printed, where the table alone would not say what the options make of it (the
   * Ofsted return's collection year). Default: `title`.
   */
  titleOf?(o: ResolvedReportOptions): string;
  /** Columns are pathways (the Ofsted return): the pathway option does not apply. */
  pathwayColumns?: boolean;
  definitions(o: ResolvedReportOptions): ReportDefinition[];
  build(db: Db, o: ResolvedReportOptions, today: IsoDate): BuiltTable;
  /** The households behind one count cell; null when the row or column does not exist. */
  drill(
    db: Db,
    o: ResolvedReportOptions,
    section: string,
    row: string,
    column: string,
    today: IsoDate,
  ): DrillQuery | null;
  /**
   * Count rows that stand at a date rather than count events in the period (retention's
   * households at the start and end): a quarterly table's quarters do not add up to the year's
   * figure, but its first quarter's start and last quarter's end are the year's own.
   */
  stockRows?: { start: readonly string[]; end: readonly string[] };
  /**
   * Count rows another table prints for the same options (retention's approvals, the recruitment
   * table's; its cessations, the leaving table's total): suppression never hides them here to cover
   * another cell (that would hide nothing), and hides them wherever that table does. `pathway`:
   * that table's for one pathway, where this table is that pathway's whatever is asked (the
   * kinship table's approvals are the kinship recruitment table's).
   */
  printedBeside?: ReadonlyArray<{ row: string; table: ReportTableKey; as: string; pathway?: PathwayScope }>;
  /**
   * For a table whose columns are pathways over one year (the Ofsted return): rows another table
   * prints for that year under each pathway (the recruitment table's enquiries, Stage 1 starts and
   * approvals; retention's households at the year's end), each tied as printedBeside ties a row,
   * in that pathway's column (`columnOf`), to that table for the year alone. A function of the
   * records: whether the figures are the same can depend on Settings (the application basis).
   */
  printedForPathway?: {
    columnOf(pathway: PathwayScope): string;
    /** `pathways`: the only pathways the other table's figure equals this row's under (default every one). */
    rows(
      db: Db,
    ): ReadonlyArray<{ row: string; table: ReportTableKey; as: string; pathways?: readonly PathwayScope[] }>;
  };
  /**
   * The column of the table by financial years that a column of its quarterly form is a part of
   * (the drop-out table's `2025/26 Q3 stage1` is part of its `stage1`, over the whole period); null
   * for none. Default: a quarter's year (`2024/25 Q3` is part of `2024/25`). Suppression relates them.
   */
  annualColumnOf?(column: string): string | null;
  /** The period line, when the table's columns are not the options' years (the forecast's quarters). */
  period?(o: ResolvedReportOptions, today: IsoDate): string;
}
