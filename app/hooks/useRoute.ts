/**
 * Screens are addressed by the URL's hash (`#/needs/new`), so the phone's back button and a reload
 * keep the user where they were, and the service worker serves one page for everything.
 */
import { useSyncExternalStore } from 'react';
import type { Need } from '../../domain/schemas/need';

export type Route =
  | { name: 'needs' }
  | { name: 'new-need' }
  | { name: 'edit-need'; id: Need['id'] }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '/needs/new') return { name: 'new-need' };
  if (path === '/settings') return { name: 'settings' };
  const edit = /^\/needs\/([^/]+)\/edit$/.exec(path);
  if (edit?.[1]) return { name: 'edit-need', id: decodeURIComponent(edit[1]) };
  return { name: 'needs' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'needs':
      return '#/';
    case 'new-need':
      return '#/needs/new';
    case 'edit-need':
      return `#/needs/${encodeURIComponent(route.id)}/edit`;
    case 'settings':
      return '#/settings';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, readHash));
}

/**
 * Leaves a screen for `route`: back through history when the user came from inside the app (so
 * the back button does not return to a closed form), otherwise by replacing the current entry.
 */
export function leaveTo(route: Route): void {
  const state: unknown = window.history.state;
  const cameFromApp = typeof state === 'object' && state !== null && (state as { c4cFrom?: string }).c4cFrom === routeHref(route);
  if (cameFromApp) window.history.back();
  else window.location.replace(routeHref(route));
}

/** Opens `route` as a new history entry, remembering where it was opened from. */
export function openRoute(route: Route): void {
  const from = routeHref(parseRoute(window.location.hash));
  window.history.pushState({ c4cFrom: from }, '', routeHref(route));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
