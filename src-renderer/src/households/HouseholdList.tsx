import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SortColumn } from '../../../src-main/contract/households.ts';
import { countOf } from '../../../src-main/contract/vocab.ts';
import { Announced } from '../ui/Announced.tsx';
import { useFocusReturn } from '../ui/use-focus-if-lost.ts';
import { call, saveBytes } from '../api.ts';
import { HouseholdFilters } from './HouseholdFilters.tsx';
import { HouseholdListHead } from './HouseholdListHead.tsx';
import { HouseholdCells } from './HouseholdCells.tsx';
import { COLUMNS, gridColumns, minWidth, ROW_HEIGHT, type Sort } from './list-columns.ts';
import { listParams, type Filter } from './list-filter.ts';
import { keepOffAddress, navigate, replaceParams } from '../routes.ts';
import { Dashboard } from './Dashboard.tsx';
import { useHouseholdPages } from './use-household-pages.ts';
import { useReferenceWidth } from './use-reference-width.ts';

export { filterFromParams, sortFromParams } from './list-filter.ts';

/** Every household, filtered and sorted by the core, in a virtual table that loads rows as they scroll in. */
/** Whether the list is narrowed by a search or a filter (else an empty list means an empty database). */
const narrowed = (f: Filter) => Object.values(f).some((v) => v !== undefined && v !== '' && v !== false);
const noneShown = (f: Filter) =>
  narrowed(f) ? 'No households match the search and filters.' : 'No households yet.';

export function HouseholdList({ initial, initialSort }: { initial: Filter; initialSort: Sort }) {
  const [filter, setFilter] = useState<Filter>(initial);
  const [sort, setSort] = useState<Sort>(initialSort);
  // Its filters and sort are kept in the address, so a reload or Back from a record finds them again;
  // its search only in memory, for Back (an address goes into the browser's history).
  useEffect(() => {
    replaceParams('households', listParams(filter, sort));
    keepOffAddress(filter.search);
  }, [filter, sort]);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const query = useMemo(() => ({ ...filter, ...sort }), [filter, sort]);
  const { total, failure, setFailure, items, totalSize, rowAt } = useHouseholdPages(query, scroller);
  const reference = useReferenceWidth(scroller);
  const grid = gridColumns(reference);

  const narrow = useCallback((patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch })), []);
  // A sort chosen is said in the count line, which a screen reader reads out: aria-sort on the
  // column heading is not announced when it changes (helper-247).
  const [sortChosen, setSortChosen] = useState(false);
  const toggleSort = (key: SortColumn) => {
    setSortChosen(true);
    setSort((s) =>
      s.sort === key ? { sort: key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { sort: key, dir: 'asc' },
    );
  };
  const sortWords = sortChosen
    ? `, sorted by ${COLUMNS.find((c) => c.key === sort.sort)?.label ?? sort.sort}, ${sort.dir === 'asc' ? 'ascending' : 'descending'}`
    : '';
  const returnFocus = useFocusReturn(exporting);
  const doExport = async (format: 'xlsx' | 'csv') => {
    returnFocus();
    setExporting(true);
    setExported('');
    try {
      const file = await call('households.exportList', { ...query, format });
      saveBytes(file.fileName, file.base64, file.mime);
      setExported(`Exported ${countOf(file.rows, 'household')} to ${file.fileName}.`);
    } catch (e) {
      setFailure({ text: (e as Error).message });
    } finally {
      setExporting(false);
    }
  };

  // The count above the list is of the list's pathway, and so is the list it opens.
  const pathway = filter.pathway;
  const showOverdue = () => navigate('households', pathway ? { pathway, overdue: '1' } : { overdue: '1' });

  return (
    <div className="hh-list">
      <Dashboard pathway={pathway} onShowOverdue={showOverdue} />
      <HouseholdFilters
        filter={filter}
        onChange={narrow}
        exporting={exporting}
        onExport={(f) => void doExport(f)}
      />
      <p role="status" className="hh-count">
        {total === null ? 'Loading…' : total > 0 ? countOf(total, 'household') : noneShown(filter)}
        {total !== null && total > 0 && sortWords && <span className="visually-hidden">{sortWords}</span>}
        {exported && ` ${exported}`}
      </p>
      {total === 0 && !narrowed(filter) && (
        <p className="hh-empty">
          <a href="#/import">Import an enquiry export</a>,{' '}
          <a href="#/households?view=add">add a household by hand</a>, or try the sample data in{' '}
          <a href="#/settings">Settings</a>.
        </p>
      )}
      {failure && (
        <p role="alert" className="error">
          <Announced news={failure} />
        </p>
      )}
      <div role="table" aria-label="Households" aria-rowcount={(total ?? 0) + 1} className="hh-table">
        <HouseholdListHead sort={sort} onSort={toggleSort} grid={grid} minWidth={minWidth(reference)} />
        <div
          ref={scroller}
          className="hh-scroll"
          style={{ minWidth: minWidth(reference) }}
          tabIndex={0}
          aria-label="Household rows (scroll)"
          role="rowgroup"
        >
          <div style={{ height: totalSize, position: 'relative' }}>
            {items.map((v) => {
              const r = rowAt(v.index);
              return (
                <div
                  role="row"
                  aria-rowindex={v.index + 2}
                  key={v.key}
                  className={`hh-row${r?.overdue ? ' hh-overdue' : ''}`}
                  style={{
                    gridTemplateColumns: grid,
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${v.start}px)`,
                  }}
                >
                  {r ? (
                    <HouseholdCells r={r} />
                  ) : (
                    <span role="cell" className="hint">
                      Loading…
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
