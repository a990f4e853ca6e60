import type { Db } from '../db/open.ts';
import { firstRecordedOn, firstRecordedOnPathway } from '../db/queries/ofsted.ts';
import { formatUkDate, type IsoDate } from '../domain/dates.ts';
import { PATHWAY_LABELS, type Pathway } from '../domain/stages.ts';

/**
 * A line under a table whose range begins before the records do: the recruitment table from
 * 2019/20 printed plain 0s for the two years before the first record (01/04/2021), which a report
 * could publish as that year's counts (helper-244). The first record is any household's first
 * milestone or dated step (a carers register's old approvals among them), read from the start of
 * each step's index; for one pathway's table, the first on that pathway up to the range's end
 * (kinship assessments kept elsewhere at first: helper-233, helper-249). The Ofsted return says
 * so for its one year, and for each pathway, itself (reports/ofsted.ts recordsNotes).
 */
export function recordsBeginNotes(
  db: Db,
  range: { from: IsoDate; to: IsoDate },
  pathway: Pathway | 'all',
): string[] {
  const first = pathway === 'all' ? firstRecordedOn(db) : firstRecordedOnPathway(db, pathway, range.to);
  const which = pathway === 'all' ? '' : `${PATHWAY_LABELS[pathway].toLowerCase()} `;
  if (first === null)
    return [
      pathway === 'all'
        ? "No household's journey is recorded yet: the 0s are for want of records, not counts."
        : `No ${which}household's journey is recorded up to the end of the period: its 0s are for want of records, not counts.`,
    ];
  if (first <= range.from) return [];
  return [
    `The ${which}records begin on ${formatUkDate(first)}: a figure before that day is 0 for want of records, not a count.`,
  ];
}
