import type { Db } from '../db/open.ts';
import { firstRecordedOn } from '../db/queries/ofsted.ts';
import { formatUkDate, type IsoDate } from '../domain/dates.ts';

/**
 * A line under a table whose range begins before the records do: the recruitment table from
 * 2019/20 printed plain 0s for the two years before the first record (01/04/2021), which a report
 * could publish as that year's counts (helper-244). The first record is any household's first
 * milestone or dated step (a carers register's old approvals among them), read from the start of
 * each step's index. The Ofsted return says so for its one year, and for each pathway, itself
 * (reports/ofsted.ts recordsNotes).
 */
export function recordsBeginNotes(db: Db, from: IsoDate): string[] {
  const first = firstRecordedOn(db);
  if (first === null)
    return ["No household's journey is recorded yet: the 0s are for want of records, not counts."];
  if (first <= from) return [];
  return [
    `The records begin on ${formatUkDate(first)}: a 0 before that day is for want of records, not a count.`,
  ];
}
