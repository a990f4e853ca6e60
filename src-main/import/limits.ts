/**
 * Hard limits on what an import will read. Each is checked before the expensive step it
 * protects (size before reading, zip directory before inflating, rows before mapping).
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_ROWS = 1_000_000;
/** Total inflated size of every part of a workbook (xlsx/ods are zip files). */
export const MAX_INFLATED_BYTES = 1024 * 1024 * 1024;
/** A part compressing better than this is a zip bomb, not a spreadsheet. */
export const MAX_COMPRESSION_RATIO = 400;
export const MAX_ZIP_ENTRIES = 20_000;
/** How many rows above the header may hold titles and notes. */
export const HEADER_SEARCH_ROWS = 30;
/** Excel's last column is XFD: no export has more, and a row claiming more is hostile. */
export const MAX_COLUMNS = 16_384;
/** Excel's last row: a cell reference beyond it is not a spreadsheet's. */
export const MAX_SHEET_ROW = 1_048_576;
/**
 * Uncompressed size of one worksheet's XML, and of the shared strings part, checked before
 * SheetJS parses them (it needs several times their size in memory). A 1,000,000-row,
 * 16-column export written by Excel is about 450 MB of sheet XML and well under 200 MB of
 * shared strings (every string appears once there).
 */
export const MAX_SHEET_XML_BYTES = 768 * 1024 * 1024;
export const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
/**
 * Real sheet XML compresses 3 to 20 times (shared strings, each unique, less); a large
 * part compressing better than this is padding built to exhaust memory, not data.
 */
export const MAX_LARGE_PART_RATIO = 100;
export const LARGE_PART_BYTES = 16 * 1024 * 1024;
