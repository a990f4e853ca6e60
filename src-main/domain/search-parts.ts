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
