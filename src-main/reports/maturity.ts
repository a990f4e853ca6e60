import type { ReportColumn, ReportDefinition } from '../contract/reports.ts';
import { daysBetween, type IsoDate } from '../domain/dates.ts';
import type { Period } from './period.ts';
import { percentiles } from './shape.ts';

/**
 * When a cohort (the households enquiring in a period) is "immature": the one rule for every table
 * that follows enquirers to today (the cohort table, and the sources table's rates to approval, of
 * the same episodes), so the two never disagree about a period.
 */

/** One enquiry day's members (of one source, say: a day may come in several parts). */
export interface EnquiryDay {
  d: IsoDate;
  households: number;
  /** Neither approved nor closed today. */
  open: number;
  /** Days from the enquiry to the approval itself, of each member approved. */
  daysToApproval: readonly number[];
}

export const IMMATURE_DEFINITION: ReportDefinition = {
  key: 'immature',
  label: 'Immature cohort',
  text: 'A period’s enquirers are an immature cohort while one of them still open (neither approved nor closed) enquired fewer days ago than the median time from enquiry to approval of all the periods shown: they have not had time to reach approval yet, so low rates to approval are not a poor result. A cohort whose members have all finished (approved or closed) is not immature: its rates are final. A period with no enquirers is immature while it is less than that median behind today (more may yet enquire in it).',
};

/** The columns, each marked `immature` by the rule above; `column` names the period of an enquiry day. */
export function markImmature(
  cols: readonly Period[],
  days: Iterable<EnquiryDay>,
  column: (d: IsoDate) => string,
  today: IsoDate,
): ReportColumn[] {
  const shown = new Set(cols.map((c) => c.key));
  const hist = new Map<number, number>();
  const members = new Set<string>();
  const youngestOpen = new Map<string, IsoDate>();
  for (const e of days) {
    const key = column(e.d);
    if (!shown.has(key)) continue;
    if (e.households > 0) members.add(key);
    if (e.open > 0 && e.d > (youngestOpen.get(key) ?? '')) youngestOpen.set(key, e.d);
    for (const v of e.daysToApproval) hist.set(v, (hist.get(v) ?? 0) + 1);
  }
  const median = percentiles([...hist].map(([v, n]) => ({ v, n }))).median;
  return cols.map((c) => {
    // An empty period's youngest possible enquirer is its last day (today, for one not yet over): an
    // empty quarter ten years back is not immature, an empty one now is. A period whose members have
    // all finished has nobody left to reach approval, however recent.
    const young = members.has(c.key) ? youngestOpen.get(c.key) : c.to < today ? c.to : today;
    const immature = median !== null && young !== undefined && daysBetween(young, today) < median;
    return immature ? { ...c, immature: true } : c;
  });
}
