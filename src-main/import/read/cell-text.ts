/**
 * Control characters (C0 except tab and line feed, DEL, C1) have no place in a name, an
 * address or a note, and printed raw they can move a terminal's cursor or ring its bell
 * (ESC, BEL). They are removed here, as each cell is read, so nothing past the reading
 * layer (records, the database, exports, the CLI) ever sees them.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export const hasControlChars = (text: string): boolean => HAS_CONTROL.test(text);

export const withoutControlChars = (text: string): string =>
  HAS_CONTROL.test(text) ? text.replace(CONTROL, '') : text;

/**
 * The text as a string of its own. V8 keeps a slice of 13 characters or more as a view of the
 * string it was cut from, so one e-mail address cut from a sheet's XML (or a CSV's text) kept the
 * whole of it alive for as long as the import's plan held the address: about 95 MB more at the
 * peak of a 100,000-row workbook. Joining forces a copy; shorter slices are copies already.
 */
export const ownText = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

/** Column letters, as the Import screen and the CLI name a column too. */
export { columnLetters } from '../../contract/import-issues.ts';
