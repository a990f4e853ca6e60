import { useMemo, useSyncExternalStore } from 'react';

/**
 * Screens are addressed by the hash (`#/households?stage=eoi`), so links and reloads keep place.
 * The app opens on the home dashboard (`#/` or `#/dashboard`).
 */
export interface Route {
  page: string;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { page: path || 'dashboard', params: new URLSearchParams(query) };
}

/**
 * An address a screen wrote for itself (replaceParams), with the hash the route said before it: that
 * is not a navigation, so the route stays as it was (and the screen is not rebuilt). Any navigation
 * (a hashchange) makes the address the route again.
 */
let written: { hash: string; route: string } | null = null;
/** Navigations so far, counted by a listener attached as the app loads. */
let navigations = 0;
/** The address the last navigation left (a screen's own writes included): where a record was opened from. */
let left: string | null = null;
window.addEventListener('hashchange', (e) => {
  written = null;
  navigations++;
  left = e.oldURL ? new URL(e.oldURL).hash : null;
});

/**
 * A record's link to the households list. Where the record was opened from the list, it goes Back,
 * so the list is as it was left: its filters and sort, and its search, kept only in that history
 * entry (keepOffAddress). The link's own address (the whole list) started it afresh.
 */
export function backToList(e: { preventDefault(): void }): void {
  const from = left === null ? null : parseRoute(left);
  if (!from || from.page !== 'households' || from.params.has('id')) return;
  if ((from.params.get('view') ?? 'list') !== 'list') return;
  e.preventDefault();
  window.history.back();
}

const currentHash = () =>
  written && window.location.hash === written.hash ? written.route : window.location.hash;

/**
 * The route as the hash now says. Read through useSyncExternalStore, not state set by a listener
 * an effect attaches: a hash change between the first render and that effect (a link followed
 * while the app starts) was missed, and the screen stayed on the old route for good.
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeToHash, currentHash);
  return useMemo(() => parseRoute(hash), [hash]);
}

/**
 * Counts the navigations (a link followed, Back, navigate), even to the address already shown: a
 * screen that keeps its own state in the address starts again from the address at each.
 */
export function useNavigationCount(): number {
  return useSyncExternalStore(subscribeToHash, () => navigations);
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * Writes what a screen shows (the households list's filters and sort) into the address in place: a
 * reload, or Back from a household's record, finds the screen as it was left. No history entry is
 * added (Back leaves the screen, not undoes a filter), and the screen is not rebuilt. Never a
 * search: see keepOffAddress.
 */
export function replaceParams(page: string, params: Record<string, string>): void {
  const query = new URLSearchParams(params).toString();
  const hash = `#/${page}${query ? `?${query}` : ''}`;
  if (hash === window.location.hash) return;
  const route = currentHash();
  // The address already says another screen (a record opened as the list was first drawn, its
  // hashchange not yet come): writing the list's over it would lose that navigation for good.
  const shown = parseRoute(route);
  if (shown.page !== page || shown.params.has('id')) return;
  window.history.replaceState(window.history.state, '', hash);
  written = { hash: window.location.hash, route };
}

export function navigate(page: string, params?: Record<string, string>): void {
  const query = params ? new URLSearchParams(params).toString() : '';
  const hash = `#/${page}${query ? `?${query}` : ''}`;
  // The address may already say it (a screen wrote it there itself): no hashchange comes, so say it,
  // and the screen starts again from the address alone, as from a new entry.
  if (hash === window.location.hash) {
    const key = keptKey();
    if (key) keptOff.delete(key);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = hash;
}

/**
 * What a screen keeps of itself off the address: the households list's search, usually a person's
 * name. An address goes into the browser's history (on disk, in browser mode), where erasure and
 * subject access cannot reach it, so the search is held in this page's memory only, for the history
 * entry it was typed on (a random key in the entry's state): Back from a record finds it again; a
 * reload, a new window or a link to the list starts with none.
 */
const keptOff = new Map<string, string>();
const thisLoad = Math.random().toString(36).slice(2);
let keysMade = 0;
const keptKey = (): string | undefined => (window.history.state as { keptOff?: string } | null)?.keptOff;

export function keepOffAddress(value: string | undefined): void {
  let key = keptKey();
  if (!key) {
    if (!value) return;
    key = `${thisLoad}-${++keysMade}`;
    const state = (window.history.state as Record<string, unknown> | null) ?? {};
    window.history.replaceState({ ...state, keptOff: key }, '');
  }
  if (value) keptOff.set(key, value);
  else keptOff.delete(key);
}

/** What keepOffAddress kept for the history entry now shown, if this page kept anything for it. */
export function keptOffAddress(): string | undefined {
  const key = keptKey();
  return key ? keptOff.get(key) : undefined;
}
