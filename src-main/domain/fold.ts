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
  return unaccented(text).replace(DROPPED, '');
}

/** A name's letters without their accents, its apostrophes and hyphens kept, in lower case. */
function unaccented(text: string): string {
  const t = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(t)) return t;
  return t
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(WHOLE, (c) => WHOLE_LETTERS[c]!);
}

/**
 * Whether `next` is the name `old` written without its accents, or without its accents,
 * apostrophes and hyphens (in any case): "Siobhan ONeill" or "SIOBHAN ONEILL" for "Siobhán
 * O'Neill", "Garcia-Lopez" for "García-López". A file from a system that writes plain letters
 * only replaced a correct spelling on every re-import (helper-245, helper-249); the import keeps
 * the stored one. A case change alone ("SMITH" to "Smith") is a correction, and taken.
 */
export function spellingLost(next: string, old: string | null | undefined): boolean {
  if (!old || next.toLowerCase() === old.toLowerCase()) return false;
  const plain = next.toLowerCase();
  const oldUnaccented = unaccented(old);
  const oldFolded = oldUnaccented.replace(DROPPED, '');
  // The file's name has no accent, and the stored one has a mark the file's lacks.
  if (unaccented(next) !== plain || (oldUnaccented === old.toLowerCase() && oldFolded === old.toLowerCase()))
    return false;
  return oldUnaccented === plain || oldFolded === plain;
}

/**
 * Where a surname parts: spaces and hyphens (the hyphens foldForSearch drops). An apostrophe
 * does not part a name: "O'Neil" is one name, "oneil", found by "oneil" or "o'neil" as before
 * (a caller says "O'Neil", not "Neil"), and every O'/D' name parted would put a row in the parts
 * table for each (db/name-parts.ts) and list the O'Neils to a search for Mrs Neil.
 */
const PART_SEPARATORS = /[\s\-‐‑–]+/;

/** Whether a surname may have later parts (a quick test, for writers of many surnames). */
export const hasParts = (surname: string | null | undefined): boolean =>
  !!surname && PART_SEPARATORS.test(surname);

const SEPARATOR_RUNS = new RegExp(PART_SEPARATORS.source, 'g');

/**
 * Each later part of a multi-part name with the rest of the name after it, as one search word
 * folds (foldForSearch, its spaces dropped too, as a word has none): "Brown Jones-Smith"
 * "jonessmith" and "smith", "Van den Berg" "denberg" and "berg", "Mary-Jane" "jane",
 * "Smith-O'Neil" "oneil". Read by prefix, a part is found by its own start ("jones", "berg") and
 * by the rest of the name typed whole from it, hyphen or none ("jones-smith", "jonessmith",
 * "den-berg"); "jones smith" is two words, each found. A part follows a space or a hyphen, never
 * an apostrophe (PART_SEPARATORS). The first part is not among them (the whole folded name
 * already starts with it); a one-part name, most of them, has none. Each once, in order.
 */
export function laterParts(name: string | null | undefined): string[] {
  if (!hasParts(name)) return [];
  const parts: string[] = [];
  for (const m of name!.matchAll(SEPARATOR_RUNS)) {
    if (m.index === 0) continue;
    const rest = foldForSearch(name!.slice(m.index + m[0].length)).replace(/\s+/g, '');
    if (rest) parts.push(rest);
  }
  return [...new Set(parts)];
}

/** A household's names as their parts are kept: its first name and its surname. */
export type PartedNames = { first_name?: string | null; surname?: string | null };

/**
 * The later parts of a household's first name and surname (laterParts), once each, in order:
 * what household_name_parts holds for it (db/name-parts.ts, migration 33).
 */
export const namePartsOf = (h: PartedNames): string[] => [
  ...new Set([...laterParts(h.first_name), ...laterParts(h.surname)]),
];
