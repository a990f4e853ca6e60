/**
 * Spreadsheet formula injection. In CSV a field that starts with = + - @ tab or carriage
 * return could run as a formula when Excel opens the file, so it gets a leading apostrophe
 * (') there, as does any such start after a character another separator could split at. An xlsx text cell is different: Excel only ever evaluates a cell's formula
 * element, never its text, so xlsx cells carry the text exactly as it is (no visible
 * apostrophe), written as shared-string text cells (XLSX_TEXT_OPTIONS) and never with a
 * formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type Cell = string | number | null | undefined;

/**
 * Where some program may start a new cell or row inside our text: a CSV opened where ; or
 * tab is the separator splits at them and ignores our quotes (they are then mid-field), so
 * `Ann;=1+2` would open as two cells, the second a formula. Each such start is neutralised
 * too, whatever quotes or spaces come first.
 */
const INNER_START = /([,;\t|\r\n])([\s"]*)(?=[=+\-@])/g;

/** A CSV cell: numbers stay numbers, text is neutralised wherever a cell could start. */
export const safeCell = (value: Cell): string | number =>
  typeof value === 'number' ? value : neutraliseFormula(value ?? '').replace(INNER_START, "$1$2'");

/** An xlsx cell value: numbers stay numbers, text stays exactly the text (a text cell). */
export const xlsxCell = (value: Cell): string | number => (typeof value === 'number' ? value : (value ?? ''));

/**
 * Options for every xlsx the app writes: strings as shared-string text cells (`t="s"`),
 * rather than SheetJS's default formula-result strings (`t="str"`).
 */
export const XLSX_TEXT_OPTIONS = { type: 'buffer', bookType: 'xlsx', bookSST: true } as const;

/**
 * Quoted whenever it holds a quote, a line break or any character some program takes as
 * the separator (Excel uses ; or a tab where the decimal mark is a comma): unquoted,
 * `Ann;=1+2` would open there as two cells, the second a formula.
 */
const csvField = (value: Cell): string => {
  const text = String(safeCell(value));
  return /[",;\t|\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** UTF-8 CSV with a byte-order mark (so Excel reads £ and Zoë right), CRLF line ends, formula-neutralised. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
