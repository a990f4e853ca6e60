import { foldForSearch, hasParts, laterParts, type PartedNames } from './fold.ts';

/**
 * What household_name_parts holds for a household (db/name-parts.ts, migration 35): every run of
 * letters by whose start the list's search finds it beyond the starts of its own columns
 * (first_name_fold and surname_fold, which keep a name's spaces), each folded as a search word is,
 * spaces dropped (domain/fold.ts):
 * - each later part of its first name and surname with the rest of the name after it (laterParts:
 *   "Brown Jones-Smith" "jonessmith" and "smith", "Mary-Jane" "jane");
 * - a name with a space typed without it ("Van den Berg" "vandenberg", "Mary Ann" "maryann"):
 *   the column holds "van den berg", which "vandenberg" does not start. A hyphen is dropped in the
 *   column already ("Smith-Jones" is "smithjones"), so only a name with a space needs this row;
 * - its carers' own names (household_people: carer or applicant 1 and 2, those who left too), each
 *   first name and surname whole and by its later parts, as the household's own, unless the
 *   household is found by every start of it already: carer 1 "Uma Patel" of the household Uma
 *   Patel adds nothing, carer 2 "Wiktor Patel" adds "wiktor", and a second carer of another
 *   surname ("Jo Okafor") "jo" and "okafor". So a word finds the household exactly when it starts
 *   a name held anywhere on it, and a search for a surname its households share ("patel") reads
 *   no more rows than before.
 * Each once, the household's own first.
 */
export function searchPartsOf(h: PartedNames, people: readonly PartedNames[] = []): string[] {
  const own = [...laterParts(h.first_name), ...laterParts(h.surname)];
  for (const name of [h.first_name, h.surname]) {
    const whole = spacedWhole(name);
    if (whole) own.push(whole);
  }
  if (people.length === 0) return [...new Set(own)];
  // Every start of these already finds the household: its own columns (spaces dropped, as the row
  // above holds them when there are any) and its own parts.
  const found = [...own, compact(h.first_name), compact(h.surname)].filter((s) => s !== '');
  const out = new Set(own);
  for (const p of people)
    for (const name of [p.first_name, p.surname]) {
      if (!name) continue;
      for (const key of [compact(name), ...laterParts(name)])
        if (key && !found.some((f) => f.startsWith(key))) out.add(key);
    }
  return [...out];
}

/** A name folded, spaces dropped ('' for none). */
const compact = (name: string | null | undefined): string =>
  name ? foldForSearch(name).replace(/\s+/g, '') : '';

/** A name with a space in it, folded, spaces dropped; null for any other (most names: one test). */
function spacedWhole(name: string | null | undefined): string | null {
  if (!hasParts(name)) return null;
  const folded = foldForSearch(name!);
  if (!/\s/.test(folded)) return null;
  return folded.replace(/\s+/g, '') || null;
}

/** A carer as the list's search reads them to say who it found a household by. */
export type SearchedPerson = PartedNames & { position: number; left_on: string | null };

/** What else of a household a search word may start: its reference, email and postcode. */
export type SearchedHousehold = PartedNames & {
  reference: string;
  email: string | null;
  postcode: string | null;
};

/** The starts by which the search finds a name (its column folded, spaces dropped, and its parts). */
const nameStarts = (name: string | null | undefined): string[] =>
  name ? [foldForSearch(name), compact(name), ...laterParts(name)] : [];

/** Whether a word starts a household's own name, reference, email or postcode (any case, any spacing in a postcode). */
function ownHolds(h: SearchedHousehold, own: string[], word: string): boolean {
  const folded = foldForSearch(word) || word;
  if (own.some((s) => s.startsWith(folded))) return true;
  const lower = word.toLowerCase();
  if ([h.reference, h.email].some((v) => v?.toLowerCase().startsWith(lower))) return true;
  const tight = (v: string) => v.toLowerCase().replace(/\s+/g, '');
  return !!h.postcode && tight(h.postcode).startsWith(tight(word));
}

/**
 * Whether a household's own first name is `first` and its surname starts with `rest`, folded as
 * the search folds them (db/queries/households-search.ts joinedWays: "annsmith" finds Ann Smith).
 */
export const joinedHolds = (t: { first: string; rest: string }, h: PartedNames): boolean =>
  !!h.first_name &&
  !!h.surname &&
  foldForSearch(h.first_name) === t.first &&
  foldForSearch(h.surname).startsWith(t.rest);

/** Each way's words the household's own names, reference, email and postcode do not hold. */
function notOwn(ways: readonly string[][], h: SearchedHousehold): string[][] {
  const own = [...nameStarts(h.first_name), ...nameStarts(h.surname)];
  return ways.map((words) => words.filter((w) => !ownHolds(h, own, w)));
}

/** Whether the household's own names, reference, email or postcode hold every word of one way. */
export const ownAnswers = (ways: readonly string[][], h: SearchedHousehold): boolean =>
  notOwn(ways, h).some((words) => words.length === 0);

/**
 * The carers a search found a household by, when its own names, reference, email and postcode do
 * not hold every word of any way it matches (`ways`: the words as typed, or run together,
 * db/queries/households-search.ts searchWays): "smith" finds the household Jones by its carer 2
 * Ann Smith, so the list says so beside the name. Read, like the search, from each carer's first
 * name and surname by their starts and later parts (searchPartsOf); those who left count too.
 * Empty when the household's own answer (most rows), or nobody's name holds the rest. Each carer
 * once, carer 1 first, those still there before those who left.
 */
export function foundByPeople(
  ways: readonly string[][],
  h: SearchedHousehold,
  people: readonly SearchedPerson[],
): SearchedPerson[] {
  const rest = notOwn(ways, h);
  if (rest.some((words) => words.length === 0)) return [];
  const holds = (p: SearchedPerson, w: string) => {
    const folded = foldForSearch(w) || w;
    return [...nameStarts(p.first_name), ...nameStarts(p.surname)].some((s) => s.startsWith(folded));
  };
  const sorted = [...people].sort(
    (a, b) => Number(a.left_on !== null) - Number(b.left_on !== null) || a.position - b.position,
  );
  // The first way every word of which is held by the household or its carers, and who holds the rest.
  for (const words of rest) {
    if (!words.every((w) => sorted.some((p) => holds(p, w)))) continue;
    const out: SearchedPerson[] = [];
    for (const w of words) if (!out.some((p) => holds(p, w))) out.push(sorted.find((p) => holds(p, w))!);
    return sorted.filter((p) => out.includes(p));
  }
  return [];
}
