import { andList } from '../../domain/words.ts';

/** Which of a row's reasons a warning is about, as the user knows the column. */
export type ReasonColumn = 'Closure reason' | 'Reason for leaving';

/**
 * A reason not in the app's list: taken as Other, its words kept as the reason's text. Where its
 * words are the start of more than one reason's label (vocab.ts reasonsStartingWith), it names them.
 */
export const unlistedReason = (what: ReasonColumn, text: string, couldBe: readonly string[] = []): string =>
  `${what} "${text}" is not in the list; recorded as Other with the text kept.${couldBeWords(couldBe)}`;

/**
 * A row ended (a date closed, a deregistration date) whose reason cell is blank: it counts under
 * the reason named, ended or initiated by whom (`by`), which the user may want to correct.
 */
export const reasonBlank = (what: ReasonColumn, label: string, by: string): string =>
  `${what} is blank; recorded as "${label}", ${by}.`;

/** A reason cell saying only that it ended ("Resigned", "Withdrawn"): Other, its words kept. */
export const reasonUntold = (what: ReasonColumn, text: string): string =>
  `${what} "${text}" says only that ${what === 'Reason for leaving' ? 'the carer left' : 'the assessment ended'}, not why; recorded as Other ${KEPT}.`;

/** The opening of a warning that a reason cell was taken as a reason it does not name outright. */
const notAsWritten = (what: ReasonColumn, text: string): string =>
  `${what} "${text}" is not in the list as written;`;

export const reasonByItsStart = (what: ReasonColumn, text: string, label: string): string =>
  `${notAsWritten(what, text)} recorded as "${label}", the one reason whose name starts with these words.`;

/**
 * Words a reason's label gives as an example or alternative: taken as that reason, the words kept
 * (but not for a household whose personal details were erased: textNotKept).
 */
export const reasonByExample = (what: ReasonColumn, text: string, label: string, example: string): string =>
  `${notAsWritten(what, text)} recorded as "${label}", whose name gives "${example}", ${KEPT}.`;

/** A common phrasing of one reason ("No response after 3 attempts"): taken as that reason, the words kept. */
export const reasonByPhrasing = (what: ReasonColumn, text: string, label: string, phrasing: string): string =>
  `${notAsWritten(what, text)} recorded as "${label}", as "${phrasing}" is a common way of saying it, ${KEPT}.`;

/** An Ofsted withdrawal code ("AW3"): taken as the reason it names, the code itself not kept. */
export const reasonByCode = (what: ReasonColumn, text: string, label: string): string =>
  `${notAsWritten(what, text)} recorded as "${label}", the reason of this Ofsted withdrawal code.`;

/** An acronym standing for words of one reason's label ("IFA"): taken as that reason, the words kept. */
export const reasonByAcronym = (
  what: ReasonColumn,
  text: string,
  label: string,
  acronym: string,
  words: string,
): string =>
  `${notAsWritten(what, text)} recorded as "${label}", "${acronym}" standing for "${words}" in its name, ${KEPT}.`;

const KEPT = 'with the text kept';
const ERASED = "without the text, as this household's personal details were erased";

const couldBeWords = (labels: readonly string[]): string => {
  if (labels.length < 2) return '';
  const quoted = labels.map((l) => `"${l}"`);
  return ` It is the start of ${labels.length} reasons: ${andList(quoted)}.`;
};

/**
 * The same, for a household whose personal details were erased (apply/plan-parts.ts withoutErased):
 * a reason's free text is personal, so it is not imported, and the warning must not say it was kept.
 */
export const unlistedReasonNotKept = (
  what: ReasonColumn,
  text: string,
  couldBe: readonly string[] = [],
): string => `${what} "${text}" is not in the list; recorded as Other ${ERASED}.${couldBeWords(couldBe)}`;

/**
 * A row's warning that a reason's text was kept (unlistedReason, reasonByExample, reasonUntold), as it reads for
 * a household whose personal details were erased, whose text is not (import/apply/plan-parts.ts
 * withoutErased); null for any other warning. A list of reasons the text could start stays.
 */
export function textNotKept(message: string, what: ReasonColumn, text: string): string | null {
  const unlisted = unlistedReason(what, text);
  if (message.startsWith(unlisted)) return unlistedReasonNotKept(what, text) + message.slice(unlisted.length);
  const ownWarning = message.startsWith(notAsWritten(what, text)) || message === reasonUntold(what, text);
  if (ownWarning && message.endsWith(`${KEPT}.`)) return `${message.slice(0, -`${KEPT}.`.length)}${ERASED}.`;
  return null;
}
