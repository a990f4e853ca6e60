/** The two cells that refuse a whole file (thrown by parseRow; analyse.ts words the refusal with the file's name). */

/**
 * A cell longer than its field holds (FIELD_MAX_CHARS, the hand-entry limits). Thrown by
 * parseRow and turned into a refusal of the whole file by the caller, which knows the file's
 * name: such a cell is a damaged or hostile file (or the wrong column), not one bad row, so
 * nothing is imported. The value itself is never echoed back.
 */
export class OverLongCell extends Error {
  readonly row: number;
  /** Column number from 1, as Excel counts them. */
  readonly column: number;
  readonly header: string;
  readonly length: number;
  readonly max: number;

  // Plain fields, not constructor parameter properties: the import worker runs this file under
  // Node's type stripping (erasableSyntaxOnly in tsconfig.node.json keeps it so).
  constructor(row: number, column: number, header: string, length: number, max: number) {
    super(
      `row ${row}, column ${header}: ${length.toLocaleString('en-GB')} characters, more than the ${max.toLocaleString('en-GB')} this field holds`,
    );
    this.name = 'OverLongCell';
    this.row = row;
    this.column = column;
    this.header = header;
    this.length = length;
    this.max = max;
  }
}

/**
 * A date that reads only month first ("02/20/2024"), noted by parseRow. Where the file's other
 * dates show it writes its dates month first (parse-row.ts monthFirstFile), the caller refuses
 * the whole file: every other date in it that reads both ways (03/05/2024) would be stored
 * wrongly, without a word. Otherwise it is an error in its own row.
 */
export class MonthFirstDate extends Error {
  readonly row: number;
  /** Column number from 1, as Excel counts them. */
  readonly column: number;
  readonly header: string;
  readonly text: string;

  constructor(row: number, column: number, header: string, text: string) {
    super(`row ${row}, column ${header}: "${text}" reads only month first`);
    this.name = 'MonthFirstDate';
    this.row = row;
    this.column = column;
    this.header = header;
    this.text = text;
  }
}
