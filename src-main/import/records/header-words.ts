/**
 * The words of a column header, as the header scorer compares them: lower case, split at
 * anything that is not a letter or digit (and between letters and digits, "Stage1"), plurals
 * made singular, filler words dropped. Word order and punctuation never matter after this.
 */

/** Words that say nothing about which field a column holds ("Date of Approval", "Your surname"). */
const FILLER = new Set([
  'a',
  'an',
  'the',
  'of',
  'for',
  'to',
  'or',
  'and',
  'in',
  'at',
  'on',
  'as',
  'if',
  'is',
  'are',
  'was',
  'known',
  'your',
  'you',
  'how',
  'did',
  'about',
  'us',
  'we',
  'please',
  'dd',
  'mm',
  'yy',
  'yyyy',
  's', // "Carer(s)", "Name(s)"
]);

/** Word pairs that are one word however they are split or hyphenated: "E-mail", "De-registration". */
const JOINS = new Map([
  ['e', 'mail'],
  ['de', 'regist'],
  ['post', 'code'],
  ['drop', 'out'],
  ['sur', 'name'],
  ['fore', 'name'],
]);

/**
 * Singular, so "Notes" is "note" and "Enquiries" is "enquiry"; "address", "status" stay, and so
 * do "days", "weeks" and "months": a count of them ("Days to EOI") is a duration, not a date (read
 * as "day", a DATE word, "Days to EOI" named the EOI date and its numbers were refused as dates).
 */
export function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || DURATIONS.has(word)) return word;
  if (/(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

const DURATIONS = new Set(['days', 'weeks', 'months', 'years']);

const LETTER = 1;
const DIGIT = 2;

/** Letter, digit or neither; outside ASCII, by Unicode class. */
function kindOf(code: number, ch: string): number {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return LETTER;
  if (code >= 48 && code <= 57) return DIGIT;
  if (code < 128) return 0;
  return /\p{L}/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? DIGIT : 0;
}

/**
 * One pass over the characters (headers are scored by the million in a wide file): runs of
 * letters or of digits are words ("Stage1" is "stage", "1"); "#" is "no".
 */
export function headerWords(header: string): string[] {
  let text = header.toLowerCase();
  // Accents off ("Données" is "donnees"), only where there are any: most headers are ASCII.
  if (/[^ -~]/.test(text)) text = text.normalize('NFKD').replace(/\p{M}/gu, '');
  const raw: string[] = [];
  let start = -1;
  let kind = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text[i]! : ' ';
    const k = i < text.length ? kindOf(text.charCodeAt(i), ch) : 0;
    if (k !== kind && start >= 0) {
      raw.push(text.slice(start, i));
      start = -1;
    }
    if (k !== 0 && start < 0) start = i;
    kind = k;
    if (ch === '#') raw.push('no');
  }
  const words: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let w = raw[i]!;
    const next = raw[i + 1];
    const joinsWith = JOINS.get(w);
    if (joinsWith !== undefined && next?.startsWith(joinsWith)) {
      w += next;
      i++;
    } else if (w === 'd' && next === 'o' && raw[i + 2] === 'b') {
      // "D.O.B." is one word.
      w = 'dob';
      i += 2;
    }
    // A last "to" says which end of a range ("Age to"); anywhere else it is filler.
    if (!FILLER.has(w) || (w === 'to' && i === raw.length - 1 && words.length > 0)) words.push(singular(w));
  }
  return words;
}
