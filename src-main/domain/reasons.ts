import { countOf } from './words.ts';
import {
  ENDED_BY,
  ENDED_BY_LABELS,
  STAGE_LABELS,
  type CeaseInitiatedBy,
  type EndedBy,
  type OpenStage,
} from './stages.ts';

/**
 * Default reason lists, exactly as the domain brief gives them. Keys are stable forever:
 * the service may rename, reorder or retire a reason, never change its key once used.
 */
export const REASON_LISTS = ['dropout', 'leaving'] as const;
export type ReasonList = (typeof REASON_LISTS)[number];
/** The lists as a person names them ("the drop-out list", not its key). */
export const REASON_LIST_NAMES: Record<ReasonList, string> = { dropout: 'drop-out', leaving: 'leaving' };

export interface DefaultReason {
  key: string;
  label: string;
  endedBy?: EndedBy | 'any';
  ofstedCode?: string;
}

export const DEFAULT_DROPOUT_REASONS: readonly DefaultReason[] = [
  {
    key: 'not_as_expected',
    label: 'Fostering was not as the applicant expected',
    endedBy: 'applicant',
    ofstedCode: 'AW1',
  },
  {
    key: 'process',
    label: 'Assessment process was not as the applicant expected',
    endedBy: 'applicant',
    ofstedCode: 'AW2',
  },
  { key: 'circumstances', label: 'Household circumstances changed', endedBy: 'applicant', ofstedCode: 'AW3' },
  {
    key: 'financial',
    label: 'Unable to continue for financial reasons',
    endedBy: 'applicant',
    ofstedCode: 'AW4',
  },
  {
    key: 'allegations_risk',
    label: 'Concerned about the risk of allegations',
    endedBy: 'applicant',
    ofstedCode: 'AW5',
  },
  { key: 'housing', label: 'No spare bedroom / housing', endedBy: 'applicant', ofstedCode: 'AW3' },
  {
    key: 'other_provider',
    label: 'Chose another fostering provider (IFA or another LA)',
    endedBy: 'applicant',
    ofstedCode: 'AW0',
  },
  { key: 'lost_contact', label: 'Lost contact / no response', endedBy: 'lost_contact', ofstedCode: 'AW0' },
  { key: 'unsuitable_checks', label: 'Checks or references unsatisfactory', endedBy: 'service' },
  { key: 'counselled_out', label: 'Counselled out by the service', endedBy: 'service' },
  { key: 'not_approved', label: 'Panel or decision maker did not approve', endedBy: 'service' },
  { key: 'other', label: 'Other reason / unknown', endedBy: 'any', ofstedCode: 'AW0' },
];

/**
 * Reasons an exit interview held cannot give, by list, by key (a rename keeps the rule): "lost
 * contact / no response" says the applicant could not be reached, and one who came to an interview
 * was. The one rule: the interview form leaves them out of its choices (but for an older interview
 * holding one, to untick), the core refuses them (checkExitInterview), the sample gives none, and
 * "What applicants said" shows their row only where an interview holds one.
 */
const NOT_GIVEN_IN_INTERVIEW: Record<ReasonList, readonly string[]> = {
  dropout: ['lost_contact'],
  leaving: [],
};
export const givenInInterview = (list: ReasonList, key: string): boolean =>
  !NOT_GIVEN_IN_INTERVIEW[list].includes(key);

/**
 * Whether an exit interview can have been held after an ending ended by `endedBy` (a closure's; a
 * cessation has none, and any of its interviews may be held). Not after one ended by lost contact:
 * the household stopped responding, so the offer went unanswered, whatever reason the closure
 * gives ("Other", say); one who came to an interview was in contact, and the closure is corrected
 * to who ended it. The one rule, as for givenInInterview: the interview form does not offer "held"
 * (but for an older interview held, to keep), the core refuses it (checkExitInterview), and the
 * sample holds none (sample/interviews.ts).
 */
export const interviewHeldAfter = (endedBy: string | null | undefined): boolean => endedBy !== 'lost_contact';

export const DEFAULT_LEAVING_REASONS: readonly DefaultReason[] = [
  { key: 'permanence', label: 'Permanence plan for child (including Staying Put)' },
  { key: 'transfer_la', label: "Transfer to another LA fostering service / children's trust" },
  { key: 'transfer_ifa', label: 'Transfer to an independent fostering agency' },
  { key: 'personal_circumstances', label: 'Personal circumstances e.g. separation, bereavement, retirement' },
  { key: 'not_for_them', label: 'Decided fostering not for them' },
  { key: 'dissatisfied', label: 'Dissatisfied with quality of service' },
  { key: 'safeguarding_termination', label: 'Safeguarding (termination)' },
  { key: 'resigned_prior_to_concerns', label: 'Resigned prior to quality of care and safeguarding issues' },
  { key: 'other', label: 'Other – including death' },
];

/**
 * Common ways a CRM or a register words a default reason that its label does not give ("No
 * response after 3 attempts", "Unable to contact"), by list and key: the one list. An import reads
 * a cell holding one of them, as whole words anywhere in it, as that reason (import/records/
 * reason-phrasings.ts), but only where the service's own words named none: its labels, former
 * labels and their examples, starts and acronyms come first, and a phrasing another reason's
 * label gives is that reason's. Each says the reason by itself, never one common word ("contact",
 * "agency"), and a cell holding phrasings of two reasons names neither. Keys only of the default
 * lists (a key never changes, so a renamed reason keeps its phrasings).
 */
export const REASON_PHRASINGS: Record<ReasonList, Readonly<Record<string, readonly string[]>>> = {
  dropout: {
    lost_contact: [
      'lost contact',
      'no response',
      'no reply',
      'no contact',
      'not responding',
      'stopped responding',
      'did not respond',
      "didn't respond",
      'failed to respond',
      'unable to contact',
      'could not contact',
      "couldn't contact",
      'could not be contacted',
      'unable to reach',
      'not contactable',
      'uncontactable',
      'unresponsive',
    ],
    other_provider: [
      'another agency',
      'another fostering agency',
      'another provider',
      'independent fostering agency',
      // Not "another local authority" alone: "Moved to another local authority area" is a move.
      'another local authority fostering',
      'fostering with another local authority',
      'transferred to another local authority',
    ],
    // A third party's checks: "No response from referees" is not the applicant lost, so beside a
    // lost contact's phrasing it names neither.
    unsuitable_checks: ['referee', 'referees', 'references'],
    financial: ['financial reasons', 'finances', 'cannot afford', "can't afford", 'could not afford'],
    housing: ['no spare room', 'no spare bedroom', 'no bedroom'],
    counselled_out: ['counselled out', 'counseled out'],
  },
  leaving: {
    transfer_la: [
      'transfer to another local authority',
      'another local authority fostering',
      'fostering with another local authority',
      'transferred to another local authority',
    ],
    transfer_ifa: ['independent fostering agency'],
  },
};

/**
 * Who initiated a cessation for this leaving reason when no one said: a safeguarding
 * termination is the service's by its nature; every other default reason is the carer's.
 */
export function defaultCessationInitiator(reasonKey: string): CeaseInitiatedBy {
  return reasonKey === 'safeguarding_termination' ? 'service' : 'carer';
}

export const DEFAULT_REASONS: Record<ReasonList, readonly DefaultReason[]> = {
  dropout: DEFAULT_DROPOUT_REASONS,
  leaving: DEFAULT_LEAVING_REASONS,
};

/** A drop-out reason as the reasons list holds it: its label, and who ends an assessment for it. */
export interface DropoutReasonEnding {
  label: string;
  /** An EndedBy, or 'any' or null (a reason the service added): anyone. */
  endedBy: string | null;
}

/** Whose reason a drop-out reason is, as a refusal says it. */
const REASON_OF: Record<EndedBy, string> = {
  applicant: "is an applicant's reason for withdrawing",
  service: 'the service ends an assessment for',
  lost_contact: 'is for lost contact',
};

/**
 * Why a closure ended by `endedBy` cannot take `reason`, or null. Each drop-out reason says who
 * ends an assessment for it (DEFAULT_DROPOUT_REASONS; 'any' for Other, none for a reason the
 * service added), and the Ofsted return counts a closure by who ended it (withdrawn: the applicant
 * or lost contact; turned down: the service), so "checks unsatisfactory" ended by the applicant
 * would count a refusal as a withdrawal (and "lost contact" ended by the service a withdrawal as a
 * refusal). The journey engine asks this of every closure recorded,
 * by hand or by an import row.
 */
/**
 * The Ofsted return's line between closures: turned down (the service ended it) or withdrawn (the
 * applicant withdrew, or contact was lost). Written once: the engine holds a closure to its reason's
 * side (endedByFault), the return counts withdrawals by it, and the drop-out table's suppression
 * relates its "who ended them" cells to the reasons on each side.
 */
export type ReturnSide = 'turned_down' | 'withdrew';
export const returnSideOf = (by: EndedBy): ReturnSide => (by === 'service' ? 'turned_down' : 'withdrew');
export const ENDED_BY_ON_SIDE: Record<ReturnSide, readonly EndedBy[]> = {
  turned_down: ENDED_BY.filter((b) => returnSideOf(b) === 'turned_down'),
  withdrew: ENDED_BY.filter((b) => returnSideOf(b) === 'withdrew'),
};
export const isEndedBy = (value: unknown): value is EndedBy =>
  (ENDED_BY as readonly unknown[]).includes(value);

export function endedByFault(reason: DropoutReasonEnding, endedBy: EndedBy): string | null {
  const by = reason.endedBy;
  if (!by || by === endedBy || !Object.hasOwn(REASON_OF, by)) return null;
  const theirs = by as EndedBy;
  // The applicant and lost contact are both a withdrawal in the return: only a closure across its
  // line (turned down by the service, or withdrawn) is refused, so a CRM's "Lost contact" closed by
  // "Applicant" still imports.
  if (returnSideOf(theirs) === returnSideOf(endedBy)) return null;
  return `Ended by "${ENDED_BY_LABELS[endedBy]}" does not fit the reason "${reason.label}", which ${REASON_OF[theirs]}: choose "${ENDED_BY_LABELS[theirs]}", or another reason.`;
}

/**
 * Drop-out reasons that are a decision taken after panel: a closure for one stands at the panel, or
 * the drop-out table counts a panel's refusal under an earlier stage (helper-237 found "did not
 * approve" accepted at Enquiry). By key, which a rename keeps.
 */
const AFTER_PANEL_REASONS: ReadonlySet<string> = new Set(['not_approved']);

/** Why a closure for this reason cannot stand at `stage` (null: it can). */
export function reasonStageFault(reason: { key: string; label: string }, stage: OpenStage): string | null {
  if (!AFTER_PANEL_REASONS.has(reason.key) || stage === 'panel') return null;
  return `"${reason.label}" is a decision after panel, but the household stands at ${STAGE_LABELS[stage]}: record its panel date first, or choose another reason.`;
}

/** Who ends an assessment for a drop-out reason, as Settings offers it: one who ends a closure, or anyone. */
export const REASON_ENDED_BY = [...ENDED_BY, 'any'] as const;
export type ReasonEndedBy = (typeof REASON_ENDED_BY)[number];
export const REASON_ENDED_BY_LABELS: Record<ReasonEndedBy, string> = {
  applicant: 'Applicant',
  service: 'Service',
  lost_contact: 'Lost contact',
  any: 'Anyone',
};
/** A reason's stored ended-by as Settings shows it: none (a reason the service added) is anyone. */
export const reasonEndedBy = (stored: string | null): ReasonEndedBy =>
  (REASON_ENDED_BY as readonly string[]).includes(stored ?? '') ? (stored as ReasonEndedBy) : 'any';

/** The drop-out reason an import records a reason it does not know as (import/records/parse-row.ts). */
export const UNKNOWN_DROPOUT_REASON = 'other';
/** The leaving reason a cessation takes when its reason is blank or not in the list. */
export const UNKNOWN_LEAVING_REASON = 'other';

/**
 * A closure's or cessation's reason as a record says it: its label, then the words an import kept
 * where the file's reason was not in the list ("Other reason / unknown: “Moved to Spain”"), which
 * say more than the label.
 */
export const reasonWithText = (label: string, text: string | null): string =>
  text ? `${label}: “${text}”` : label;

/**
 * A withdrawal code (AW0 to AW5) is a drop-out's: a leaving reason is mapped to Ofsted's
 * deregistration categories instead (Settings), and one stored with a code showed it nowhere.
 */
export const ofstedCodeFault = (list: ReasonList, code: string | null | undefined): string | null =>
  list === 'dropout' || !code
    ? null
    : "Only a drop-out reason carries an Ofsted withdrawal code (AW0 to AW5): map a leaving reason to Ofsted's deregistration categories in Settings.";

/**
 * Why a reason's ended-by may not become `to`, or null; `reason` is null for a reason being added,
 * and `closures` counts the closures recorded with it by who ended each.
 *
 * The domain guide's table gives the default reasons' ended-by as the list the service starts
 * with; like their names, the service may change them (it may counsel out for "Household
 * circumstances changed"), under the rule below. Other stays for anyone: an import records as
 * Other a reason it does not know, whoever ended the assessment.
 *
 * A change across the Ofsted return's line (endedByFault: the service, or the applicant and lost
 * contact) while closures recorded with the reason stand on the other side would leave records the
 * engine now refuses: a correction of one by hand, or an import restating one with any change.
 * It is refused, naming how many, so the service adds a new reason instead. Closures that did not
 * fit before (stored by an older version) are not counted: the change leaves them no worse.
 */
export function reasonEndedByChangeFault(
  list: ReasonList,
  reason: { key: string; label: string; endedBy: string | null } | null,
  to: string | null,
  closures: Partial<Record<EndedBy, number>>,
): string | null {
  const next = reasonEndedBy(to);
  if (list !== 'dropout')
    return to === null ? null : 'Only a drop-out reason says who ends an assessment for it.';
  if (!reason || next === reasonEndedBy(reason.endedBy)) return null;
  if (reason.key === UNKNOWN_DROPOUT_REASON && next !== 'any')
    return `"${reason.label}" is for anyone: an import records as it any reason not in the list, whoever ended the assessment. Add a new reason instead.`;
  const misfit = ENDED_BY.filter(
    (by) =>
      (closures[by] ?? 0) > 0 &&
      !endedByFault(reason, by) &&
      endedByFault({ label: reason.label, endedBy: next }, by),
  );
  const n = misfit.reduce((sum, by) => sum + closures[by]!, 0);
  if (n === 0) return null;
  const whom = misfit.map((by) => `"${ENDED_BY_LABELS[by]}"`).join(' or ');
  return `Ended by cannot become "${REASON_ENDED_BY_LABELS[next]}": ${countOf(n, 'closure')} recorded with "${reason.label}" ${n === 1 ? 'was' : 'were'} ended by ${whom} and would no longer fit it. Add a new reason ended by "${REASON_ENDED_BY_LABELS[next]}" instead (and retire this one if no more should be recorded with it), or choose "${REASON_ENDED_BY_LABELS.any}".`;
}

/** Imported text matches a reason by label or key, ignoring case, spacing and punctuation. */
export const normaliseLabel = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A reason of a list as the core gives it out (the storage layer and the contract share it). */
export interface ReasonItem {
  list: 'dropout' | 'leaving';
  key: string;
  label: string;
  position: number;
  retired: boolean;
  ofstedCode: string | null;
  endedBy: string | null;
  /** How many records use it: a used key never changes (it never does anyway). */
  used: number;
}

/**
 * A recorded reason in words: the service's label for its key (`labels`, the reasons table Settings
 * edits), else the default list's label, never the key (an older record may hold a key the list
 * no longer has).
 */
export function reasonWords(list: ReasonList, key: string, labels: ReadonlyMap<string, string>): string {
  return (
    labels.get(key) ??
    DEFAULT_REASONS[list].find((r) => r.key === key)?.label ??
    'A reason no longer in the list'
  );
}
