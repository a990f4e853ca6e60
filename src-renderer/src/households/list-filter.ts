import type { ListFilter, SortColumn } from '../../../src-main/contract/households.ts';
import {
  isFinancialYear,
  PATHWAYS,
  SORT_COLUMNS,
  STAGE_FILTERS,
  STATUSES,
  TEXT_LIMITS,
} from '../../../src-main/contract/vocab.ts';
import type { Sort } from './list-columns.ts';

/** What the list is narrowed to (the sort is kept apart: a new filter keeps the sort). */
export type Filter = Omit<ListFilter, 'sort' | 'dir'>;

/**
 * The values each filter takes, by the rules the core's list filter checks them with
 * (contract/households.ts listFilter: the same vocabulary, limit and year rule). A value it
 * does not (pathway=all, the Reports screen's own; a typing slip) is dropped, as an unknown sort
 * is: the list stood at "Loading…" under the core's refusal in its words (helper-248).
 */
const TAKEN: Record<'stage' | 'status' | 'pathway' | 'source' | 'fy', (v: string) => boolean> = {
  stage: (v) => (STAGE_FILTERS as readonly string[]).includes(v),
  status: (v) => (STATUSES as readonly string[]).includes(v),
  pathway: (v) => (PATHWAYS as readonly string[]).includes(v),
  source: (v) => v.length <= TEXT_LIMITS.source,
  fy: isFinancialYear,
};

/**
 * The filters a URL can carry (report drill-downs link here with them). Never the search: it is
 * usually a person's name, and an address goes into the browser's history, out of erasure's reach
 * (routes.ts keepOffAddress holds it instead).
 */
export function filterFromParams(params: URLSearchParams): Filter {
  const f: Filter = {};
  for (const k of ['stage', 'status', 'pathway', 'source', 'fy'] as const) {
    const v = params.get(k);
    if (v && TAKEN[k](v)) (f as Record<string, string>)[k] = v;
  }
  if (params.get('overdue') === '1') f.overdue = true;
  return f;
}

/** The list's order as the URL carries it (`sort=name&dir=desc`); newest enquiry first unless said. */
export function sortFromParams(params: URLSearchParams): Sort {
  const sort = params.get('sort');
  if (!sort || !(SORT_COLUMNS as readonly string[]).includes(sort))
    return { sort: 'enquiryDate', dir: 'desc' };
  return { sort: sort as SortColumn, dir: params.get('dir') === 'desc' ? 'desc' : 'asc' };
}

/** The URL's parameters for what the list shows, the search left out: the other half of filterFromParams and sortFromParams. */
export function listParams(filter: Filter, sort: Sort): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) if (k !== 'search' && typeof v === 'string' && v) out[k] = v;
  if (filter.overdue) out.overdue = '1';
  if (sort.sort !== 'enquiryDate' || sort.dir !== 'desc')
    Object.assign(out, { sort: sort.sort, dir: sort.dir });
  return out;
}
