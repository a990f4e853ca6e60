import { useEffect, useState } from 'react';
import { STAGE_FILTERS } from '../../../src-main/contract/vocab.ts';
import { PATHWAYS, SOURCES, STATUSES, fyLabel, fyOf } from '../../../src-main/contract/vocab.ts';
import { FilterSelect } from './FilterSelect.tsx';
import { pathwayLabel, stageLabel, STATUS_LABELS, todayIso } from './format.ts';
import type { Filter } from './list-filter.ts';

/** Financial years offered: this one and the seven before. */
function recentYears(): string[] {
  const start = Number(fyOf(todayIso()).slice(0, 4));
  return Array.from({ length: 8 }, (_, i) => fyLabel(start - i));
}

/**
 * The list's search box and filters, with the export buttons (they export what the filters show).
 * The search waits for a pause in typing, so it does not send a query per key.
 */
export function HouseholdFilters(props: {
  filter: Filter;
  onChange(patch: Partial<Filter>): void;
  exporting: boolean;
  onExport(format: 'xlsx' | 'csv'): void;
}) {
  const { filter, onChange } = props;
  const [searchText, setSearchText] = useState(filter.search ?? '');
  useEffect(() => {
    const t = setTimeout(() => {
      const search = searchText.trim() || undefined;
      if (search !== filter.search) onChange({ search });
    }, 250);
    return () => clearTimeout(t);
  }, [searchText, filter.search, onChange]);

  return (
    <form className="hh-filters" role="search" aria-label="Households" onSubmit={(e) => e.preventDefault()}>
      <div className="hh-field">
        <label htmlFor="hh-search">Search</label>
        <input
          autoComplete="off"
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
      <FilterSelect
        label="Stage"
        value={filter.stage}
        onChange={(v) => onChange({ stage: v as Filter['stage'] })}
        options={STAGE_FILTERS.map((s) => [s, stageLabel(s)])}
      />
      <FilterSelect
        label="Status"
        value={filter.status}
        onChange={(v) => onChange({ status: v as Filter['status'] })}
        options={STATUSES.map((s) => [s, STATUS_LABELS[s]])}
      />
      <FilterSelect
        label="Pathway"
        value={filter.pathway}
        onChange={(v) => onChange({ pathway: v as Filter['pathway'] })}
        options={PATHWAYS.map((p) => [p, pathwayLabel(p)])}
      />
      <FilterSelect
        label="Source"
        value={filter.source}
        onChange={(v) => onChange({ source: v })}
        options={SOURCES.map((s) => [s.key, s.label])}
      />
      <FilterSelect
        label="Enquiry year"
        value={filter.fy}
        onChange={(v) => onChange({ fy: v })}
        options={recentYears().map((y) => [y, y])}
      />
      <div className="hh-field hh-check">
        <input
          id="hh-overdue"
          type="checkbox"
          checked={filter.overdue === true}
          onChange={(e) => onChange({ overdue: e.target.checked ? true : undefined })}
        />
        <label htmlFor="hh-overdue">Overdue alert only</label>
      </div>
      <div className="hh-export">
        {(['xlsx', 'csv'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="secondary"
            disabled={props.exporting}
            onClick={() => props.onExport(format)}
          >
            Export {format}
          </button>
        ))}
      </div>
    </form>
  );
}
