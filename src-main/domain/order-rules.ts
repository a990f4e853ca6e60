import { formatUkDate, type IsoDate } from './dates.ts';
import { MILESTONE_LABELS, type Milestone } from './stages.ts';

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

/** Each milestone must not be earlier than these ones. */
const MUST_FOLLOW: Record<Milestone, readonly Milestone[]> = {
  enquiry: [],
  initial_visit: ['enquiry'],
  eoi: ['enquiry'],
  stage1: ['eoi', 'enquiry'],
  stage2: ['stage1', 'eoi', 'enquiry'],
  panel: ['stage2', 'stage1', 'eoi', 'enquiry'],
  approval: ['panel', 'stage2', 'stage1', 'eoi', 'enquiry'],
};

export type MilestoneDates = Partial<Record<Milestone, IsoDate | null | undefined>>;

export function checkMilestoneOrder(dates: MilestoneDates, today: IsoDate): OrderViolation[] {
  const out: OrderViolation[] = [];
  for (const field of Object.keys(MUST_FOLLOW) as Milestone[]) {
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
