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
window.addEventListener('hashchange', () => {
  written = null;
  navigations++;
});

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
 * Writes what a screen shows (the households list's search, filters and sort) into the address in
 * place: a reload, or Back from a household's record, finds the screen as it was left. No history
 * entry is added (Back leaves the screen, not undoes a filter), and the screen is not rebuilt.
 */
export function replaceParams(page: string, params: Record<string, string>): void {
  const query = new URLSearchParams(params).toString();
  const hash = `#/${page}${query ? `?${query}` : ''}`;
  if (hash === window.location.hash) return;
  const route = currentHash();
  window.history.replaceState(window.history.state, '', hash);
  written = { hash: window.location.hash, route };
}

export function navigate(page: string, params?: Record<string, string>): void {
  const query = params ? new URLSearchParams(params).toString() : '';
  const hash = `#/${page}${query ? `?${query}` : ''}`;
  // The address may already say it (a screen wrote it there itself): no hashchange comes, so say it.
  if (hash === window.location.hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}
