import { hash } from 'node:crypto';
import { APP_VERSION } from '../../api/version.ts';
import type { ApplicationBasis } from '../../domain/journey-dates.ts';
import type { RawCell } from '../read/raw-sheet.ts';
import type { ImportKind } from './mapping.ts';
import type { ReasonRow } from './vocab.ts';

/**
 * What a row's outcome depends on besides its own cells and the household it meets: the kind of
 * file, which column is which field, the workbook's date system, the reasons and application
 * basis set in Settings, whether hand-entered values are overwritten, and the app's version (its
 * reading and journey rules). The day is not in it: a mark records the day it was made instead
 * (db/queries/import-marks.ts), as every rule that reads the day only refuses dates after it.
 */
export interface RowHashContext {
  kind: ImportKind;
  columns: ReadonlyArray<{ column: number; field: string | null }>;
  date1904: boolean;
  reasons: readonly ReasonRow[];
  applicationBasis: ApplicationBasis;
  overwriteHand: boolean;
}

/**
 * Bump when the reading or planning rules change within one app version (tests, development).
 * 3: a row holding one value alone (a heading, total or footer) is refused, not a household.
 * 4: so is a total line ("Total" and numbers only).
 * 5: a reason labelled with punctuation alone no longer takes a cell of punctuation.
 * 6: a re-opening row's pathway switch is dated its enquiry, and a hand-kept pathway no longer holds it back.
 * 7: a date before 1950 (a date of birth apart) is refused, not read as the records' date.
 * 8: a spreadsheet's error value (#N/A) in any mapped column, and a child's date of birth, are refused.
 * 9: a CSV's total line ("Total" and counts, all text there) is refused as a total line.
 * 10: a source cell naming no source outright is read as the one its words name ("Council website").
 * 11: a reason cell giving an example its label names ("Retirement", "Housing") is read as that reason.
 * 12: … or the example with another ending ("Retired", "Separated", "Stayed put").
 * 13: a pathway column headed with kinship ("Connected Person (Y/N)") reads yes as kinship, no as mainstream.
 * 14: a closure reason that is an Ofsted withdrawal code ("AW3") is the reason of that code.
 * 15: a source of "Foster carer" is a carer referral, and one naming Google the website.
 * 16: a reason cell saying only that it ended ("Resigned", "Withdrawn") is Other, never a label it starts.
 * 17: a reason cell with an acronym a label gives or stands for ("Moved to an IFA") is that reason.
 * 18: a blank reason beside a date closed or a deregistration date, and a reason for leaving without a date, are warned of.
 * 19: a register's "Initiated by" (or, without a date closed, "Closed by") says who initiated a cessation,
 *     and a reason for leaving saying the service ended it ("Deregistered by panel") is the service's.
 * 20: an xlsx cell's character reference above U+FFFF ("&#127800;", as openpyxl writes an emoji) is that character.
 * 21: the last of group headings side by side ("Carer 2") ends past the width of the one before, at a
 *     column that makes sense only alone ("Places").
 * 22: a group heading merged across columns (xlsx, xls, ods; a web page's colspan) reaches as far as its merge.
 * 23: a CSV row with a cell beyond its header row's (a separator in a cell not in quotes) is refused;
 *     a whole number from 1900 to 2100 in a date column is a year, not a date (a serial in 1905).
 * 24: a reason cell holding a common phrasing of one reason ("No response after 3 attempts") is that reason.
 */
const RULES = 24;

/** The context as one short key (its own hash): the start of every row hash made under it. */
export function rowHashKey(c: RowHashContext): string {
  const context = JSON.stringify([
    RULES,
    APP_VERSION,
    c.kind,
    c.columns.map((m) => [m.column, m.field]),
    c.date1904,
    c.reasons,
    c.applicationBasis,
    c.overwriteHand,
  ]);
  return hash('sha256', context, 'base64');
}

/**
 * A row's hash: every cell as read (text, number or date, types kept apart) under the context
 * key. The first 96 bits of its SHA-256 (16 base64 characters): a changed row of a 1,000,000-row
 * file meets some stored mark by chance with odds of about 1 in 10^22, and the marks of 100,000
 * rows read back as 16 characters rather than 44 take about 40% less time (RULES 2; a mark of
 * rules 1 matches no row, so such a file is compared in full once).
 */
export const rowHash = (key: string, cells: readonly RawCell[]): string =>
  hash('sha256', key + JSON.stringify(cells), 'base64').slice(0, 16);

/**
 * The start of a row's mark of its bytes (rawRowHash): 8 characters of a hash of the row hash's
 * key and the sheet's rawContext (the parts its cells are read from besides its bytes), so the
 * mark of a row's bytes is never met under another mapping, Settings, version, shared strings or
 * styles. Null for a sheet without one (every reader but the fast xlsx reader).
 */
export function rawRowHashKey(key: string, rawContext: string | undefined): string | null {
  return rawContext ? hash('sha256', `${key} ${rawContext}`, 'base64').slice(0, 8) : null;
}

/**
 * A mark of the row's own bytes (its tag, with its number, and its cells as the sheet's XML
 * holds them) under `rawKey`: 24 characters, the key's 8 and 96 bits of the bytes' SHA-256.
 * One hash of the bytes where they lie, so a row that meets its mark is counted unchanged
 * without its cells being read, stringified and hashed (analyse.ts).
 */
export const rawRowHash = (rawKey: string, bytes: Uint8Array): string =>
  rawKey + hash('sha256', bytes, 'base64').slice(0, 16);

/**
 * What an import marks a row's household with: its row hash, and after a '.' the mark of its
 * bytes where the reader has them (base64 holds no '.'). Either one finds the household
 * (db/queries/import-marks.ts).
 */
export const rowMark = (cellsHash: string, bytesHash: string | null): string =>
  bytesHash ? `${cellsHash}.${bytesHash}` : cellsHash;
