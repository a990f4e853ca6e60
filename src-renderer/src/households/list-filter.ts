import type { ListFilter } from '../../../src-main/contract/households.ts';

/** What the list is narrowed to (the sort is kept apart: a new filter keeps the sort). */
export type Filter = Omit<ListFilter, 'sort' | 'dir'>;

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
