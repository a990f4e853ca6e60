import { FIELD_FORMS, WORD_CLASSES } from './field-forms.ts';
import type { ImportField } from './field-keys.ts';
import { headerWords, singular } from './header-words.ts';

/**
 * What a column header most likely names. `confidence` is the share of the header's words
 * that the field accounts for (1: every word is one of the field's words or a qualifier such
 * as whose reference it is). A header is recognised only when more of its words belong to the
 * field than not. When two fields score the same, `field` is null and `tied` names them: the
 * user is asked, nothing is guessed.
 */
export interface HeaderMatch {
  field: ImportField | null;
  confidence: number;
  tied: ImportField[];
  /**
   * How many of its words the field's form took: of two columns equally sure of a field, the one
   * saying more of it ("Approval Date" over "Approved for" or "Approved?").
   */
  filled: number;
}

const NO_MATCH: HeaderMatch = Object.freeze({
  field: null,
  confidence: 0,
  tied: [],
  filled: 0,
}) as HeaderMatch;

/** Longer cells are data or notes, never a header (and would make the matching slow). */
const MAX_HEADER_CHARS = 120;
const MAX_HEADER_WORDS = 12;

interface Slot {
  words: ReadonlySet<string>;
  optional: boolean;
  /** A slot of the DATE class: a date field's form (see scoreForm). */
  date: boolean;
}

/** A form's slots; `exact`: it names the field only when the header has no word it does not know. */
interface Form {
  slots: Slot[];
  exact: boolean;
}

interface CompiledField {
  field: ImportField;
  forms: Form[];
  qualifiers: ReadonlySet<string>;
  not: ReadonlySet<string>;
}

function compileSlot(token: string): Slot {
  const optional = token.endsWith('?');
  const name = optional ? token.slice(0, -1) : token;
  const cls = WORD_CLASSES[name];
  if (name === name.toUpperCase() && /[A-Z]/.test(name) && !cls)
    throw new Error(`Unknown word class ${name} in field-forms.ts`);
  return { words: new Set(cls ? cls.map(singular) : [singular(name)]), optional, date: name === 'DATE' };
}

const COMPILED: CompiledField[] = Object.entries(FIELD_FORMS).map(([field, f]) => ({
  field: field as ImportField,
  forms: f.forms.map((form) => ({
    exact: form.startsWith('='),
    slots: form.replace(/^=/, '').split(' ').map(compileSlot),
  })),
  qualifiers: new Set((f.qualifiers ?? []).map(singular)),
  not: new Set(f.not ?? []),
}));

/** Every word any form can take: a header with none of them is no field's (checked first, cheaply). */
const VOCABULARY = new Set(
  COMPILED.flatMap((f) => f.forms.flatMap((form) => form.slots.flatMap((s) => [...s.words]))),
);

/** The most header words the slots can take, each word once (small: a header has few words). */
function fill(slots: readonly Slot[], words: readonly string[], used: boolean[], i: number): number {
  if (i === slots.length) return 0;
  const slot = slots[i]!;
  let best = slot.optional ? fill(slots, words, used, i + 1) : -1;
  for (let w = 0; w < words.length; w++) {
    if (used[w] || !slot.words.has(words[w]!)) continue;
    used[w] = true;
    const rest = fill(slots, words, used, i + 1);
    used[w] = false;
    if (rest >= 0 && rest + 1 > best) best = rest + 1;
  }
  return best;
}

interface Score {
  confidence: number;
  qualifiers: number;
  /** How many of the form's slots the header's words fill ("Approval Date" 2, "Approved" 1). */
  filled: number;
}

function scoreForm(form: Form, words: readonly string[], qualifiers: ReadonlySet<string>): Score | null {
  const slots = form.slots;
  const filled = fill(slots, words, new Array<boolean>(words.length).fill(false), 0);
  if (filled < 0) return null;
  // Every word one of the form's slots accepts counts as the field's own ("Ref No",
  // "Resigned/Deregistered Date", "Tel (Mobile)"); the rest are qualifiers or unknown.
  let own = 0;
  let qualified = 0;
  let unknown = 0;
  for (const w of words) {
    if (slots.some((s) => s.words.has(w))) own++;
    else if (qualifiers.has(w)) qualified++;
    else unknown++;
  }
  if (form.exact && unknown > 0) return null;
  // "Stage 2" is the Stage 2 date, "Stage 2 Assessor" and "Stage 1 Outcome" are not: with a word
  // of its own, a header names a date only with one of its optional words too (start, date).
  const saysMore = slots.some((s) => s.optional && words.some((w) => s.words.has(w)));
  if (unknown > 0 && slots.some((s) => s.date) && !saysMore) return null;
  return { confidence: own / (own + unknown), qualifiers: qualified, filled };
}

const better = (a: Score, b: Score | null) =>
  !b || a.confidence > b.confidence || (a.confidence === b.confidence && a.qualifiers < b.qualifiers);

export function matchHeader(header: string): HeaderMatch {
  if (header.length > MAX_HEADER_CHARS) return NO_MATCH;
  const words = headerWords(header);
  if (words.length === 0 || words.length > MAX_HEADER_WORDS || !words.some((w) => VOCABULARY.has(w)))
    return NO_MATCH;
  const scored: Array<{ field: ImportField; score: Score }> = [];
  for (const f of COMPILED) {
    if (words.some((w) => f.not.has(w))) continue;
    let best: Score | null = null;
    for (const form of f.forms) {
      const s = scoreForm(form, words, f.qualifiers);
      if (s && better(s, best)) best = s;
    }
    if (best && best.confidence > 0.5) scored.push({ field: f.field, score: best });
  }
  if (scored.length === 0) return NO_MATCH;
  let top = scored[0]!;
  for (const s of scored) if (better(s.score, top.score)) top = s;
  const tied = scored.filter(
    (s) => s.score.confidence === top.score.confidence && s.score.qualifiers === top.score.qualifiers,
  );
  const confidence = Math.round(top.score.confidence * 100) / 100;
  if (tied.length > 1) return { field: null, confidence, tied: tied.map((s) => s.field), filled: 0 };
  return { field: top.field, confidence, tied: [], filled: top.score.filled };
}
