import { normaliseLabel, type DropoutReasonEnding } from '../../domain/reasons.ts';
import { WITHDRAWAL_CODES } from '../../domain/ofsted.ts';
import { WORD_CLASSES } from './field-forms.ts';
import { headerWords } from './header-words.ts';
import { reasonAcronyms, reasonExamples, type ReasonAcronym, type ReasonExample } from './reason-examples.ts';
import { reasonPhrasings, type ReasonPhrasing } from './reason-phrasings.ts';
import { SOURCES } from '../../domain/sources.ts';
import {
  CEASE_INITIATED_BY,
  CEASE_INITIATED_BY_LABELS,
  PATHWAY_FULL_LABELS,
  type CeaseInitiatedBy,
  type EndedBy,
  type Pathway,
} from '../../domain/stages.ts';

/** A configured reason as the reasons table holds it (retired ones still match old text). */
export interface ReasonRow {
  list: 'dropout' | 'leaving';
  key: string;
  label: string;
  ended_by: string | null;
  /** A drop-out reason's Ofsted withdrawal code (AW0–AW5), if it has one. */
  ofsted_code?: string | null;
}

/**
 * Imported text → configured keys, by label or key ignoring case, spacing and punctuation
 * (normaliseLabel), plus the everyday words exports use for "closed by" and pathway.
 */
export interface Vocab {
  dropout: Map<string, string>;
  leaving: Map<string, string>;
  /** A drop-out reason's label and who ends a closure for it, by key (the engine checks a row's closed by). */
  dropoutReasons: Map<string, DropoutReasonEnding>;
  source: Map<string, string>;
  /** Each list's labels, for a cell that gives only the start of one (reasonsStartingWith). */
  dropoutStarts: ReasonStart[];
  leavingStarts: ReasonStart[];
  /** Each list's labels' examples and alternatives ("retirement", "no response"): reason-examples.ts. */
  dropoutExamples: Map<string, ReasonExample>;
  leavingExamples: Map<string, ReasonExample>;
  /** Ofsted's withdrawal codes (normaliseLabel: "aw3") → the drop-out reason each names (reasonsByCode). */
  dropoutCodes: Map<string, NamedReason>;
  /** Each list's labels' acronyms ("IFA"): reason-examples.ts reasonAcronyms. */
  dropoutAcronyms: Map<string, ReasonAcronym>;
  leavingAcronyms: Map<string, ReasonAcronym>;
  /** Each list's common phrasings ("no response"): reason-phrasings.ts. */
  dropoutPhrasings: Map<string, ReasonPhrasing>;
  leavingPhrasings: Map<string, ReasonPhrasing>;
}

/** A reason a cell was read as: its key, and its label now for the warning. */
export interface NamedReason {
  key: string;
  label: string;
}

/** One list's words, as a reason cell is read against them (parse-row.ts readReason). */
export interface ReasonListWords {
  byLabel: ReadonlyMap<string, string>;
  examples: ReadonlyMap<string, ReasonExample>;
  starts: readonly ReasonStart[];
  codes: ReadonlyMap<string, NamedReason>;
  acronyms: ReadonlyMap<string, ReasonAcronym>;
  phrasings: ReadonlyMap<string, ReasonPhrasing>;
}

const NO_CODES = new Map<string, NamedReason>();

export const reasonListWords = (v: Vocab, list: 'dropout' | 'leaving'): ReasonListWords =>
  list === 'dropout'
    ? {
        byLabel: v.dropout,
        examples: v.dropoutExamples,
        starts: v.dropoutStarts,
        codes: v.dropoutCodes,
        acronyms: v.dropoutAcronyms,
        phrasings: v.dropoutPhrasings,
      }
    : {
        byLabel: v.leaving,
        examples: v.leavingExamples,
        starts: v.leavingStarts,
        codes: NO_CODES,
        acronyms: v.leavingAcronyms,
        phrasings: v.leavingPhrasings,
      };

/** A label's letters and digits (normaliseLabel) and where each of its words ends in them. */
export interface ReasonStart {
  key: string;
  /** The reason's label now (a renamed reason's former label still matches, as outright). */
  label: string;
  letters: string;
  wordEnds: ReadonlySet<number>;
}

/** Fewer letters than this never name a reason by its start ("O", "No"). */
export const SHORTEST_START = 4;

function reasonStart(key: string, label: string): ReasonStart {
  const ends = new Set<number>();
  let at = 0;
  for (const word of label.split(/[^\p{L}\p{N}]+/u)) {
    at += normaliseLabel(word).length;
    if (word) ends.add(at);
  }
  return { key, label, letters: normaliseLabel(label), wordEnds: ends };
}

/**
 * The reasons whose label starts with the cell's words, compared ignoring case, spacing and
 * punctuation: "Lost contact" is the start of "Lost contact / no response". The cell must end
 * where one of the label's words ends (never a word cut short, never a word from its middle) and
 * hold at least SHORTEST_START letters. One reason per key, by label A–Z; the caller uses it only when the cell
 * matched no label or key outright.
 */
export function reasonsStartingWith(
  starts: readonly ReasonStart[],
  text: string,
): Array<{ key: string; label: string }> {
  const cell = normaliseLabel(text);
  if (cell.length < SHORTEST_START) return [];
  const found = new Map<string, string>();
  for (const s of starts) {
    if (s.letters.length > cell.length && s.letters.startsWith(cell) && s.wordEnds.has(cell.length)) {
      if (!found.has(s.key)) found.set(s.key, s.label);
    }
  }
  return [...found]
    .map(([key, label]) => ({ key, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

export function buildVocab(reasons: readonly ReasonRow[]): Vocab {
  const v: Vocab = {
    dropout: new Map(),
    leaving: new Map(),
    dropoutReasons: new Map(),
    source: new Map(),
    dropoutStarts: [],
    leavingStarts: [],
    dropoutExamples: new Map(),
    leavingExamples: new Map(),
    dropoutCodes: new Map(),
    dropoutAcronyms: new Map(),
    leavingAcronyms: new Map(),
    dropoutPhrasings: new Map(),
    leavingPhrasings: new Map(),
  };
  for (const r of reasons) {
    const map = r.list === 'dropout' ? v.dropout : v.leaving;
    map.set(normaliseLabel(r.key), r.key);
    // A label of punctuation alone (an older version took "?") names nothing: it would take
    // every cell of punctuation.
    if (normaliseLabel(r.label) !== '') {
      map.set(normaliseLabel(r.label), r.key);
      (r.list === 'dropout' ? v.dropoutStarts : v.leavingStarts).push(reasonStart(r.key, r.label));
    }
    if (r.list === 'dropout') v.dropoutReasons.set(r.key, { label: r.label, endedBy: r.ended_by });
  }
  // A renamed reason's former labels come first, its label now last: the warning names today's.
  const labelNow = new Map(reasons.map((r) => [`${r.list}.${r.key}`, r.label]));
  for (const s of v.dropoutStarts) s.label = labelNow.get(`dropout.${s.key}`) ?? s.label;
  for (const s of v.leavingStarts) s.label = labelNow.get(`leaving.${s.key}`) ?? s.label;
  // What one list's labels give (examples, acronyms), each reason named by its label now.
  const ofList = <T>(
    list: ReasonRow['list'],
    read: (rows: readonly ReasonRow[], labelOf: (key: string) => string) => T,
  ): T =>
    read(
      reasons.filter((r) => r.list === list),
      (key) => labelNow.get(`${list}.${key}`)!,
    );
  v.dropoutExamples = ofList('dropout', reasonExamples);
  v.leavingExamples = ofList('leaving', reasonExamples);
  v.dropoutAcronyms = ofList('dropout', reasonAcronyms);
  v.leavingAcronyms = ofList('leaving', reasonAcronyms);
  v.dropoutPhrasings = ofList('dropout', (rows, labelOf) => reasonPhrasings('dropout', rows, labelOf));
  v.leavingPhrasings = ofList('leaving', (rows, labelOf) => reasonPhrasings('leaving', rows, labelOf));
  v.dropoutCodes = reasonsByCode(
    reasons.filter((r) => r.list === 'dropout'),
    labelNow,
  );
  for (const s of SOURCES) {
    v.source.set(normaliseLabel(s.key), s.key);
    v.source.set(normaliseLabel(s.label), s.key);
  }
  for (const [text, key] of SOURCE_WORDS) v.source.set(normaliseLabel(text), key);
  return v;
}

const SOURCE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['web', 'website'],
  ['web form', 'website'],
  ['online', 'website'],
  ['internet', 'website'],
  ['event', 'event'],
  ['stall', 'event'],
  ['events', 'event'],
  ['referral', 'carer_referral'],
  ['foster carer referral', 'carer_referral'],
  ['existing carer', 'carer_referral'],
  // A foster carer as the source: one of the service's carers told them.
  ['foster carer', 'carer_referral'],
  ['existing foster carer', 'carer_referral'],
  ['current foster carer', 'carer_referral'],
  ['facebook', 'social_media'],
  ['instagram', 'social_media'],
  ['social', 'social_media'],
  ['word of mouth', 'word_of_mouth'],
  ['friend', 'word_of_mouth'],
  ['friends or family', 'word_of_mouth'],
  ['radio', 'radio'],
  ['radio advert', 'radio'],
  ['hub', 'hub_campaign'],
  ['regional hub', 'hub_campaign'],
  ['national campaign', 'hub_campaign'],
  ['campaign', 'hub_campaign'],
];

/**
 * Words that name one source wherever they stand in a cell ("Council website", "Facebook advert",
 * "Radio advert (Heart FM)"), for a cell that names no source outright: it is read as the one
 * source its words name, and as Other where they name none or two ("Facebook event"). Words
 * that name a source only alone are left out: "Self-referral" and "GP referral" are no carer's
 * referral, "Campaign poster" no national campaign.
 */
const SOURCE_NAMING_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['website', 'website'],
  ['web', 'website'],
  ['online', 'website'],
  ['internet', 'website'],
  // A search found the service's website ("Google", "Google search", "Google ad").
  ['google', 'website'],
  ['facebook', 'social_media'],
  ['instagram', 'social_media'],
  ['tiktok', 'social_media'],
  ['twitter', 'social_media'],
  ['social media', 'social_media'],
  ['event', 'event'],
  ['events', 'event'],
  ['stall', 'event'],
  ['roadshow', 'event'],
  ['radio', 'radio'],
  ['word of mouth', 'word_of_mouth'],
  ['friend', 'word_of_mouth'],
  ['friends', 'word_of_mouth'],
];

/** The one source a cell's words name (SOURCE_NAMING_WORDS), or null for none or several. */
export function sourceNamedIn(text: string): string | null {
  const words = ` ${text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ')} `;
  const keys = new Set(SOURCE_NAMING_WORDS.filter(([w]) => words.includes(` ${w} `)).map(([, k]) => k));
  return keys.size === 1 ? [...keys][0]! : null;
}

const ENDED_BY_WORDS = new Map<string, EndedBy>(
  (
    [
      ['applicant', 'applicant'],
      ['applicant withdrew', 'applicant'],
      ['withdrew', 'applicant'],
      ['withdrawn', 'applicant'],
      ['self', 'applicant'],
      ['enquirer', 'applicant'],
      ['household', 'applicant'],
      ['carer', 'applicant'],
      ['service', 'service'],
      ['service ended it', 'service'],
      ['agency', 'service'],
      ['local authority', 'service'],
      ['la', 'service'],
      ['council', 'service'],
      ['social worker', 'service'],
      ['fostering service', 'service'],
      ['lost contact', 'lost_contact'],
      ['lost_contact', 'lost_contact'],
      ['no contact', 'lost_contact'],
      ['no response', 'lost_contact'],
      ['not contactable', 'lost_contact'],
    ] as const
  ).map(([t, k]) => [normaliseLabel(t), k]),
);

export const endedByFor = (text: string): EndedBy | null => ENDED_BY_WORDS.get(normaliseLabel(text)) ?? null;

/**
 * Who initiated a cessation, in the words a carers register's "Initiated by" cell uses beyond a
 * drop-out's Closed by words (ENDED_BY_WORDS, which ceasedByFor reads too).
 */
const CEASED_BY_WORDS = new Map<string, CeaseInitiatedBy>(
  (
    [
      ['carers', 'carer'],
      ['foster carer', 'carer'],
      ['foster carers', 'carer'],
      ['resigned', 'carer'],
      ['resignation', 'carer'],
      ['carer resigned', 'carer'],
      ["carer's decision", 'carer'],
      ['carer decision', 'carer'],
      ['own decision', 'carer'],
      ['panel', 'service'],
      ['fostering panel', 'service'],
      ['adm', 'service'],
      ['decision maker', 'service'],
      ['agency decision maker', 'service'],
      ['deregistered', 'service'],
      ['terminated', 'service'],
      ['termination', 'service'],
    ] as const
  ).map(([t, k]) => [normaliseLabel(t), k]),
);

/**
 * Who initiated a cessation as a cell says it: the words above, the record's own labels ("The
 * carer", "The service"), or a drop-out's Closed by words (endedByFor's: an applicant who ended it
 * is the carer, the service the service; lost contact names neither).
 */
export function ceasedByFor(text: string): CeaseInitiatedBy | null {
  const t = normaliseLabel(text);
  const said = CEASED_BY_WORDS.get(t);
  if (said) return said;
  for (const by of CEASE_INITIATED_BY) if (normaliseLabel(CEASE_INITIATED_BY_LABELS[by]) === t) return by;
  const ended = ENDED_BY_WORDS.get(t);
  return ended === 'applicant' ? 'carer' : ended === 'service' ? 'service' : null;
}

/**
 * A reason for leaving that opens by saying the service ended the approval ("Deregistered by
 * panel", "Approval terminated", "Termination of approval"), where the file has no column saying
 * who initiated it. Only at its start, and never beside a carer's own words: "Resigned to avoid
 * termination", "Placement terminated, carer retired" and "Deregistered by own request" are not.
 */
const SERVICE_ENDED =
  /^(?:(?:approval|registration) )?terminat(?:ed|ion)\b|^(?:deregistered|terminated|ended) by (?:the )?(?:panel|adm|agency decision maker|decision maker|service|fostering service|local authority|la|council)\b/i;
const CARER_OWN_WORDS = /\b(?:carers?|own|mutual|request|resign\w*|retire\w*)\b/i;
export const reasonSaysServiceEnded = (text: string | null): boolean =>
  !!text && SERVICE_ENDED.test(text.trim()) && !CARER_OWN_WORDS.test(text);

const PATHWAY_WORDS = new Map<string, Pathway>(
  (
    [
      ['mainstream', 'mainstream'],
      ['general', 'mainstream'],
      ['mainstream fostering', 'mainstream'],
      ['kinship', 'kinship'],
      ['connected persons', 'kinship'],
      ['connected person', 'kinship'],
      ['family and friends', 'kinship'],
      ['family & friends', 'kinship'],
      ['kinship care', 'kinship'],
      ['connected carer', 'kinship'],
      ['reg 24', 'kinship'],
      // The name the app itself gives it, now and before 30/11/2026.
      [PATHWAY_FULL_LABELS.kinship, 'kinship'],
      ['connected persons (kinship)', 'kinship'],
    ] as const
  ).map(([t, k]) => [normaliseLabel(t), k]),
);

export const pathwayFor = (text: string): Pathway | null => PATHWAY_WORDS.get(normaliseLabel(text)) ?? null;

/**
 * Whether a header names the kinship pathway itself ("Kinship?", "Connected Person (Y/N)",
 * "Family & Friends"): a column so headed may answer yes or no to it.
 */
export function namesKinship(header: string): boolean {
  const words = new Set(headerWords(header));
  return (
    words.has('kinship') ||
    (words.has('connected') && (words.has('person') || words.has('carer'))) ||
    (words.has('family') && words.has('friend'))
  );
}

const YES_WORDS = new Set(['yes', 'y', 'true']);
const NO_WORDS = new Set(['no', 'n', 'false']);

/**
 * A pathway cell: a pathway's name, or, in a column whose header names kinship (namesKinship),
 * yes for kinship and no for mainstream.
 */
export function pathwayIn(text: string, kinshipColumn: boolean): Pathway | null {
  const named = pathwayFor(text);
  if (named || !kinshipColumn) return named;
  const word = normaliseLabel(text);
  return YES_WORDS.has(word) ? 'kinship' : NO_WORDS.has(word) ? 'mainstream' : null;
}

/**
 * Each Ofsted withdrawal code → the drop-out reason a cell of that code is ("AW1", as a CRM built
 * for the return may record a withdrawal): the one reason that carries it, or of several (AW3:
 * household circumstances and housing; AW0: another provider, lost contact and other) the one
 * whose label opens Ofsted's own wording of the code ("Household circumstances changed" for
 * "Household circumstances changed during the assessment …", "Other reason / unknown" for "Other
 * reason/unknown reason"); a code no reason, or no one of several, answers names none.
 */
function reasonsByCode(
  reasons: readonly ReasonRow[],
  labelNow: ReadonlyMap<string, string>,
): Map<string, NamedReason> {
  const named = new Map<string, NamedReason>();
  for (const { code, label: wording } of WITHDRAWAL_CODES) {
    const carriers = new Map<string, string>();
    for (const r of reasons)
      if (r.ofsted_code === code) carriers.set(r.key, labelNow.get(`dropout.${r.key}`) ?? r.label);
    const opening = [...carriers].filter(([, label]) =>
      normaliseLabel(wording).startsWith(normaliseLabel(label)),
    );
    const [key, label] = carriers.size === 1 ? [...carriers][0]! : opening.length === 1 ? opening[0]! : [];
    if (key && label) named.set(normaliseLabel(code), { key, label });
  }
  return named;
}

/**
 * Words that say a household left or an assessment ended, not why: a register's "Resigned" or
 * "Left", a CRM's "Withdrawn" or "Closed" (the words that head such columns, field-forms.ts).
 */
const ENDING_WORDS = new Set([
  ...WORD_CLASSES.DEREG!,
  ...WORD_CLASSES.WITHDRAWN!,
  ...WORD_CLASSES.CLOSED!,
  'ended',
]);

/**
 * Whether a reason cell says only that the household left or the assessment ended ("Resigned",
 * "Carer left" is more): it names no reason, though a label may start with its word ("Resigned
 * prior to quality of care and safeguarding issues", which says there were concerns).
 */
export function saysOnlyItEnded(text: string): boolean {
  // Read as a header's words are, so "De-registered" is one word and "by" and "the" drop out.
  const words = headerWords(text);
  return words.length > 0 && words.every((w) => ENDING_WORDS.has(w));
}
