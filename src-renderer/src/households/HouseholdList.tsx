import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  STAGE_FILTERS,
  type HouseholdListRow,
  type ListFilter,
  type SortColumn,
} from '../../../src-main/contract/households.ts';
import { SOURCES, sourceLabel, fyOf, fyLabel } from '../../../src-main/contract/vocab.ts';
import { call, saveBytes } from '../api.ts';
import { alertLabel, pathwayLabel, stageLabel, STATUS_LABELS, todayIso, uk } from './format.ts';

const PAGE = 100;
const ROW_HEIGHT = 36;

type Filter = Omit<ListFilter, 'sort' | 'dir'>;

const COLUMNS: Array<{ key: SortColumn | 'contact' | 'reason'; label: string; width: string }> = [
  { key: 'reference', label: 'Reference', width: '110px' },
  { key: 'name', label: 'Name', width: '1.4fr' },
  { key: 'contact', label: 'Contact', width: '1.4fr' },
  { key: 'pathway', label: 'Pathway', width: '100px' },
  { key: 'stage', label: 'Stage', width: '90px' },
  { key: 'daysInStage', label: 'Days in stage', width: '112px' },
  { key: 'source', label: 'Source', width: '1fr' },
  { key: 'enquiryDate', label: 'Enquiry', width: '100px' },
  { key: 'status', label: 'Status', width: '90px' },
  { key: 'reason', label: 'Reason', width: '1.2fr' },
  { key: 'nextAlert', label: 'Next alert', width: '1.3fr' },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');

/** The filters a URL can carry (report drill-downs link here with them). */
export function filterFromParams(params: URLSearchParams): Filter {
  const f: Filter = {};
  for (const k of ['search', 'stage', 'status', 'pathway', 'source', 'fy'] as const) {
    const v = params.get(k);
    if (v) (f as Record<string, string>)[k] = v;
  }
  if (params.get('overdue') === '1') f.overdue = true;
  return f;
}

export function HouseholdList({ initial }: { initial: Filter }) {
  const [filter, setFilter] = useState<Filter>(initial);
  const [searchText, setSearchText] = useState(initial.search ?? '');
  const [sort, setSort] = useState<{ sort: SortColumn; dir: 'asc' | 'desc' }>({
    sort: 'enquiryDate',
    dir: 'desc',
  });
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, HouseholdListRow[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState('');
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  const query = useMemo(() => ({ ...filter, ...sort }), [filter, sort]);

  // Debounced search: typing does not send a query per key.
  useEffect(() => {
    const t = setTimeout(() => {
      setFilter((f) =>
        f.search === (searchText.trim() || undefined) ? f : { ...f, search: searchText.trim() || undefined },
      );
    }, 250);
    return () => clearTimeout(t);
  }, [searchText]);

  const loadPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const res = await call('households.listHouseholds', { ...query, offset: page * PAGE, limit: PAGE });
        if (gen !== generation.current) return;
        setTotal(res.total);
        setPages((p) => new Map(p).set(page, res.rows));
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError((e as Error).message);
      } finally {
        loading.current.delete(page);
      }
    },
    [query],
  );

  // A new filter or sort starts from the top with an empty cache.
  useEffect(() => {
    generation.current++;
    loading.current.clear();
    setPages(new Map());
    scroller.current?.scrollTo({ top: 0 });
    void loadPage(0, generation.current);
  }, [loadPage]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();

  // Fetch the pages the visible rows fall in.
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (!pages.has(p)) void loadPage(p, generation.current);
    }
  }, [first, last, pages, loadPage]);

  const rowAt = (i: number) => pages.get(Math.floor(i / PAGE))?.[i % PAGE];

  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));
  const toggleSort = (key: SortColumn) =>
    setSort((s) =>
      s.sort === key ? { sort: key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { sort: key, dir: 'asc' },
    );

  const doExport = async (format: 'xlsx' | 'csv') => {
    setExporting(true);
    setExported('');
    try {
      const file = await call('households.exportList', { ...query, format });
      saveBytes(file.fileName, file.base64, file.mime);
      setExported(`Exported ${file.rows.toLocaleString('en-GB')} households to ${file.fileName}.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const currentFy = fyOf(todayIso());
  const years = Array.from({ length: 8 }, (_, i) => fyLabel(Number(currentFy.slice(0, 4)) - i));

  return (
    <div className="hh-list">
      <form className="hh-filters" role="search" aria-label="Households" onSubmit={(e) => e.preventDefault()}>
        <div className="hh-field">
          <label htmlFor="hh-search">Search</label>
          <input
            id="hh-search"
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            aria-describedby="hh-search-hint"
          />
          <p id="hh-search-hint" className="hint">
            Start of a reference, name, email or postcode
          </p>
        </div>
        <Select
          label="Stage"
          value={filter.stage}
          onChange={(v) => set({ stage: v as Filter['stage'] })}
          options={STAGE_FILTERS.map((s) => [s, stageLabel(s)])}
        />
        <Select
          label="Status"
          value={filter.status}
          onChange={(v) => set({ status: v as Filter['status'] })}
          options={Object.entries(STATUS_LABELS)}
        />
        <Select
          label="Pathway"
          value={filter.pathway}
          onChange={(v) => set({ pathway: v as Filter['pathway'] })}
          options={[
            ['mainstream', 'Mainstream'],
            ['kinship', 'Kinship'],
          ]}
        />
        <Select
          label="Source"
          value={filter.source}
          onChange={(v) => set({ source: v })}
          options={SOURCES.map((s) => [s.key, s.label])}
        />
        <Select
          label="Enquiry year"
          value={filter.fy}
          onChange={(v) => set({ fy: v })}
          options={years.map((y) => [y, y])}
        />
        <div className="hh-field hh-check">
          <input
            id="hh-overdue"
            type="checkbox"
            checked={filter.overdue === true}
            onChange={(e) => set({ overdue: e.target.checked ? true : undefined })}
          />
          <label htmlFor="hh-overdue">Overdue alert only</label>
        </div>
        <div className="hh-export">
          <button
            type="button"
            className="secondary"
            disabled={exporting}
            onClick={() => void doExport('xlsx')}
          >
            Export xlsx
          </button>
          <button
            type="button"
            className="secondary"
            disabled={exporting}
            onClick={() => void doExport('csv')}
          >
            Export csv
          </button>
        </div>
      </form>
      <p role="status" className="hh-count">
        {total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} households`}
        {exported && ` ${exported}`}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div role="table" aria-label="Households" aria-rowcount={(total ?? 0) + 1} className="hh-table">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="hh-row hh-head" style={{ gridTemplateColumns: GRID }}>
            {COLUMNS.map((c) =>
              c.key === 'contact' || c.key === 'reason' ? (
                <span role="columnheader" key={c.key}>
                  {c.label}
                </span>
              ) : (
                <span
                  role="columnheader"
                  key={c.key}
                  aria-sort={
                    sort.sort === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  <button type="button" className="hh-sort" onClick={() => toggleSort(c.key as SortColumn)}>
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
        <div
          ref={scroller}
          className="hh-scroll"
          tabIndex={0}
          aria-label="Household rows (scroll)"
          role="rowgroup"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const r = rowAt(v.index);
              return (
                <div
                  role="row"
                  aria-rowindex={v.index + 2}
                  key={v.key}
                  className={`hh-row${r?.overdue ? ' hh-overdue' : ''}`}
                  style={{
                    gridTemplateColumns: GRID,
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${v.start}px)`,
                  }}
                >
                  {r ? (
                    <>
                      <span role="cell">
                        <a href={`#/households?id=${r.id}`}>{r.reference}</a>
                      </span>
                      <span role="cell">{r.name}</span>
                      <span role="cell" className="hh-contact">
                        {[r.email, r.telephone].filter(Boolean).join(' · ')}
                      </span>
                      <span role="cell">{pathwayLabel(r.pathway)}</span>
                      <span role="cell">{stageLabel(r.stage)}</span>
                      <span role="cell" className="num">
                        {r.daysInStage ?? ''}
                      </span>
                      <span role="cell">{sourceLabel(r.source)}</span>
                      <span role="cell">{uk(r.enquiryDate)}</span>
                      <span role="cell">{STATUS_LABELS[r.status]}</span>
                      <span role="cell">{r.reason ?? ''}</span>
                      <span role="cell">
                        {r.nextAlert && (
                          <>
                            {r.overdue && <strong className="hh-badge">Overdue</strong>}{' '}
                            {alertLabel(r.nextAlert)} {uk(r.nextAlertDate)}
                          </>
                        )}
                      </span>
                    </>
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

function Select(props: {
  label: string;
  value: string | undefined;
  onChange(v: string | undefined): void;
  options: Array<[string, string]> | ReadonlyArray<readonly [string, string]>;
}) {
  const id = `hh-filter-${props.label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <div className="hh-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || undefined)}>
        <option value="">All</option>
        {props.options.map(([k, l]) => (
          <option key={k} value={k}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
