/**
 * The one rule by which a households search and the names it is matched against are compared:
 * accents off (Unicode NFD, its combining marks removed: "Brontë" is "bronte", "François"
 * "francois", "Siân" "sian"), a few letters NFD leaves whole written as English keyboards type
 * them ("Łukasz" "lukasz", "Bjørn" "bjorn", "Straße" "strasse"), lower case, and apostrophes and
 * hyphens dropped ("O'Shea", "O’Shea" and "OShea" are "oshea"; "Smith-Jones" "smithjones").
 * Spaces are kept: "van der Berg" is still found by "van". Only letters outside ASCII pay for the
 * normalisation (most names are plain ASCII, and a large import folds each one).
 */
const WHOLE_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const WHOLE = new RegExp(`[${Object.keys(WHOLE_LETTERS).join('')}]`, 'g');
/** Apostrophes (straight, curly, modifier letter, backtick) and hyphens (ASCII, Unicode, non-breaking, en dash). */
const DROPPED = /['’‘ʼ`\-‐‑–]/g;

export function foldForSearch(text: string): string;
export function foldForSearch(text: string | null | undefined): string | null;
export function foldForSearch(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  let t = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(t))
    t = t
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(WHOLE, (c) => WHOLE_LETTERS[c]!);
  return t.replace(DROPPED, '');
}
