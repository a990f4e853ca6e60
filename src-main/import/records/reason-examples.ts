import { normaliseLabel } from '../../domain/reasons.ts';

/** A reason a cell names by one of the examples or alternatives its label gives. */
export interface ReasonExample {
  key: string;
  /** The reason's label now, for the warning. */
  label: string;
  /** The example as the label gives it ("retirement"), for the warning. */
  example: string;
}

/** Words that open a label's examples: "… e.g. separation, bereavement", "… including death". */
const EXAMPLES_OPEN = /\b(?:e\.?\s?g\.?|including|such as|for example)\s+/i;

/** A list's items: "separation, bereavement, retirement", "IFA or another LA". */
const listItems = (text: string): string[] =>
  text
    .replace(new RegExp(`^\\s*${EXAMPLES_OPEN.source}`, 'i'), '')
    .split(/\s*[,;]\s*|\s+(?:and|or)\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The examples and alternatives a reason's label gives, each of which names the reason as well as
 * its label does: the sides of "No spare bedroom / housing", what stands in its brackets
 * ("Safeguarding (termination)", "(IFA or another LA)", "(including Staying Put)") and what
 * follows "e.g." or "including" ("Personal circumstances e.g. separation, bereavement, retirement",
 * "Other – including death"). A register's "Retirement" or a CRM's "No response" is then the
 * reason the service's own list puts it under, read from the labels, so a renamed or added
 * reason's examples count too.
 */
export function labelExamples(label: string): string[] {
  const sides = label.split(/\s+\/\s+/);
  const found = sides.length > 1 ? [...sides] : [];
  for (const side of sides) {
    for (const m of side.matchAll(/\(([^)]*)\)/g)) found.push(...listItems(m[1]!));
    const outside = side.replace(/\([^)]*\)/g, ' ');
    const open = EXAMPLES_OPEN.exec(outside);
    if (open) found.push(...listItems(outside.slice(open.index + open[0].length)));
  }
  // Three letters at least: "IFA" names a provider; "LA" or "no" alone names nothing.
  return found.map((s) => s.trim()).filter((s) => normaliseLabel(s).length >= 3);
}

/**
 * Endings a word takes in a reason cell that its label's example may not: "Retired", "Retire" and
 * "Retirement" are one word here, as are "Separated" and "separation", "Bereaved" and
 * "bereavement", "Stayed put" and "Staying Put". A word is cut once, keeping at least four letters,
 * so "IFAs" and "died" stay as they are.
 */
const ENDINGS = ['ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ed', 'es', 's'];
const LEAST_STEM = 4;

const stem = (word: string): string => {
  const ending = ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= LEAST_STEM);
  const cut = ending ? word.slice(0, -ending.length) : word;
  return cut.endsWith('e') && cut.length > LEAST_STEM ? cut.slice(0, -1) : cut;
};

/** How a reason cell and an example are compared: each word in lower case, its ending cut (ENDINGS). */
export const exampleKey = (text: string): string =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(stem)
    .join(' ');

/**
 * Each example (exampleKey) → the one reason that gives it. An example two reasons give names
 * neither; one that is a reason's label or key is that reason's, outright (the caller looks there first).
 */
export function reasonExamples(
  reasons: ReadonlyArray<{ key: string; label: string }>,
  labelNow: (key: string) => string,
): Map<string, ReasonExample> {
  const byExample = new Map<string, { keys: Set<string>; example: string }>();
  for (const r of reasons)
    for (const example of labelExamples(r.label)) {
      const words = exampleKey(example);
      const seen = byExample.get(words) ?? { keys: new Set<string>(), example };
      byExample.set(words, { ...seen, keys: seen.keys.add(r.key) });
    }
  const named = new Map<string, ReasonExample>();
  for (const [words, { keys, example }] of byExample)
    if (keys.size === 1) {
      const key = [...keys][0]!;
      named.set(words, { key, label: labelNow(key), example });
    }
  return named;
}

/** A reason a cell names by an acronym its label gives, as written or as the initials of its words. */
export interface ReasonAcronym {
  key: string;
  label: string;
  /** The words it stands for in the label ("independent fostering agency"); null where the label writes it. */
  words: string | null;
}

/** Words a label's initials pass over, and that break a run of words into two. */
const SMALL_WORDS = new Set(
  'a an the of to for and or with by in on at from not no as is was were be eg e g s'.split(' '),
);
const ACRONYM = /^\p{Lu}{3,}$/u;

/**
 * The acronyms a label gives: a word of three capitals or more as written ("IFA" in "(IFA or
 * another LA)"), and the initials of each run of three or more words without a small word among
 * them, within one phrase ("Transfer to an independent fostering agency": IFA for "independent
 * fostering agency").
 */
export function labelAcronyms(label: string): Array<{ acronym: string; words: string | null }> {
  const found: Array<{ acronym: string; words: string | null }> = [];
  for (const phrase of label.split(/[,;:/()\u2013\u2014]|\s-\s/)) {
    const words = phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (const w of words) if (ACRONYM.test(w)) found.push({ acronym: w, words: null });
    let run: string[] = [];
    const close = () => {
      if (run.length >= 3 && !run.some((w) => ACRONYM.test(w)))
        found.push({ acronym: run.map((w) => w[0]!.toUpperCase()).join(''), words: run.join(' ') });
      run = [];
    };
    for (const w of words) {
      if (SMALL_WORDS.has(w.toLowerCase()) || !/^\p{L}/u.test(w)) close();
      else run.push(w);
    }
    close();
  }
  return found;
}

/** Each acronym → the one reason whose label gives it (one two labels give names neither). */
export function reasonAcronyms(
  reasons: ReadonlyArray<{ key: string; label: string }>,
  labelNow: (key: string) => string,
): Map<string, ReasonAcronym> {
  const byAcronym = new Map<string, { keys: Set<string>; words: string | null }>();
  for (const r of reasons)
    for (const { acronym, words } of labelAcronyms(r.label)) {
      const seen = byAcronym.get(acronym) ?? { keys: new Set<string>(), words };
      byAcronym.set(acronym, { ...seen, keys: seen.keys.add(r.key) });
    }
  const named = new Map<string, ReasonAcronym>();
  for (const [acronym, { keys, words }] of byAcronym)
    if (keys.size === 1) {
      const key = [...keys][0]!;
      named.set(acronym, { key, label: labelNow(key), words });
    }
  return named;
}

/** The one reason the acronyms written in capitals in a cell name ("Moved to an IFA"), or null for none or two. */
export function reasonOfAcronyms(
  text: string,
  acronyms: ReadonlyMap<string, ReasonAcronym>,
): (ReasonAcronym & { acronym: string }) | null {
  const found = new Map<string, ReasonAcronym & { acronym: string }>();
  for (const w of text.split(/[^\p{L}\p{N}]+/u)) {
    const named = ACRONYM.test(w) ? acronyms.get(w) : undefined;
    if (named && !found.has(named.key)) found.set(named.key, { ...named, acronym: w });
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}
