import { formatUkDate, type IsoDate } from './dates.ts';
import { firstMilestone, type JourneyState } from './journey-state.ts';
import { checkEndDate } from './order-rules.ts';

/**
 * Why a pathway switch dated `date` cannot be recorded, or null. An episode's events count under its
 * pathway at the enquiry, and under the other one from its first switch (db/episodes.ts: the record
 * keeps the first and the last switch, `first_switched_on` and `switched_on`; db/journey-sql.ts
 * `pathwayAtSql`); switched twice, under its first pathway again from the second. So a switch is
 * never dated before the last one, and an episode switches at most twice (a kinship carer who
 * becomes a mainstream carer and back; a switch back on the same day undoes a mistaken one): a
 * third would re-file the episode's events between the second and the third, in years already
 * reported. A re-enquiry starts a new episode, which may switch again.
 *
 * Nor is a switch dated before the episode starts (its enquiry, or a carers register household's
 * approval): it would belong to no episode, and correcting the start would take it in. A household
 * with no milestone at all (an export row with none) has no episode to date one in, and its
 * switches could not be counted; by hand and by file alike it takes none until one is recorded.
 * Nor is one dated on or after a cessation: the household no longer fosters, so there is no pathway
 * to move it to (a carers register listing former carers switched them on the day of the import),
 * and one on its day would count the cessation on the other pathway (an import the day a cessation
 * was recorded did so).
 * `s.dates`: the episode's milestones as the switch finds them (an import row's own included), and
 * `s.cessation` its cessation (an import row's own, where it brings one).
 */
export function pathwaySwitchFault(
  s: Pick<JourneyState, 'reference' | 'dates' | 'lastSwitchOn' | 'episodeSwitches'> & {
    cessation: { date: IsoDate } | null;
  },
  date: IsoDate,
  today: IsoDate,
): string | null {
  const first = firstMilestone(s.dates);
  if (!first)
    return `${s.reference} has no milestone recorded: record its enquiry date first, so that the pathway change is dated within its journey.`;
  const early = checkEndDate('Pathway change', date, first, today);
  if (early) return early;
  const ceased = s.cessation?.date;
  // Nor on its day: a switch counts from its date, so the cessation would move to the other pathway.
  if (ceased && date >= ceased)
    return `${s.reference} ceased fostering on ${formatUkDate(ceased)}: a pathway change ${date === ceased ? 'on that day' : `after that, on ${formatUkDate(date)},`} cannot be recorded.`;
  const last = s.lastSwitchOn;
  if (last && date < last)
    return `Pathway change date ${formatUkDate(date)} is before the last change, on ${formatUkDate(last)}.`;
  const switches = s.episodeSwitches ?? [];
  if (switches.length >= 2)
    return `${s.reference} has already changed pathway twice in this episode, on ${formatUkDate(switches[0]!)} and ${formatUkDate(switches[switches.length - 1]!)}: a third change, on ${formatUkDate(date)}, cannot be recorded, because the reports count an episode's events on at most two changes, so that the years already reported keep their counts. A new enquiry (re-opening after a closure) starts a new episode, which may change pathway again.`;
  return null;
}

/**
 * The date an import records a pathway switch on. A file says where a household stands, not since
 * when, so a known household's switch is dated the day of the import; but a row that re-opens it
 * is a new enquiry on the file's pathway, and the new episode starts on it: the switch is dated its
 * enquiry (db/episodes.ts counts a switch on an episode's enquiry day as that episode's own, so the
 * episode closed before keeps its pathway). Not before a switch already recorded (pathwaySwitchFault).
 */
export function importSwitchDate(
  reopenOn: IsoDate | null,
  lastSwitchOn: IsoDate | null | undefined,
  today: IsoDate,
): IsoDate {
  return reopenOn && !(lastSwitchOn && reopenOn < lastSwitchOn) ? reopenOn : today;
}
