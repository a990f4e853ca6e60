/**
 * Spreadsheet formula injection: a cell that starts with = + - @ tab or carriage return
 * could run as a formula in Excel. Every exported text cell goes through here and gets
 * a leading apostrophe (') so Excel shows it as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type Cell = string | number | null | undefined;

/** A safe cell for xlsx/csv: numbers stay numbers, text is neutralised. */
export const safeCell = (value: Cell): string | number =>
  typeof value === 'number' ? value : neutraliseFormula(value ?? '');

const csvField = (value: Cell): string => {
  const text = String(safeCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** UTF-8 CSV with a byte-order mark (so Excel reads £ and Zoë right), CRLF line ends, formula-neutralised. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
