import type { SortColumn } from '../../domain/household-records.ts';

/**
 * The date a household's days in stage count from, the one rule for them (the list, its export,
 * the CLI, the sort): its stage date while it stands at a stage, open or approved; none once it has
 * ended. A closed household's stage is the one it reached, dated by its closure, and a ceased one's
 * by its cessation: counted, the list read "Stage 1" beside the days since a drop-out (helper-278),
 * as if the household still waited there. Migration 40's index is on this very expression (so the
 * sort reads it in order, ended households last as blanks): change both or neither.
 */
export const STANDING_SINCE = "CASE WHEN status IN ('open', 'approved') THEN stage_date END";

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
  daysInStage: [STANDING_SINCE],
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
 * Sorts whose lead column is never blank and has a handful of values (its CHECK or the summary's
 * stages), each value's households run on by enquiry date. Their page reads the value's index one
 * value at a time (leadValuesSql), so SQLite seeks past the blank enquiry dates within each value
 * as it does on a lead column, and those households (a carers register's, with no enquiry) come
 * last within their value both ways, as a spreadsheet sorts blanks in its second key; in one walk
 * of the index SQLite can put blanks last only in its first column (they came first ascending).
 */
const FEW_VALUES: ReadonlySet<SortColumn> = new Set(['pathway', 'stage', 'status']);

/**
 * For a sort by a column of few values (FEW_VALUES), a condition every household meets: the column
 * is one of the values it holds, found by one seek each (MIN, then the next above, in its index),
 * so SQLite walks the index value by value; `lead`: false where another filter's index should find
 * the rows (a '+' keeps SQLite from reading this column's index), else null for other sorts.
 */
export function leadValuesSql(sort: SortColumn = 'enquiryDate', lead = true): string | null {
  if (!FEW_VALUES.has(sort)) return null;
  const c = SORT_LEAD[sort];
  return `${lead ? '' : '+'}${c} IN (WITH RECURSIVE v(x) AS (SELECT MIN(${c}) FROM households
    UNION ALL SELECT (SELECT MIN(${c}) FROM households WHERE ${c} > x) FROM v WHERE x IS NOT NULL)
    SELECT x FROM v WHERE x IS NOT NULL)`;
}

/**
 * Blanks last, both ways: households with no value in the sorted column (no name, no source, no
 * alert, no enquiry date…) come after every household with one, ascending and descending alike, as
 * a spreadsheet sorts empty cells, so a page of blanks never stands before the names a worker
 * sorted by (SQLite puts NULL first ascending). The rule is the lead column's (the enquiry date's
 * after a column of few values, FEW_VALUES): households with the same surname and no first name
 * come first among them ascending ("Khan" before "Amira Khan"), among households with no surname
 * (no name at all after a purge, so most of a mature file) those with a first name come after
 * those with none ascending, and within a source those with no enquiry date come first ascending
 * (source has blanks of its own, so its walk cannot also seek past the dates'; nor can a name's, of
 * a surname's many values, be read value by value). Each sort's index still answers either
 * walk, seeking past the NULLs and reading them after (query-plan.test.ts). `reversed`: the exact
 * opposite order, for a far page read from the other end (NULLs first), not the other direction.
 */
export function orderOf(sort: SortColumn = 'enquiryDate', dir: 'asc' | 'desc' = 'desc', reversed = false) {
  // Days in stage grow as the stage date gets older, so its order runs against the date's.
  const up = (sort === 'daysInStage' ? dir === 'desc' : dir === 'asc') !== reversed;
  const d = up ? 'ASC' : 'DESC';
  const [lead, ...rest] = ORDER[sort];
  const blanks = reversed ? 'NULLS FIRST' : 'NULLS LAST';
  // A column of few values is never blank: its blanks rule falls to the enquiry date after it.
  const terms = FEW_VALUES.has(sort)
    ? [`${lead!} ${d}`, ...rest.map((t) => `${t} ${d} ${blanks}`)]
    : [`${lead!} ${d} ${blanks}`, ...rest.map((t) => `${t} ${d}`)];
  return `ORDER BY ${terms.join(', ')}, id ${d}`;
}

/**
 * Each pipeline column: longest in the stage first, as the list sorted by days in stage, and by
 * its rule: a household with no stage date (an enquiry with no date) last, not at the top. Its
 * households are all open, so they count from the stage date itself, which
 * households_by_status_stage (status, stage, stage_date) reads in order within the stage.
 */
export const PIPELINE_ORDER = orderOf('daysInStage', 'desc').replace(STANDING_SINCE, 'stage_date');
