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
 * The hash as last navigated to, and how many navigations there have been, kept by a listener
 * attached when the app loads, so a hash change between the first render and the screen's
 * subscription (a link followed while the app starts) is not missed. An address a screen rewrites
 * for itself (replaceParams) is not a navigation: the route stays as it was.
 */
let navigated = { hash: window.location.hash, count: 0 };
window.addEventListener('hashchange', () => {
  navigated = { hash: window.location.hash, count: navigated.count + 1 };
});

/** The route as the last navigation said (useSyncExternalStore: never a stale route for good). */
export function useRoute(): Route {
  const { hash } = useSyncExternalStore(subscribeToHash, () => navigated);
  return useMemo(() => parseRoute(hash), [hash]);
}

/**
 * Counts the navigations (a link followed, Back, navigate), even to the address already shown: a
 * screen that keeps its own state in the address starts again from the address at each.
 */
export function useNavigationCount(): number {
  return useSyncExternalStore(subscribeToHash, () => navigated).count;
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
  if (hash !== window.location.hash) window.history.replaceState(window.history.state, '', hash);
}

export function navigate(page: string, params?: Record<string, string>): void {
  const query = params ? new URLSearchParams(params).toString() : '';
  const hash = `#/${page}${query ? `?${query}` : ''}`;
  // The address may already say it (a screen wrote it there itself): no hashchange comes, so say it.
  if (hash === window.location.hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}
