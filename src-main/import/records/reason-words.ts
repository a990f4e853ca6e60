/** Which of a row's reasons a warning is about, as the user knows the column. */
export type ReasonColumn = 'Closure reason' | 'Reason for leaving';

/** A reason not in the app's list: taken as Other, its words kept as the reason's text. */
export const unlistedReason = (what: ReasonColumn, text: string): string =>
  `${what} "${text}" is not in the list; recorded as Other with the text kept.`;

/**
 * The same, for a household whose personal details were erased (apply/plan-parts.ts withoutErased):
 * a reason's free text is personal, so it is not imported, and the warning must not say it was kept.
 */
export const unlistedReasonNotKept = (what: ReasonColumn, text: string): string =>
  `${what} "${text}" is not in the list; recorded as Other without the text, as this household's personal details were erased.`;
