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
