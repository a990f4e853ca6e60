import type { SortColumn } from '../../domain/household-records.ts';

/**
 * The households list's order, the one rule every sorted list of households follows (the list, its
 * export, the pipeline). Each sort reads its index in the page's order (query-plan.test.ts holds
 * every walk free of a temp B-tree); these are fixed SQL fragments, never built from a user's value.
 */
const ORDER: Record<SortColumn, readonly string[]> = {
  reference: ['reference COLLATE NOCASE'],
  name: ['surname COLLATE NOCASE', 'first_name COLLATE NOCASE'],
  // A sort by a column with few values runs on by enquiry date, as its (column, enquiry_date)
  // index does: by id, SQLite sorted each value's households in a temp B-tree (a far page of
  // 100,000 households sorted by source took 0.4 s).
  pathway: ['pathway', 'enquiry_date'],
  stage: ['stage', 'enquiry_date'],
  // Days in stage grow as the stage date gets older: ascending days = descending date.
  daysInStage: ['stage_date'],
  source: ['source', 'enquiry_date'],
  enquiryDate: ['enquiry_date'],
  status: ['status', 'enquiry_date'],
  nextAlert: ['next_alert_date'],
};

/** The column each sort uses first (its index leads with it): the first word of its ORDER. */
export const SORT_LEAD = Object.fromEntries(
  Object.entries(ORDER).map(([sort, terms]) => [sort, terms[0]!.split(' ')[0]!]),
) as Record<SortColumn, string>;

/**
 * Blanks last, both ways: households with no value in the sorted column (no name, no source, no
 * alert, no enquiry date…) come after every household with one, ascending and descending alike, as
 * a spreadsheet sorts empty cells, so a page of blanks never stands before the names a worker
 * sorted by (SQLite puts NULL first ascending). The rule is the lead column's: households with the
 * same surname and no first name come first among them ascending ("Khan" before "Amira Khan"), and
 * among households with no surname (no name at all after a purge, so most of a mature file) those
 * with a first name come after those with none ascending. Each sort's index still answers either
 * walk, seeking past the NULLs and reading them after (query-plan.test.ts). `reversed`: the exact
 * opposite order, for a far page read from the other end (NULLs first), not the other direction.
 */
export function orderOf(sort: SortColumn = 'enquiryDate', dir: 'asc' | 'desc' = 'desc', reversed = false) {
  // Days in stage grow as the stage date gets older, so its order runs against the date's.
  const up = (sort === 'daysInStage' ? dir === 'desc' : dir === 'asc') !== reversed;
  const d = up ? 'ASC' : 'DESC';
  const [lead, ...rest] = ORDER[sort];
  const terms = [`${lead!} ${d} ${reversed ? 'NULLS FIRST' : 'NULLS LAST'}`, ...rest.map((t) => `${t} ${d}`)];
  return `ORDER BY ${terms.join(', ')}, id ${d}`;
}
