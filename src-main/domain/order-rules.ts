import { addDays, formatUkDate, type IsoDate } from './dates.ts';
import { MILESTONE_LABELS, MILESTONES, type ExitInterviewStatus, type Milestone } from './stages.ts';
import { givenInInterview, interviewHeldAfter, type ReasonList } from './reasons.ts';
import { orList } from './words.ts';

/**
 * The order rules of the journey, in one place (the UI, the import and the CLI all call it):
 * enquiry ≤ EOI ≤ Stage 1 ≤ Stage 2 ≤ panel ≤ approval, the initial visit after the
 * enquiry, and no date in the future. Stage 1 and Stage 2 may overlap, so only a Stage 2
 * start before the Stage 1 start is wrong.
 */
export interface OrderViolation {
  /** The milestone whose date is wrong. */
  field: Milestone;
  message: string;
}

/**
 * Each milestone must not be earlier than these, nearest first: every milestone before it in
 * the journey's order (domain/stages.ts), except the optional initial visit, which only has
 * to follow the enquiry and constrains nothing after it.
 */
const MUST_FOLLOW = Object.fromEntries(
  MILESTONES.map((m, i): [Milestone, readonly Milestone[]] => [
    m,
    m === 'initial_visit'
      ? ['enquiry']
      : MILESTONES.slice(0, i)
          .filter((x) => x !== 'initial_visit')
          .reverse(),
  ]),
) as Record<Milestone, readonly Milestone[]>;

export type MilestoneDates = Partial<Record<Milestone, IsoDate | null | undefined>>;

/** MUST_FOLLOW's milestones in its order, listed once (an import checks every row). */
const FOLLOWING = Object.keys(MUST_FOLLOW) as Milestone[];

export function checkMilestoneOrder(dates: MilestoneDates, today: IsoDate): OrderViolation[] {
  const out: OrderViolation[] = [];
  for (const field of FOLLOWING) {
    const date = dates[field];
    if (!date) continue;
    if (date > today) {
      out.push({ field, message: `${MILESTONE_LABELS[field]} date ${formatUkDate(date)} is in the future.` });
      continue;
    }
    // The nearest earlier milestone that has a date is the one to compare with.
    const before = MUST_FOLLOW[field].find((m) => dates[m]);
    const beforeDate = before ? dates[before] : null;
    if (before && beforeDate && date < beforeDate) {
      out.push({
        field,
        message: `${MILESTONE_LABELS[field]} date ${formatUkDate(date)} is before the ${MILESTONE_LABELS[before]} date ${formatUkDate(beforeDate)}.`,
      });
    }
  }
  return out;
}

/** A closure or cessation cannot come before the last milestone it follows, nor after today. */
export function checkEndDate(
  label: string,
  date: IsoDate,
  latest: { kind: Milestone; date: IsoDate } | null,
  today: IsoDate,
): string | null {
  if (date > today) return `${label} date ${formatUkDate(date)} is in the future.`;
  if (latest && date < latest.date) {
    return `${label} date ${formatUkDate(date)} is before the ${MILESTONE_LABELS[latest.kind]} date ${formatUkDate(latest.date)}.`;
  }
  return null;
}

/**
 * An enquiry's first response ("Enquiry answered"): on or after the enquiry, not in the future. One
 * rule for a response recorded by hand and one a file brings.
 */
export const responseFault = (date: IsoDate, enquiry: IsoDate | undefined, today: IsoDate): string | null =>
  checkEndDate('Response', date, enquiry ? { kind: 'enquiry', date: enquiry } : null, today);

/** A resignation takes effect this many days after written notice (domain brief, Timescales). */
export const RESIGNATION_NOTICE_DAYS = 28;

/**
 * A cessation: after approval; the notice not in the future and not before approval; a carer's
 * resignation takes effect 28 days after notice (so not earlier), and may lie up to then in the future.
 * Returns the field at fault and why, or null.
 */
export function checkCessation(
  c: { date: IsoDate; noticeDate: IsoDate | null; initiatedBy: 'carer' | 'service' },
  approval: IsoDate | null,
  today: IsoDate,
): { field: 'date' | 'noticeDate'; message: string } | null {
  if (!approval) return { field: 'date', message: 'Only an approved household can cease to foster.' };
  if (c.noticeDate) {
    if (c.noticeDate > today)
      return { field: 'noticeDate', message: `Notice date ${formatUkDate(c.noticeDate)} is in the future.` };
    if (c.noticeDate < approval)
      return {
        field: 'noticeDate',
        message: `Notice date ${formatUkDate(c.noticeDate)} is before the approval date ${formatUkDate(approval)}.`,
      };
  }
  const effective = c.noticeDate ? addDays(c.noticeDate, RESIGNATION_NOTICE_DAYS) : null;
  if (c.initiatedBy === 'carer' && effective && c.date < effective) {
    return {
      field: 'date',
      message: `A resignation takes effect ${RESIGNATION_NOTICE_DAYS} days after notice: not before ${formatUkDate(effective)}.`,
    };
  }
  const latestAllowed = effective && effective > today ? effective : today;
  if (c.date > latestAllowed)
    return { field: 'date', message: `Date ${formatUkDate(c.date)} is in the future.` };
  if (c.date < approval)
    return {
      field: 'date',
      message: `Date ${formatUkDate(c.date)} is before the approval date ${formatUkDate(approval)}.`,
    };
  return null;
}

/**
 * The first day an exit interview after an ending may be offered or held: the ending's date, or for
 * a cessation whose written notice is recorded, the notice date. A resignation takes effect 28 days
 * after notice (reg 28(13)), and a service holds the interview during the notice, while the carer
 * is still theirs; the cessation is recorded when notice is given, its date the day it takes effect.
 */
export function exitInterviewFrom(ending: { date: IsoDate; noticeDate?: IsoDate | null }): {
  date: IsoDate;
  what: string;
} {
  const notice = ending.noticeDate;
  return notice && notice < ending.date
    ? { date: notice, what: 'the notice given' }
    : { date: ending.date, what: 'the ending' };
}

/**
 * The reasons an exit interview gave, as stored: only a held one gave any. A declined or offered
 * interview said nothing, so reasons ticked for one (ticked, then the status changed) are personal
 * data that mean nothing: they are not stored (as no held date or held by is for one), never
 * counted, never shown. Every writer of an interview's reasons goes through this: the record's
 * save and the sample generator.
 */
export const reasonsGiven = (status: ExitInterviewStatus, reasons: readonly string[]): string[] =>
  status === 'held' ? [...new Set(reasons)] : [];

/**
 * A closure corrected to an ending no interview can follow held (interviewHeldAfter: lost contact)
 * while its exit interview is stored as held: the applicant came to it, so contact was not lost
 * (helper-274: the interview form refused "held" after lost contact, but a correction of who ended
 * the closure made the same pair). A closure that ended so already, with its interview held before
 * the rule, keeps both, as checkExitInterview keeps such an interview.
 */
export function endedByInterviewFault(
  endedBy: string,
  was: string | null | undefined,
  interview: ExitInterviewStatus | null | undefined,
): string | null {
  if (interview !== 'held' || interviewHeldAfter(endedBy) || !interviewHeldAfter(was)) return null;
  return 'An exit interview was held after this closure, so contact was not lost: choose who ended it, or first record the interview as offered or declined.';
}

/** One field of an exit interview at fault, and why (checkExitInterview gives every one at once). */
export interface InterviewFault {
  field: string;
  message: string;
}

/**
 * An exit interview: offered on or after the ending (exitInterviewFrom: for a resignation, from its
 * notice), held on or after the offer, neither in the future; not held after a closure ended by lost
 * contact (interviewHeldAfter), and a held one gives no reason that says contact was lost
 * (givenInInterview), but for what it already `holds`. Every field at fault, each once with its
 * first fault, so a form says them all at one Save; none: it may be stored.
 */
export function checkExitInterview(
  i: {
    status: ExitInterviewStatus;
    offeredDate: IsoDate | null;
    heldDate: IsoDate | null;
    reasons?: readonly string[];
  },
  ending: { date: IsoDate; noticeDate?: IsoDate | null; list?: ReasonList; endedBy?: string | null },
  today: IsoDate,
  /**
   * What the interview already holds, as stored: its status and reasons stand (saved before the
   * rule), as a retired reason does, so a saved record is never made unsaveable.
   */
  holds: { status?: ExitInterviewStatus | null; reasons?: readonly string[] } = {},
): InterviewFault[] {
  const out: InterviewFault[] = [];
  if (i.status === 'held' && !interviewHeldAfter(ending.endedBy) && holds.status !== 'held')
    out.push({
      field: 'status',
      message:
        'An interview cannot be held after a closure ended by lost contact: the applicant could not be reached. Record it as offered or declined, or if they came to one, first correct who ended the closure.',
    });
  const from = exitInterviewFrom(ending);
  const offered = i.offeredDate;
  if (offered) {
    if (offered > today)
      out.push({ field: 'offeredDate', message: `Offered date ${formatUkDate(offered)} is in the future.` });
    else if (offered < from.date)
      out.push({
        field: 'offeredDate',
        message: `Offered date ${formatUkDate(offered)} is before ${from.what} on ${formatUkDate(from.date)}.`,
      });
  }
  if (i.status === 'held' && !i.heldDate)
    out.push({ field: 'heldDate', message: 'Give the date the interview was held.' });
  if (i.heldDate) {
    const after = offered ? { date: offered, what: 'the offer' } : from;
    if (i.heldDate > today)
      out.push({ field: 'heldDate', message: `Held date ${formatUkDate(i.heldDate)} is in the future.` });
    else if (i.heldDate < after.date)
      out.push({
        field: 'heldDate',
        message: `Held date ${formatUkDate(i.heldDate)} is before ${after.what} on ${formatUkDate(after.date)}.`,
      });
  }
  const list = ending.list;
  if (i.status === 'held' && list)
    (i.reasons ?? []).forEach((key, n) => {
      if (!givenInInterview(list, key) && !(holds.reasons ?? []).includes(key))
        out.push({
          field: `reasons.${n}`,
          message:
            'An interview held cannot give lost contact as a reason: the applicant was in contact. Untick it, or choose what they said.',
        });
    });
  return out;
}

/** No milestone comes after the cessation that ended the approval (a cessation follows its approval). */
export function checkBeforeCessation(
  kind: Milestone,
  date: IsoDate,
  cessationDate: IsoDate | null,
): string | null {
  return cessationDate && date > cessationDate
    ? `${MILESTONE_LABELS[kind]} cannot come after the cessation on ${formatUkDate(cessationDate)}.`
    : null;
}

/** A milestone of a closed episode cannot be moved after the closure that ended it. */
export function checkBeforeClosure(
  kind: Milestone,
  date: IsoDate,
  closureDate: IsoDate | null,
): string | null {
  return closureDate && date > closureDate
    ? `${MILESTONE_LABELS[kind]} cannot come after the closure on ${formatUkDate(closureDate)}.`
    : null;
}

/** A re-opening starts with a new enquiry: not in the future, not before the closure it follows. */
export function checkReopen(
  enquiryDate: IsoDate,
  closureDate: IsoDate,
  today: IsoDate,
  lastSwitchOn?: IsoDate | null,
): string | null {
  if (enquiryDate > today) return `New enquiry date ${formatUkDate(enquiryDate)} is in the future.`;
  if (enquiryDate < closureDate)
    return `The new enquiry date ${formatUkDate(enquiryDate)} is before the closure on ${formatUkDate(closureDate)}.`;
  // A pathway change recorded while closed belongs to the closed episode: a re-enquiry before it
  // would take it into the new one, which might then hold more changes than the reports count.
  if (lastSwitchOn && enquiryDate < lastSwitchOn)
    return `The new enquiry date ${formatUkDate(enquiryDate)} is before the pathway change recorded on ${formatUkDate(lastSwitchOn)}: a new episode starts on or after the last change.`;
  return null;
}

/**
 * The journey's steps before `kind` that have no date: EOI, Stage 1, Stage 2, panel (never the
 * optional initial visit). A later step is accepted without them, as imports and old records have
 * gaps, but a person typing it is told, so a step that happened is recorded (the reports count each
 * step only from its own date). On the kinship journey the viability request stands as the
 * application (Stage 1) and there is no EOI.
 */
export function stepsMissingBefore(
  kind: Milestone,
  dates: MilestoneDates,
  kinship: { application: IsoDate | null } | null,
): Milestone[] {
  return MILESTONES.slice(0, MILESTONES.indexOf(kind)).filter(
    (m) =>
      m !== 'initial_visit' &&
      !dates[m] &&
      !(kinship && (m === 'eoi' || (m === 'stage1' && kinship.application))),
  );
}

/**
 * What a person recording `kind` by hand is told of the steps before it with no date. On the kinship
 * journey Stage 1 is named as the viability request, the step that stands as it there.
 */
export function missingStepsWarning(
  kind: Milestone,
  missing: readonly Milestone[],
  kinship = false,
): string | null {
  if (missing.length === 0) return null;
  const names = missing.map((m) =>
    kinship && m === 'stage1' ? `viability request (${MILESTONE_LABELS.stage1})` : MILESTONE_LABELS[m],
  );
  const list = orList(names);
  const one = missing.length === 1;
  return `${MILESTONE_LABELS[kind]} with no ${list} date before it: if ${one ? 'that step' : 'those steps'} happened, record ${one ? 'it' : 'them'} too, or the reports will not count ${one ? 'it' : 'them'}.`;
}

/**
 * The same, said of a household's record (its current episode's milestones; on the kinship journey
 * its application): the screen says it as the milestone is chosen, the CLI once it is recorded.
 */
export function missingStepsOfRecord(
  kind: Milestone,
  r: {
    episode: number;
    milestones: ReadonlyArray<{ kind: Milestone; date: IsoDate; episode: number }>;
    followsKinship: boolean;
    kinshipApplication: IsoDate | null;
  },
): string | null {
  const dates: MilestoneDates = Object.fromEntries(
    r.milestones.filter((m) => m.episode === r.episode).map((m) => [m.kind, m.date]),
  );
  const kinship = r.followsKinship ? { application: r.kinshipApplication } : null;
  return missingStepsWarning(kind, stepsMissingBefore(kind, dates, kinship), kinship !== null);
}
