/**
 * Where an import's problem is, as the spreadsheet shows it: the one formatter the Import screen
 * and the CLI both use, so they name a cell alike; what both say of a file that changes
 * nothing; and what both call each kind of file. Pure (no Node), for the renderer too.
 */
import { countOf } from '../domain/words.ts';
import type { ImportCounts, ImportKind } from './imports.ts';

/** Each kind of file as Past imports and the CLI's `import`, `imports` and `profiles` name it. */
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  enquiries: 'Enquiries',
  carers: 'Carers register',
};

/**
 * A file none of whose rows adds or changes a household (each unchanged, repeated or rejected,
 * not every one rejected): there is nothing to import. Recording it would change no household,
 * only add a line to the past imports whose undo does nothing (and re-mark rows a later import
 * marks anyway), so the screen offers no Import and the core refuses to commit it. Null otherwise.
 */
export function nothingToImport(fileName: string, c: ImportCounts): string | null {
  if (c.new + c.updated > 0 || c.rejected === c.rows) return null;
  const rejected = c.rejected > 0 ? ` (${countOf(c.rejected, 'row')} rejected: see the errors)` : '';
  return `Nothing has changed since the last import: every row of ${fileName} is as the records already hold it${rejected}, so there is nothing to import.`;
}

/** Column number (from 1) as Excel heads it: 1 → A, 27 → AA, 16,384 → XFD. */
export function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/**
 * A problem's column as the spreadsheet shows it: its letter with its header ("B (Date of
 * enquiry)"), so the cell is found by row and column letter in a wide export. `headers`: the
 * file's header row, column A first (ImportPreview's and ImportResult's `headers`). A header two
 * columns share, or none has, is left as it is: which column is meant cannot be told.
 */
export function issueColumnNamer(headers: readonly string[]): (header: string) => string {
  const at = new Map<string, number | null>();
  headers.forEach((h, i) => at.set(h, at.has(h) ? null : i));
  return (header) => {
    const column = at.get(header);
    return column === undefined || column === null ? header : `${columnLetters(column + 1)} (${header})`;
  };
}
