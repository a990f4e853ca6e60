import { EARLIEST_RECORD_DATE } from '../../domain/dates.ts';
import type { RawCell, RawSheet } from '../read/raw-sheet.ts';
import type { ImportField } from './fields.ts';
import { headerWords } from './header-words.ts';
import { detectKind, type ColumnMapping, type ImportKind } from './mapping.ts';
import { parseDate } from './parse-date.ts';
import { cellText } from './parse-row.ts';
import { namesKinship, pathwayFor, pathwayIn } from './vocab.ts';
import { WORD_CLASSES } from './field-forms.ts';

/** Header words that may head a column of pathways: "Type of Approval", "Carer Category". */
const TYPE_WORDS = new Set(['type', 'category', 'kind']);

/**
 * A header naming the enquiry and nothing else ("Enquiry", "Initial Enquiry", "First Contact",
 * "Enquiry Made"): the same words may head a column of enquiry types or channels, and with any
 * other word another step's date ("Enquiry Outcome").
 */
const ENQUIRY_WORDS = new Set([...WORD_CLASSES.ENQUIRY!, 'contact']);
const ENQUIRY_QUALIFIERS = new Set(['first', 'initial', 'made', 'received', 'new']);
const namesTheEnquiry = (header: string): boolean => {
  const words = headerWords(header);
  const enquiry = words.filter((w) => ENQUIRY_WORDS.has(w));
  // "Contact" alone is a telephone's or a name's: it names the enquiry only as the first one.
  const named = enquiry.some((w) => w !== 'contact') || words.some((w) => w === 'first' || w === 'initial');
  return enquiry.length > 0 && named && words.every((w) => ENQUIRY_WORDS.has(w) || ENQUIRY_QUALIFIERS.has(w));
};

const BARE_NUMBER = /^\d+(?:\.\d+)?$/;

const isDate = (cell: RawCell, date1904: boolean): boolean =>
  parseDate(cell, date1904, EARLIEST_RECORD_DATE)?.ok === true;

/**
 * A field a column may be taken for by what its cells hold, its header naming no field: the
 * header fits (`header`) but says too little alone (the same words head other columns).
 */
interface ValueRule {
  field: ImportField;
  header(header: string): boolean;
  /** What every cell is, as the mapping table and the CLI say it: "Its cells are …". */
  cellsAre: string;
  /** Whether a cell, not blank, is one. */
  fits(cell: RawCell, text: string, date1904: boolean): boolean;
  /** Whether the file, as mapped with the column, is one the rule is for. */
  appliesTo(kind: ImportKind | 'auto', mapping: readonly ColumnMapping[]): boolean;
}

const RULES: readonly ValueRule[] = [
  {
    // "Type of Approval", "Approval Type", "Enquiry Type", "Carer Category": a column of
    // "Connected Person" and "Mainstream" is the pathway, of "Short break" or "Parent and child" not.
    field: 'pathway',
    header: (header) => headerWords(header).some((w) => TYPE_WORDS.has(w)),
    cellsAre: 'pathways',
    fits: (_cell, text) => pathwayFor(text) !== null,
    appliesTo: () => true,
  },
  {
    // "Connected Person (Y/N)", "Kinship?", "Family and Friends": yes is kinship, no mainstream
    // (vocab.ts pathwayIn). A "Connected Person" column of names is not one.
    field: 'pathway',
    header: namesKinship,
    cellsAre: 'yes or no to kinship',
    fits: (_cell, text) => pathwayIn(text, true) !== null,
    appliesTo: () => true,
  },
  {
    // A carers register's "ADM Decision" or "Agency Decision" of dates: the agency decision maker's
    // decision to approve, which is the approval date. Only in a register: in an enquiry export
    // the decision may be not to approve.
    field: 'approval_date',
    header: (header) => headerWords(header).some((w) => w === 'decision' || w === 'decided'),
    cellsAre: 'dates of a decision',
    fits: (cell, _text, date1904) => isDate(cell, date1904),
    appliesTo: (kind, mapping) => kind === 'carers' || (kind === 'auto' && detectKind(mapping) === 'carers'),
  },
  {
    // An export whose enquiry dates stand under "Enquiry", "Initial Enquiry" or "First Contact"
    // imported every household with no enquiry date (in no report's year), the column "not
    // imported". A column of words there ("Website", "Phone") is not one.
    field: 'enquiry_date',
    header: namesTheEnquiry,
    cellsAre: 'dates of the enquiry',
    // A date as a spreadsheet's date cell gives it (yyyy-mm-dd) or as written: not a bare number,
    // which parseDate would take for a day count (an "Enquiry" column of enquiry numbers, 40517).
    fits: (cell, text, date1904) =>
      typeof cell === 'string' && !BARE_NUMBER.test(text) && isDate(cell, date1904),
    // An enquiry export's column: in a carers register it would make the file read as an enquiry
    // export (detectKind), so a file read as a register without it is left a register.
    appliesTo: (kind, mapping) =>
      kind === 'enquiries' ||
      (kind === 'auto' &&
        detectKind(mapping.map((m) => (m.field === 'enquiry_date' ? { ...m, field: null } : m))) ===
          'enquiries'),
  },
];

/** Rows read below the header to judge a column: enough to meet every kind of cell, few enough to cost nothing. */
const VALUE_ROWS = 1000;

/**
 * The automatic mapping, with each field of RULES its headers left unmapped taken by the one
 * column not mapped whose header the rule fits, every one of whose cells in the first VALUE_ROWS
 * rows below the header is blank or fits, at least one not blank; the rules in turn, so a field
 * two rules fill goes to the first that finds its column. Otherwise (a file with the field's
 * column already, no such column, or two) the mapping is as it was. Without it a register whose
 * "Type of Approval" says "Connected Person" imported those carers as mainstream, and one whose
 * approvals are under "ADM Decision" was refused row by row, unless the user mapped the column.
 */
export function withFieldsByValues(
  sheet: RawSheet,
  headerRow: number,
  mapping: readonly ColumnMapping[],
  kind: ImportKind | 'auto',
): ColumnMapping[] {
  const out = mapping.map((m) => ({ ...m }));
  for (const rule of RULES) {
    if (out.some((m) => m.field === rule.field)) continue;
    const candidates = out.filter(
      (m) =>
        m.field === null &&
        m.tied.length === 0 &&
        rule.header(m.header) &&
        rule.appliesTo(
          kind,
          out.map((o) => (o === m ? { ...o, field: rule.field } : o)),
        ),
    );
    const found = candidates.filter((m) => allFit(sheet, headerRow, m.column, rule));
    if (found.length === 1)
      Object.assign(found[0]!, { field: rule.field, confidence: null, byValues: rule.cellsAre });
  }
  return out;
}

function allFit(sheet: RawSheet, headerRow: number, column: number, rule: ValueRule): boolean {
  let read = 0;
  let fits = 0;
  for (const row of sheet.rows()) {
    if (row.rowNumber <= headerRow) continue;
    if (read++ >= VALUE_ROWS) break;
    const cell = row.cells[column] ?? null;
    const text = cellText(cell);
    if (!text) continue;
    if (!rule.fits(cell, text, sheet.date1904)) return false;
    fits++;
  }
  return fits > 0;
}
