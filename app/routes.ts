/**
 * Every screen's URL (DESIGN.md: screens are addressed by URL through a well-kept router; filters
 * live in the URL). wouter owns the location: it follows the History API (links, the back button,
 * a reload), matches paths against the patterns below and navigates; this module gives each screen a
 * typed name so links are built, and parsed, in one place.
 * Guarantees:
 * - every route has a URL and every URL parses to a route (an unknown one to `home`), so a shared
 *   link, a reload and the back button always land somewhere sensible;
 * - ids in paths are percent-encoded when built and decoded when parsed; a mangled link parses to
 *   the list it came from rather than failing;
 * - links written when screens lived in the hash (`#/join/CODE` in invitations already sent) are
 *   moved to their path once at start (`fromLegacyHash`).
 */
import { useLocation, useSearch } from 'wouter';
import { navigate } from 'wouter/use-browser-location';
import { parse as parsePattern } from 'regexparam';
import type { Need } from '../domain/schemas/need';
import type { Offer } from '../domain/schemas/offer';
import type { Municipality } from '../domain/schemas/municipality';
import type { Pledge } from '../domain/schemas/pledge';
import { SUBJECT_KINDS, type SubjectKind } from '../domain/constants';

export type Route =
  | { name: 'home' }
  | { name: 'needs' }
  | { name: 'new-need' }
  | { name: 'need'; id: Need['id'] }
  | { name: 'edit-need'; id: Need['id'] }
  /** Pledging against a need, optionally drawing on one of the pledger's offers (from Matches). */
  | { name: 'pledge'; needId: Need['id']; offerId?: Offer['id'] }
  | { name: 'offers' }
  | { name: 'new-offer' }
  | { name: 'offer'; id: Offer['id'] }
  | { name: 'edit-offer'; id: Offer['id'] }
  | { name: 'matches' }
  | { name: 'municipalities' }
  | { name: 'municipality'; id: Municipality['id'] }
  | { name: 'edit-municipality'; id: Municipality['id'] }
  /** "More": settings, account, members, moderation. */
  | { name: 'settings' }
  | { name: 'account' }
  /** Signing in without a profile, or again after the server ended the session. */
  | { name: 'sign-in' }
  | { name: 'register' }
  /** Joining a municipality with an invitation code; a shared link may carry the code. */
  | { name: 'join'; code?: string }
  | { name: 'moderation' }
  | { name: 'members' }
  /** Pledges by us and to us (`?side=by-us|to-us` in the query, read by the screen). */
  | { name: 'pledges' }
  /** One pledge: its need, the two cities, quantities, history and the actions the member may take. */
  | { name: 'pledge-page'; id: Pledge['id'] }
  /** The printable delivery sheet with the pledge's QR code. */
  | { name: 'pledge-sheet'; id: Pledge['id'] }
  /** Confirming what arrived (quantity, note, photos); works offline, for officials and volunteers. */
  | { name: 'pledge-receive'; id: Pledge['id'] }
  /** Scanning a delivery sheet's QR code, or typing its short code. */
  | { name: 'scan' }
  /** A short code from a QR code or a link: resolved to its pledge on the phone. */
  | { name: 'short-code'; code: string }
  /** Field volunteer mode: pledges arriving at or leaving the member's municipality. */
  | { name: 'deliveries' }
  /** Message threads of the member's municipality. */
  | { name: 'messages' }
  /** One thread: a subject and the other municipality (the thread id is derived from both). */
  | { name: 'thread'; subjectKind: SubjectKind; subjectId: string; municipalityId: Municipality['id'] }
  /** What concerns the member: new pledges, dispatches, receipts, expiries, messages, decisions. */
  | { name: 'notifications' };

export type RouteName = Route['name'];

/** wouter path patterns, most specific first (`/needs/new` before `/needs/:id`). */
const PATTERNS: readonly [RouteName, string][] = [
  ['home', '/'],
  ['needs', '/needs'],
  ['new-need', '/needs/new'],
  ['edit-need', '/needs/:id/edit'],
  ['pledge', '/needs/:id/pledge'],
  ['need', '/needs/:id'],
  ['offers', '/offers'],
  ['new-offer', '/offers/new'],
  ['edit-offer', '/offers/:id/edit'],
  ['offer', '/offers/:id'],
  ['matches', '/matches'],
  ['municipalities', '/municipalities'],
  ['edit-municipality', '/municipalities/:id/edit'],
  ['municipality', '/municipalities/:id'],
  ['settings', '/more'],
  ['settings', '/settings'],
  ['account', '/account'],
  ['members', '/members'],
  ['moderation', '/moderation'],
  ['sign-in', '/sign-in'],
  ['register', '/register'],
  ['join', '/join/:code?'],
  ['pledges', '/pledges'],
  ['pledge-sheet', '/pledges/:id/sheet'],
  ['pledge-receive', '/pledges/:id/receive'],
  ['pledge-page', '/pledges/:id'],
  ['scan', '/scan'],
  ['short-code', '/p/:code'],
  ['deliveries', '/deliveries'],
  ['messages', '/messages'],
  ['thread', '/messages/:kind/:subject/:with'],
  ['notifications', '/notifications'],
];

const COMPILED = PATTERNS.map(([name, pattern]) => ({ name, ...parsePattern(pattern) }));

/** A path segment decoded, or null when it is not valid percent-encoding (a mangled link). */
function decodeSegment(segment: string | undefined): string | null {
  if (segment === undefined || segment === '') return null;
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

/** The route a path (and its query string) names; unknown paths are `home`. */
export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const { name, pattern, keys } of COMPILED) {
    const match = pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(keys.map((key, index) => [key, match[index + 1]]));
    const id = decodeSegment(params.id);
    switch (name) {
      case 'need':
      case 'edit-need':
        return id ? { name, id } : { name: 'needs' };
      case 'pledge': {
        const offerId = new URLSearchParams(search).get('offer');
        return id ? { name, needId: id, ...(offerId ? { offerId } : {}) } : { name: 'needs' };
      }
      case 'offer':
      case 'edit-offer':
        return id ? { name, id } : { name: 'offers' };
      case 'municipality':
      case 'edit-municipality':
        return id ? { name, id } : { name: 'municipalities' };
      case 'join': {
        const code = decodeSegment(params.code);
        return code ? { name, code } : { name };
      }
      case 'pledge-page':
      case 'pledge-sheet':
      case 'pledge-receive':
        return id ? { name, id } : { name: 'pledges' };
      case 'short-code': {
        const code = decodeSegment(params.code);
        return code ? { name, code } : { name: 'scan' };
      }
      case 'thread': {
        const kind = decodeSegment(params.kind);
        const subjectId = decodeSegment(params.subject);
        const municipalityId = decodeSegment(params.with);
        const subjectKind = SUBJECT_KINDS.find((known) => known === kind);
        return subjectKind && subjectId && municipalityId ? { name, subjectKind, subjectId, municipalityId } : { name: 'messages' };
      }
      default:
        return { name };
    }
  }
  return { name: 'home' };
}

/** The URL of a route (path, and for a pledge its offer in the query). */
export function routeHref(route: Route): string {
  const segment = encodeURIComponent;
  switch (route.name) {
    case 'home':
      return '/';
    case 'needs':
      return '/needs';
    case 'new-need':
      return '/needs/new';
    case 'need':
      return `/needs/${segment(route.id)}`;
    case 'edit-need':
      return `/needs/${segment(route.id)}/edit`;
    case 'pledge':
      return `/needs/${segment(route.needId)}/pledge${route.offerId ? `?offer=${segment(route.offerId)}` : ''}`;
    case 'offers':
      return '/offers';
    case 'new-offer':
      return '/offers/new';
    case 'offer':
      return `/offers/${segment(route.id)}`;
    case 'edit-offer':
      return `/offers/${segment(route.id)}/edit`;
    case 'matches':
      return '/matches';
    case 'municipalities':
      return '/municipalities';
    case 'municipality':
      return `/municipalities/${segment(route.id)}`;
    case 'edit-municipality':
      return `/municipalities/${segment(route.id)}/edit`;
    case 'settings':
      return '/more';
    case 'join':
      return route.code ? `/join/${segment(route.code)}` : '/join';
    case 'pledge-page':
      return `/pledges/${segment(route.id)}`;
    case 'pledge-sheet':
      return `/pledges/${segment(route.id)}/sheet`;
    case 'pledge-receive':
      return `/pledges/${segment(route.id)}/receive`;
    case 'short-code':
      return `/p/${segment(route.code)}`;
    case 'thread':
      return `/messages/${route.subjectKind}/${segment(route.subjectId)}/${segment(route.municipalityId)}`;
    case 'account':
    case 'sign-in':
    case 'register':
    case 'moderation':
    case 'members':
    case 'pledges':
    case 'scan':
    case 'deliveries':
    case 'messages':
    case 'notifications':
      return `/${route.name}`;
  }
}

/** Where the back arrow of a screen leads when the user did not come from there. */
export function parentOf(route: Route): Route {
  switch (route.name) {
    case 'new-need':
    case 'need':
      return { name: 'needs' };
    case 'edit-need':
      return { name: 'need', id: route.id };
    case 'pledge':
      return { name: 'need', id: route.needId };
    case 'new-offer':
    case 'offer':
      return { name: 'offers' };
    case 'edit-offer':
      return { name: 'offer', id: route.id };
    case 'municipality':
      return { name: 'municipalities' };
    case 'edit-municipality':
      return { name: 'municipality', id: route.id };
    case 'account':
    case 'members':
    case 'moderation':
    case 'municipalities':
      return { name: 'settings' };
    case 'pledge-page':
      return { name: 'pledges' };
    case 'pledge-sheet':
    case 'pledge-receive':
      return { name: 'pledge-page', id: route.id };
    case 'short-code':
      return { name: 'scan' };
    case 'thread':
      return { name: 'messages' };
    default:
      return { name: 'home' };
  }
}

/** The screen the URL names now (wouter follows every change of the location). */
export function useCurrentRoute(): Route {
  const [pathname] = useLocation();
  return parseRoute(pathname, useSearch());
}

/** The path and query of the current location, as `routeHref` writes them. */
function currentHref(): string {
  return `${window.location.pathname}${window.location.search}`;
}

type HistoryState = { c4cFrom?: string } | null;

/**
 * Leaves a screen for `route`: back through history when the user came from exactly there (so
 * the back button does not return to a closed form, and a list keeps its filters), otherwise by
 * replacing the current entry.
 */
export function leaveTo(route: Route): void {
  const state = window.history.state as HistoryState;
  const target = routeHref(route);
  const from = typeof state === 'object' && state !== null ? state.c4cFrom : undefined;
  if (from !== undefined && from.split('?')[0] === target.split('?')[0]) window.history.back();
  else navigate(target, { replace: true });
}

/** Opens `route` (or a URL of this app) as a new history entry, remembering where it was opened from. */
export function openRoute(route: Route | string): void {
  navigate(typeof route === 'string' ? route : routeHref(route), { state: { c4cFrom: currentHref() } satisfies HistoryState });
}

/** Replaces the query string of the current entry (filters), keeping the entry's history state. */
export function replaceSearch(search: URLSearchParams): void {
  const query = search.toString();
  navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, { replace: true, state: window.history.state as HistoryState });
}

/** A path for a link written when screens lived in the URL's hash (`#/join/CODE`), or null. */
export function fromLegacyHash(hash: string): string | null {
  if (!hash.startsWith('#/')) return null;
  const path = hash.slice(1);
  return path === '/settings' ? '/more' : path;
}
