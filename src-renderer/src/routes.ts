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
 * The route as the hash now says. Read through useSyncExternalStore, not state set by a listener
 * an effect attaches: a hash change between the first render and that effect (a link followed
 * while the app starts) was missed, and the screen stayed on the old route for good.
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeToHash, () => window.location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function navigate(page: string, params?: Record<string, string>): void {
  const query = params ? new URLSearchParams(params).toString() : '';
  window.location.hash = `#/${page}${query ? `?${query}` : ''}`;
}
