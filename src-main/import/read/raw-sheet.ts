/** A cell as read from any file: text, a number, or an ISO date from a date-formatted cell. */
export type RawCell = string | number | null;

export interface RawRow {
  /** The row number the user sees in Excel (or the record number in a CSV file), from 1. */
  rowNumber: number;
  cells: RawCell[];
  /**
   * Hidden in the sheet (Excel's Hide or a filter, LibreOffice's Hide or a filter): still data in
   * the file, and imported like the rows on show, but the import says how many (an officer hides
   * the rows they filtered out). Absent for rows on show and in files that cannot hide rows (CSV).
   */
  hidden?: true;
  /**
   * Given by the xlsx reader for a row its caller's RowSkip passed over: its cells were not read
   * (`cells` is empty). Never set otherwise.
   */
  skipped?: true;
}

/**
 * Asked by the xlsx reader of each row before it reads the row's cells, with the row's own bytes
 * (its tag and cells, as in the sheet's XML: a view, valid while the sheet is): true to have the
 * row given as `skipped`, its cells unread. The same bytes under the sheet's same rawContext are
 * the same cells.
 */
/** A cell merged across columns: its row (as Excel shows it) and its first and last columns (from 0). */
export interface MergedAcross {
  row: number;
  from: number;
  to: number;
}

export type RowSkip = (rowNumber: number, bytes: Uint8Array) => boolean;

/** One sheet (a CSV file is one sheet), read lazily so progress and cancel work mid-file. */
export interface RawSheet {
  name: string;
  /**
   * Hidden in the workbook (Excel's hidden or very hidden, LibreOffice's hidden sheet): a CRM's
   * lookups, last month's rows. Chosen only when no sheet on show has a header row.
   */
  hidden?: boolean;
  /**
   * The cells merged across two or more columns, as the file says them (an xlsx's, xls's or ods's
   * merged cells, a web page's colspan): how far a group heading such as "Carer 2" reaches. Absent
   * where the file cannot say (CSV).
   */
  mergedAcross?: readonly MergedAcross[];
  /** Rows in the sheet, blank ones included: the denominator of the progress bar. */
  totalRows: number;
  /** The workbook counts days from 1904 (old Mac Excel): raw serials in date columns need it. */
  date1904: boolean;
  /** `skip`: asked of each row whose bytes the reader has (the fast xlsx reader's); others ignore it. */
  rows(skip?: RowSkip): Generator<RawRow>;
  /**
   * The fast xlsx reader's digest of the parts a row's cells depend on besides its bytes (shared
   * strings, styles): with the row hash's key, what a row's bytes are hashed under. Absent elsewhere.
   */
  rawContext?: string;
  /**
   * Columns (from 0) holding, below row `afterRow`, a formula the workbook never calculated: a
   * file written by a program (openpyxl, a report generator), not saved by a spreadsheet, has no
   * value for such a cell, which would read as empty. Known by the xlsx reader, for the rows it
   * has read (ask after reading them); absent elsewhere.
   */
  uncalculatedColumns?(afterRow: number): Set<number>;
}

export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'ods';

export interface OpenedFile {
  fileName: string;
  /** sha256 of the bytes: the same export imported twice is recognised by it. */
  fileHash: string;
  format: FileFormat;
  sheets: RawSheet[];
}
