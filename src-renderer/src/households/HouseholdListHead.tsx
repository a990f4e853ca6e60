import type { SortColumn } from '../../../src-main/contract/households.ts';
import { COLUMNS, type Sort } from './list-columns.ts';

/** The list's header row: a sortable column is a button, and says which way it is sorted. */
export function HouseholdListHead({
  sort,
  onSort,
  grid,
  minWidth,
}: {
  sort: Sort;
  onSort(key: SortColumn): void;
  /** The rows' grid template and least width (list-columns.ts), so the columns line up. */
  grid: string;
  minWidth: number;
}) {
  return (
    <div role="rowgroup" className="hh-headgroup" style={{ minWidth }}>
      <div role="row" aria-rowindex={1} className="hh-row hh-head" style={{ gridTemplateColumns: grid }}>
        {COLUMNS.map((c) =>
          c.key === 'contact' ? (
            <span role="columnheader" key={c.key}>
              {c.label}
            </span>
          ) : (
            <span
              role="columnheader"
              key={c.key}
              aria-sort={sort.sort === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              <button type="button" className="hh-sort" onClick={() => onSort(c.key as SortColumn)}>
                {c.label}
                <span aria-hidden="true">
                  {sort.sort === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </span>
              </button>
            </span>
          ),
        )}
      </div>
    </div>
  );
}
