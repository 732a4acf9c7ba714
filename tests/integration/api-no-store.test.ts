/**
 * Every `/api` answer is private to the member asking (their profile, what they may pull, the
 * moderation queue, even an error naming what they sent): `Cache-Control: no-store` on all of them,
 * or a shared phone's browser cache or a proxy keeps it (issue 8). The class is tested, not the
 * examples: the routes are read from the running app itself, so a route added later is covered (and
 * must get a success case below), each called anonymously, signed in with bad input, from another
 * site, and successfully.
 */
import { createHash } from 'node:crypto';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../../domain/sync-protocol';
import { SESSION_COOKIE } from '../../sync-server/auth/constants';
import { fresh, freshNeed, makePhoto } from '../support/factories';
import { PASSWORD, registration, TEST_ADMIN } from './support/accounts';
import { addMember, moderatorOf, pendingMunicipality, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
let moderator: TestMember;
let coordinator: TestMember;

type Route = { method: string; path: string };
type Call = { method: string; path: string; cookie?: string | null; body?: string | Uint8Array<ArrayBuffer>; contentType?: string; origin?: string };
type Answer = { status: number; cacheControl: string | null; setCookie: string | undefined };

/** The API routes of the running app (Express 5 router stacks), e.g. `POST /api/sync/:collection/push`. */
function apiRoutes(app: Express): Route[] {
  type Layer = { rawPath?: unknown; route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: Layer[] } };
  const routes: Route[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: `${prefix}${layer.route.path}`.replace(/(.)\/$/, '$1') });
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes.filter((route) => route.path.startsWith('/api/'));
}

async function call({ method, path, cookie, body, contentType = 'application/json', origin }: Call): Promise<Answer> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}${path}`, {
    method,
    signal: controller.signal,
    headers: { ...(body === undefined ? {} : { 'content-type': contentType }), ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
    body,
  });
  const answer = {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    setCookie: response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`)),
  };
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) controller.abort();
  else await response.text();
  return answer;
}

function cookieOf(answer: Answer): string {
  if (!answer.setCookie) throw new Error(`no session cookie (HTTP ${answer.status})`);
  return answer.setCookie.split(';')[0]!;
}

/** A fresh moderator session, for calls that may end it (sign-out). */
async function moderatorCookie(): Promise<string> {
  return cookieOf(await call({ method: 'POST', path: '/api/auth/login', body: JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }) }));
}

function withParams(path: string, values: { collection: string; id: string }): string {
  return path.replace(':collection', values.collection).replace(':id', values.id);
}

/** A photo of a new need of `coordinator`'s, its metadata pushed; its bytes uploaded too when `uploaded`. */
async function photoOfNeed(uploaded: boolean): Promise<{ id: string; bytes: Uint8Array<ArrayBuffer> }> {
  const need = freshNeed({ municipalityId: coordinator.municipalityId });
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(1000).fill(1), 0xff, 0xd9]);
  const photo = fresh(makePhoto({ ownerKind: 'need', ownerId: need.id, mimeType: 'image/jpeg', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }));
  for (const [collection, doc] of [['needs', need], ['photos', photo]] as const) {
    const pushed = await coordinator.browser.request('POST', `/api/sync/${collection}/push`, [{ newDocumentState: { ...doc, _deleted: false } }]);
    expect(pushed.body).toEqual({ conflicts: [], refused: [] });
  }
  if (uploaded) expect((await call({ method: 'PUT', path: `/api/photos/${photo.id}`, cookie: coordinator.browser.cookieHeader, body: bytes, contentType: 'image/jpeg' })).status).toBe(201);
  return { id: photo.id, bytes };
}

/** One successful call per API route, with what it needs made through the real routes. */
const SUCCESS: Record<string, () => (Call & { expected: number }) | Promise<Call & { expected: number }>> = {
  'POST /api/auth/register': () => ({ method: 'POST', path: '/api/auth/register', body: JSON.stringify(registration()), expected: 201 }),
  'POST /api/auth/login': () => ({ method: 'POST', path: '/api/auth/login', body: JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }), expected: 200 }),
  'POST /api/auth/logout': async () => ({ method: 'POST', path: '/api/auth/logout', cookie: await moderatorCookie(), expected: 204 }),
  'GET /api/auth/me': () => ({ method: 'GET', path: '/api/auth/me', cookie: moderator.browser.cookieHeader, expected: 200 }),
  'POST /api/auth/password': async () => {
    const applicant = await pendingMunicipality(server);
    const body = JSON.stringify({ currentPassword: PASSWORD, newPassword: `${PASSWORD} changed` });
    return { method: 'POST', path: '/api/auth/password', cookie: applicant.browser.cookieHeader, body, expected: 200 };
  },
  'GET /api/moderation/pending': () => ({ method: 'GET', path: '/api/moderation/pending', cookie: moderator.browser.cookieHeader, expected: 200 }),
  'POST /api/moderation/municipalities/:id/verify': async () => {
    const applicant = await pendingMunicipality(server);
    return { method: 'POST', path: `/api/moderation/municipalities/${applicant.municipalityId}/verify`, cookie: moderator.browser.cookieHeader, expected: 200 };
  },
  'POST /api/moderation/municipalities/:id/reject': async () => {
    const applicant = await pendingMunicipality(server);
    const path = `/api/moderation/municipalities/${applicant.municipalityId}/reject`;
    return { method: 'POST', path, cookie: moderator.browser.cookieHeader, body: JSON.stringify({ reason: 'Not a municipality' }), expected: 200 };
  },
  'POST /api/moderation/members/:id/verify': async () => {
    const member = await addMember(server, coordinator, { verify: false });
    return { method: 'POST', path: `/api/moderation/members/${member.id}/verify`, cookie: moderator.browser.cookieHeader, expected: 200 };
  },
  'POST /api/moderation/members/:id/reject': async () => {
    const member = await addMember(server, coordinator, { verify: false });
    return { method: 'POST', path: `/api/moderation/members/${member.id}/reject`, cookie: moderator.browser.cookieHeader, body: JSON.stringify({ reason: 'Unknown person' }), expected: 200 };
  },
  'POST /api/invitations': () => ({ method: 'POST', path: '/api/invitations', cookie: coordinator.browser.cookieHeader, expected: 201 }),
  'POST /api/invitations/accept': async () => {
    const { code } = (await coordinator.browser.request<{ code: string }>('POST', '/api/invitations')).body;
    const body = JSON.stringify({ code, email: registration().email, password: PASSWORD, displayName: 'Іван Франко', languages: ['uk'] });
    return { method: 'POST', path: '/api/invitations/accept', body, expected: 201 };
  },
  'POST /api/members/:id/remove': async () => {
    const member = await addMember(server, coordinator);
    return { method: 'POST', path: `/api/members/${member.id}/remove`, cookie: coordinator.browser.cookieHeader, expected: 200 };
  },
  'GET /api/sync/stream': () => ({ method: 'GET', path: '/api/sync/stream', cookie: coordinator.browser.cookieHeader, expected: 200 }),
  'GET /api/sync/:collection/pull': () => ({ method: 'GET', path: '/api/sync/needs/pull?limit=5', cookie: coordinator.browser.cookieHeader, expected: 200 }),
  'POST /api/sync/:collection/push': () => ({ method: 'POST', path: '/api/sync/needs/push', cookie: coordinator.browser.cookieHeader, body: '[]', expected: 200 }),
  'PUT /api/photos/:id': async () => {
    const { id, bytes } = await photoOfNeed(false);
    return { method: 'PUT', path: `/api/photos/${id}`, cookie: coordinator.browser.cookieHeader, body: bytes, contentType: 'image/jpeg', expected: 201 };
  },
  'GET /api/photos/:id': async () => {
    const { id } = await photoOfNeed(true);
    return { method: 'GET', path: `/api/photos/${id}`, cookie: coordinator.browser.cookieHeader, expected: 200 };
  },
};

beforeAll(async () => {
  server = await startTestServer();
  moderator = await moderatorOf(server);
  coordinator = await verifiedMunicipality(server);
});

afterAll(async () => {
  await server.stop();
});

describe('Cache-Control of the API', () => {
  it('finds the API routes in the app (the table below covers each of them)', () => {
    const routes = apiRoutes(server.server.listeners('request')[0] as Express).map((route) => `${route.method} ${route.path}`);
    expect(routes.length).toBeGreaterThanOrEqual(16);
    expect(routes.filter((route) => !(route in SUCCESS))).toEqual([]);
  });

  it('is no-store on every route: anonymous, signed in with bad input, from another site, and on success', async () => {
    const routes = apiRoutes(server.server.listeners('request')[0] as Express);
    const seen: { call: string; status: number; cacheControl: string | null }[] = [];
    const record = async (label: string, request: Call) => {
      const answer = await call(request);
      seen.push({ call: `${label} ${request.method} ${request.path}`, status: answer.status, cacheControl: answer.cacheControl });
      return answer;
    };
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const bad = { collection: 'no-such-collection', id: 'no-such-id' };
      const good = { collection: 'needs', id: 'no-such-id' };
      await record('anonymous', { method: route.method, path: withParams(route.path, good) });
      await record('anonymous, bad input', { method: route.method, path: withParams(route.path, bad), body: route.method === 'GET' ? undefined : '{"bogus":' });
      await record('signed in, bad input', {
        method: route.method,
        path: withParams(route.path, bad),
        // Only sign-out ends the session whatever the body: it gets its own.
        cookie: key === 'POST /api/auth/logout' ? await moderatorCookie() : moderator.browser.cookieHeader,
        body: route.method === 'GET' ? undefined : JSON.stringify({ bogus: true }),
      });
      await record('another site', { method: route.method, path: withParams(route.path, good), cookie: moderator.browser.cookieHeader, origin: 'https://evil.example' });
      const success = await SUCCESS[key]!();
      const answer = await record('success', success);
      expect({ key, status: answer.status }).toEqual({ key, status: success.expected });
    }
    for (const extra of [
      { method: 'GET', path: '/api/no-such-route' },
      { method: 'POST', path: '/api/auth/no-such-route', body: '{}' },
      { method: 'GET', path: '/api/sync/needs/pull?limit=0', cookie: coordinator.browser.cookieHeader },
      { method: 'GET', path: '/api/sync/needs/pull?checkpoint=%22', cookie: coordinator.browser.cookieHeader },
      { method: 'POST', path: '/api/sync/needs/push', cookie: coordinator.browser.cookieHeader, body: 'x'.repeat(10) },
      { method: 'POST', path: '/api/sync/needs/push', cookie: coordinator.browser.cookieHeader, body: JSON.stringify('x'.repeat(SYNC_LIMITS.maxBodyBytes + 1)) },
      { method: 'GET', path: '/api/auth/me', cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` },
    ]) {
      await record('extra', extra);
    }
    expect(seen.filter((answer) => answer.status >= 400).length).toBeGreaterThan(routes.length * 3);
    expect(seen.filter((answer) => answer.cacheControl !== 'no-store')).toEqual([]);
  });
});
