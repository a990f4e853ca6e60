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

/** Spellings that are one word however they are split or hyphenated. */
const JOINS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\be[\s._-]*mail/g, 'email'],
  [/\bde[\s._-]*regist/g, 'deregist'],
  [/\bpost[\s._-]*code/g, 'postcode'],
  [/\bdrop[\s._-]*out/g, 'dropout'],
  [/\bsur[\s._-]+name/g, 'surname'],
  [/\bfore[\s._-]+name/g, 'forename'],
  [/\bre[\s._-]+enquir/g, 'reenquir'],
  [/#/g, ' no '],
  [/&/g, ' and '],
];

/** Singular, so "Notes" is "note" and "Enquiries" is "enquiry"; "address", "status" stay. */
export function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (/(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

export function headerWords(header: string): string[] {
  let text = header.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  for (const [pattern, replacement] of JOINS) text = text.replace(pattern, replacement);
  return text
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FILLER.has(w))
    .map(singular);
}
