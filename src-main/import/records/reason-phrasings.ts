import { REASON_PHRASINGS, type ReasonList } from '../../domain/reasons.ts';

/** A reason a cell names by a common phrasing of it (domain/reasons.ts REASON_PHRASINGS). */
export interface ReasonPhrasing {
  key: string;
  /** The reason's label now, for the warning. */
  label: string;
  /** The phrasing as the list gives it ("no response"), for the warning. */
  phrasing: string;
}

/** A text's words in lower case, one space between and around them: phrasings are found whole. */
const spacedWords = (text: string): string =>
  ` ${text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ')} `;

/**
 * Each phrasing (its spaced words) of a list's reasons that the service's list still has → that
 * reason. A phrasing the label (or a former label) of another reason gives is left out: those are
 * the service's words for that reason, not this one's.
 */
export function reasonPhrasings(
  list: ReasonList,
  reasons: ReadonlyArray<{ key: string; label: string }>,
  labelNow: (key: string) => string,
): Map<string, ReasonPhrasing> {
  const keys = new Set(reasons.map((r) => r.key));
  const named = new Map<string, ReasonPhrasing>();
  for (const [key, phrasings] of Object.entries(REASON_PHRASINGS[list])) {
    if (!keys.has(key)) continue;
    for (const phrasing of phrasings) {
      const words = spacedWords(phrasing);
      const theirs = reasons.some((r) => r.key !== key && spacedWords(r.label).includes(words));
      if (!theirs) named.set(words, { key, label: labelNow(key), phrasing });
    }
  }
  return named;
}

/**
 * The one reason whose phrasings a cell holds as whole words ("No response after 3 attempts":
 * lost contact), or null for none or two reasons' ("No contact, finances"). `fits` leaves out
 * a reason the row's other cells contradict (its Closed by).
 */
export function reasonOfPhrasings(
  text: string,
  phrasings: ReadonlyMap<string, ReasonPhrasing>,
  fits: (key: string) => boolean = () => true,
): ReasonPhrasing | null {
  const words = spacedWords(text);
  const found = new Map<string, ReasonPhrasing>();
  for (const [phrase, named] of phrasings)
    if (words.includes(phrase) && !found.has(named.key)) found.set(named.key, named);
  const [only] = found.values();
  return found.size === 1 && fits(only!.key) ? only! : null;
}
