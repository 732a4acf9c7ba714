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
  | { name: 'settings' }
  | { name: 'account' }
  /** Signing in without a profile, or again after the server ended the session. */
  | { name: 'sign-in' }
  | { name: 'register' }
  /** Joining a municipality with an invitation code; a shared link may carry the code. */
  | { name: 'join'; code?: string }
  | { name: 'moderation' }
  | { name: 'members' };

const SIMPLE_PATHS = {
  '/settings': 'settings',
  '/account': 'account',
  '/sign-in': 'sign-in',
  '/register': 'register',
  '/join': 'join',
  '/moderation': 'moderation',
  '/members': 'members',
} as const satisfies Record<string, Route['name']>;

function isSimplePath(path: string): path is keyof typeof SIMPLE_PATHS {
  return Object.hasOwn(SIMPLE_PATHS, path);
}

/** A path segment decoded, or null when it is not valid percent-encoding (a mangled link). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '/needs/new') return { name: 'new-need' };
  if (isSimplePath(path)) return { name: SIMPLE_PATHS[path] };
  const join = /^\/join\/([^/]+)$/.exec(path);
  const code = join?.[1] === undefined ? null : decodeSegment(join[1]);
  if (code) return { name: 'join', code };
  const edit = /^\/needs\/([^/]+)\/edit$/.exec(path);
  const id = edit?.[1] === undefined ? null : decodeSegment(edit[1]);
  if (id) return { name: 'edit-need', id };
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
    case 'join':
      return route.code ? `#/join/${encodeURIComponent(route.code)}` : '#/join';
    case 'settings':
    case 'account':
    case 'sign-in':
    case 'register':
    case 'moderation':
    case 'members':
      return `#/${route.name}`;
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
