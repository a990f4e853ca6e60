import { formatUkDate, type IsoDate } from '../../domain/dates.ts';
import { columnLetters } from '../../contract/import-issues.ts';
import type { RowIssue } from './import-record.ts';

/**
 * A CSV's date column whose cells hold bare day numbers ("46100"), as a spreadsheet writes a date
 * whose cell lost its date format: how many, and the first of them, to say once for the column.
 */
interface DayNumberColumn {
  /** From 0, as the mapping counts columns. */
  index: number;
  header: string;
  count: number;
  row: number;
  text: string;
  iso: IsoDate;
}

/** A CSV's date columns holding day numbers, by column index (parse-row.ts RowContext). */
export type DayNumbers = Map<number, DayNumberColumn>;

/**
 * One date cell of a CSV read as an Excel day number. Called only for such cells; the text and
 * the header are kept once a column, so a column of 100,000 of them builds no string a row.
 */
export function noteDayNumber(
  seen: DayNumbers,
  col: { index: number; header: string },
  row: number,
  raw: string,
  iso: IsoDate,
): void {
  const known = seen.get(col.index);
  if (known) known.count++;
  else seen.set(col.index, { index: col.index, header: col.header, count: 1, row, text: raw.trim(), iso });
}

/**
 * A note for each CSV date column holding day numbers, column A first. In a workbook a date is
 * stored as its day number, and its cell says it is a date; in a CSV, text, a bare number is a
 * date cell a spreadsheet wrote out unformatted, or a slip. The import reads it as the day number
 * (what the spreadsheet showed, if the former), and says so once a column, not once a cell.
 */
export function dayNumberNotes(fileName: string, seen: DayNumbers | null): RowIssue[] {
  if (!seen || seen.size === 0) return [];
  return [...seen.values()]
    .sort((a, b) => a.index - b.index)
    .map((c) => {
      const column = `column ${columnLetters(c.index + 1)} ("${c.header}")`;
      const value = `${c.text} = ${formatUkDate(c.iso)}`;
      const message =
        c.count === 1
          ? `${fileName}, ${column}: 1 cell holds a day number, not a date (row ${c.row}: ${c.text}). It was read as Excel's day number (${value}), as a spreadsheet writes a date whose cell is not formatted as one: check it.`
          : `${fileName}, ${column}: ${c.count.toLocaleString('en-GB')} cells hold day numbers, not dates (the first at row ${c.row}: ${c.text}). They were read as Excel's day numbers (${value}), as a spreadsheet writes a date whose cell is not formatted as one: check them.`;
      return { row: null, column: null, message };
    });
}
