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
}

/** One sheet (a CSV file is one sheet), read lazily so progress and cancel work mid-file. */
export interface RawSheet {
  name: string;
  /**
   * Hidden in the workbook (Excel's hidden or very hidden, LibreOffice's hidden sheet): a CRM's
   * lookups, last month's rows. Chosen only when no sheet on show has a header row.
   */
  hidden?: boolean;
  /** Rows in the sheet, blank ones included: the denominator of the progress bar. */
  totalRows: number;
  /** The workbook counts days from 1904 (old Mac Excel): raw serials in date columns need it. */
  date1904: boolean;
  rows(): Generator<RawRow>;
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
