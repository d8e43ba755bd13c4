import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from '@/lib/views/route';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

/** The current hash route; re-renders on every hash change (links, back and forward). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return parseRoute(hash);
}

/** Changes the hash without adding a history entry, e.g. while the user types in the search box. */
export function replaceHash(hash: string): void {
  if (window.location.hash === hash) return;
  history.replaceState(null, '', hash);
  // replaceState fires no hashchange event: tell the subscribers ourselves.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
