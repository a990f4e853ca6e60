import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { HouseholdListRow, ListFilter } from '../../../src-main/contract/households.ts';
import { call } from '../api.ts';
import { ROW_HEIGHT } from './list-columns.ts';

const PAGE = 100;

/**
 * The list's rows, fetched a page at a time as they scroll into view (a million households never
 * load at once). A new query starts from the top with an empty cache; a reply to an older query is
 * dropped, so a fast change of filter never shows stale rows.
 */
export function useHouseholdPages(query: ListFilter, scroller: RefObject<HTMLDivElement | null>) {
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, HouseholdListRow[]>>(new Map());
  // News for Announced: a new object for each failure (a page read, an export), so the same words
  // failing again (a filter changed, Export pressed again) are said again.
  const [failure, setFailure] = useState<{ text: string } | null>(null);
  const loading = useRef(new Set<number>());
  const generation = useRef(0);

  const loadPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const res = await call('households.listHouseholds', { ...query, offset: page * PAGE, limit: PAGE });
        if (gen !== generation.current) return;
        setTotal(res.total);
        setPages((p) => new Map(p).set(page, res.rows));
        setFailure(null);
      } catch (e) {
        if (gen === generation.current) setFailure({ text: (e as Error).message });
      } finally {
        loading.current.delete(page);
      }
    },
    [query],
  );

  useEffect(() => {
    generation.current++;
    loading.current.clear();
    setPages(new Map());
    scroller.current?.scrollTo({ top: 0 });
    void loadPage(0, generation.current);
  }, [loadPage, scroller]);

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
  return { total, failure, setFailure, items, totalSize: virtualizer.getTotalSize(), rowAt };
}
