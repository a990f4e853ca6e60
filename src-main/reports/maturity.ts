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
  text: 'A period’s enquirers are an immature cohort while one of them still open (neither approved nor closed) enquired fewer days ago than the median time from enquiry to approval of all the periods shown: they have not had time to reach approval yet, so low rates to approval are not a poor result. A cohort whose members have all finished (approved or closed) is not immature once its period is over: its rates are final. A period not yet over is immature (more may yet enquire in it), and so is one with no enquirers while its last day is less than that median behind today.',
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
    // A period not yet over may still gain enquirers (today is its youngest possible one), so it is
    // immature whoever in it has finished: the quarter in progress, its one enquirer closed, read
    // 0.0% to approval unmarked between two marked ones. An empty period's youngest possible enquirer
    // is its last day: an empty quarter ten years back is not immature. A period over whose members
    // have all finished has nobody left to reach approval, however recent.
    const young = c.to >= today ? today : members.has(c.key) ? youngestOpen.get(c.key) : c.to;
    const immature = median !== null && young !== undefined && daysBetween(young, today) < median;
    return immature ? { ...c, immature: true } : c;
  });
}
