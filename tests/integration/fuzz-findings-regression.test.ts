/**
 * Bugs the fuzz campaign (tests/chaos/fuzz.test.ts) found, each pinned for its whole class:
 * - a push row that is not an object (`null`, a number, an array) crashed the route (500);
 * - a request Node itself cannot parse (an unknown method, a URL or headers over its limit, broken
 *   chunked encoding) was answered with a bare status line, not the JSON error shape;
 * - the moderator made at start (ADMIN_EMAIL) had a member document without an author in `meta`;
 * - text that is not valid Unicode (a lone surrogate, legal in JSON's `\\ud800` escapes) reached the
 *   store client, which cannot put it in a URL: sign-in answered 500; every JSON body now refuses it;
 * - the JSON error for a request Node cannot parse carried a body after a HEAD request;
 * - a JSON body nested thousands of levels deep overflowed the stack of the Unicode check (500);
 * - a JSON body sent as `charset=utf-7` (or UTF-16, UTF-32) was decoded as such and accepted: a UTF-8
 *   registration was stored with its Ukrainian text turned into U+FFFD; every JSON route now refuses
 *   a charset other than UTF-8 with 415 (RFC 8259), before any work.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../domain/collections';
import type { PushResponse } from '../../domain/sync-protocol';
import { freshNeed } from '../support/factories';
import { Couch } from '../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../sync-server/store/embedded-store';
import { browserFactory, PASSWORD, registration, type Answer, type Profile } from './support/accounts';
import { moderatorOf, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
let coordinator: TestMember;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await verifiedMunicipality(server);
});

afterAll(async () => {
  await server?.stop();
});

/** Writes `raw` on a new connection and reads until the server closes it: status, headers and body as text. */
function rawRequest(raw: string): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head, body });
    });
  });
}

function expectJsonError(answer: { status: number; head: string; body: string }, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.head).toMatch(/^content-type: application\/json/im);
  const parsed = JSON.parse(answer.body) as { error: { code: string; message: string } };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(parsed.error.code).toMatch(/^[a-z-]+$/);
  expect(parsed.error.message).toMatch(/\w/);
}

describe('POST /api/sync/:collection/push', () => {
  it('a push row that is null, a number, a string or an array is a 400 naming the row, not a 500, on every collection', async () => {
    for (const collection of COLLECTION_NAMES) {
      for (const row of [null, 7, 'row', [], [{ newDocumentState: { id: 'abcdefgh-0001' } }]]) {
        const answer = await coordinator.browser.request('POST', `/api/sync/${collection}/push`, [{ newDocumentState: { id: 'abcdefgh-0002' } }, row]);
        expect({ collection, row, status: answer.status, code: answer.body.error?.code }).toEqual({ collection, row, status: 400, code: 'invalid-request' });
        expect(answer.body.error.message).toContain('Row 1');
      }
    }
  });

  it('a newDocumentState or assumedMasterState that is an array is a 400', async () => {
    for (const row of [{ newDocumentState: [] }, { newDocumentState: { id: 'abcdefgh-0003' }, assumedMasterState: [] }]) {
      const answer = await coordinator.browser.request('POST', '/api/sync/needs/push', [row]);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid-request');
    }
  });
});

describe('requests Node cannot parse', () => {
  it('an unknown method gets 400 in the JSON error shape', async () => {
    expectJsonError(await rawRequest('FOO /api/auth/me HTTP/1.1\r\nHost: x\r\n\r\n'), 400);
  });

  it('a URL over the header limit gets 431 in the JSON error shape', async () => {
    expectJsonError(await rawRequest(`GET /api/sync/needs/pull?checkpoint=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 431);
  });

  it('headers over the limit get 431 in the JSON error shape', async () => {
    expectJsonError(await rawRequest(`GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: ${'c'.repeat(20_000)}\r\n\r\n`), 431);
  });

  it('a header with a forbidden character gets 400 in the JSON error shape', async () => {
    expectJsonError(await rawRequest('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n'), 400);
  });

  it('broken chunked encoding gets 400 in the JSON error shape', async () => {
    expectJsonError(await rawRequest('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'), 400);
  });

  it('a HEAD request over the header limit gets 431 with no body, as HEAD answers must', async () => {
    const answer = await rawRequest(`HEAD /api/sync/needs/pull?checkpoint=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.head).toMatch(/^content-type: application\/json/im);
    expect(answer.body).toBe('');
  });

  it('the server still answers afterwards', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('JSON bodies with text that is not valid Unicode', () => {
  // A lone surrogate: JSON.stringify writes it as the escape \\ud800, which JSON allows, but it is no
  // character and no URL or store key can hold it.
  const LONE = '\uD800';
  const cases: [string, string, unknown][] = [
    ['POST', '/api/auth/login', { email: `a${LONE}@example.org`, password: 'long enough password' }],
    ['POST', '/api/auth/register', { email: `b${LONE}@example.org`, password: 'long enough password' }],
    ['POST', '/api/invitations/accept', { code: LONE, email: 'c@example.org', password: 'long enough password', displayName: 'C', languages: ['uk'] }],
  ];

  it.each(cases)('%s %s answers 400 invalid-request naming the field, not 500', async (method, path, body) => {
    const answer = await coordinator.browser.request<unknown>(method, path, body);
    expect({ status: answer.status, code: answer.body.error?.code }).toEqual({ status: 400, code: 'invalid-request' });
    expect(answer.body.error.details).toContainEqual(expect.objectContaining({ keyword: 'unicode' }));
  });

  it('a pushed document with such text is refused on its own, naming the field; the rest of the batch is written', async () => {
    const good = freshNeed({ municipalityId: coordinator.municipalityId, title: 'Генератори' });
    const bad = freshNeed({ municipalityId: coordinator.municipalityId, title: `Генератори ${LONE}` });
    const answer = await coordinator.browser.request<PushResponse>('POST', '/api/sync/needs/push', [{ newDocumentState: bad }, { newDocumentState: good }]);
    expect(answer.status).toBe(200);
    expect(answer.body.refused).toEqual([expect.objectContaining({ id: bad.id, code: 'invalid-document', details: [expect.objectContaining({ field: 'title', keyword: 'unicode' })] })]);
    expect(answer.body.conflicts).toEqual([]);
  });

  it('well-formed text beyond the basic plane (emoji, Ukrainian) is fine', async () => {
    const answer = await coordinator.browser.request('POST', '/api/auth/login', { email: 'емейл😀@example.org', password: 'long enough password' });
    expect(answer.status).toBe(401);
  });
});

describe('JSON bodies nested thousands of levels deep', () => {
  // As deep as the 16 KiB limit of the small routes allows, and 20,000 levels inside a pushed document.
  const deepArray = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
  const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
  const smallRoutes: [string, string, 'coordinator' | 'moderator'][] = [
    ['/api/auth/register', '', 'coordinator'],
    ['/api/auth/login', '', 'coordinator'],
    ['/api/auth/password', '', 'coordinator'],
    ['/api/invitations', '', 'coordinator'],
    ['/api/invitations/accept', '', 'coordinator'],
    ['/api/moderation/municipalities/', '/reject', 'moderator'],
    ['/api/moderation/members/', '/reject', 'moderator'],
  ];

  /** Posts `text` as JSON exactly as written (JSON.stringify itself would overflow on such depth). */
  async function postText(member: TestMember, pathname: string, text: string): Promise<{ status: number; body: string }> {
    const cookie = member.browser.cookieHeader;
    const response = await fetch(`${server.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: text });
    return { status: response.status, body: await response.text() };
  }

  it.each(smallRoutes)('POST %s… answers 400 to a body nested 3,000 levels deep as arrays or objects, not 500', async (start, end, who) => {
    const member = who === 'moderator' ? await moderatorOf(server) : coordinator;
    const target = end ? `${start}${coordinator.municipalityId}${end}` : start;
    for (const text of [deepArray(3_000), deepObject(2_500), `{"email":${deepArray(3_000)},"password":${deepObject(200)}}`]) {
      const answer = await postText(member, target, text);
      expect({ text: text.slice(0, 20), status: answer.status }).toEqual({ text: text.slice(0, 20), status: 400 });
    }
  });

  it.each([...COLLECTION_NAMES])('a %s document with a field nested 20,000 levels deep is refused on its own, naming the field', async (collection) => {
    const deepField = `{"id":"deep-${collection}","title":${deepObject(20_000)},"tags":${deepArray(20_000)}}`;
    const answer = await postText(coordinator, `/api/sync/${collection}/push`, `[{"newDocumentState":${deepField}}]`);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as PushResponse;
    expect(body.refused).toEqual([expect.objectContaining({ id: `deep-${collection}` })]);
  });
});

describe('JSON bodies in a charset other than UTF-8', () => {
  const NOT_UTF8 = ['utf-7', 'UTF-16', 'utf-16le', 'utf-32', 'latin1', 'utf8'];
  // A server of its own, trusting X-Forwarded-For from loopback: each request comes from its own
  // address, so the per-IP registration limit (which counts refused requests too) never answers first.
  let own: TestServer;
  let member: TestMember;
  let address = 0;
  const newBrowser = browserFactory(() => own.url);
  beforeAll(async () => {
    own = await startTestServer(undefined, 0, { TRUST_PROXY: 'loopback' });
    member = await verifiedMunicipality(own);
  });
  afterAll(async () => {
    await own?.stop();
  });

  type Route = { who: 'coordinator' | 'moderator' | 'anonymous'; path: () => string; body: () => unknown; accepted: number };
  // Each route that reads a JSON body, with a body it accepts as UTF-8 (status `accepted`).
  const routes: Record<string, Route> = {
    register: { who: 'anonymous', path: () => '/api/auth/register', body: () => registration(), accepted: 201 },
    login: { who: 'anonymous', path: () => '/api/auth/login', body: () => ({ email: member.email, password: PASSWORD }), accepted: 200 },
    password: { who: 'coordinator', path: () => '/api/auth/password', body: () => ({ currentPassword: 'not the password', newPassword: 'a new long password' }), accepted: 403 },
    'invitations create': { who: 'coordinator', path: () => '/api/invitations', body: () => ({ role: 'official' }), accepted: 201 },
    'invitations accept': { who: 'anonymous', path: () => '/api/invitations/accept', body: () => ({ code: 'AAAAAAAAAAAAAAAA', email: 'x@example.org', password: PASSWORD, displayName: 'Х', languages: ['uk'] }), accepted: 404 },
    'moderation municipality reject': { who: 'moderator', path: () => `/api/moderation/municipalities/${member.municipalityId}/reject`, body: () => ({ reason: 'Не муніципалітет.' }), accepted: 409 },
    'moderation member reject': { who: 'moderator', path: () => `/api/moderation/members/${member.id}/reject`, body: () => ({ reason: 'Не член.' }), accepted: 409 },
    push: { who: 'coordinator', path: () => '/api/sync/needs/push', body: () => [{ newDocumentState: freshNeed({ municipalityId: member.municipalityId, title: 'Генератори' }) }], accepted: 200 },
  };

  async function post(route: Route, contentType: string): Promise<Answer<unknown>> {
    const browser = route.who === 'anonymous' ? newBrowser() : route.who === 'moderator' ? (await moderatorOf(own)).browser : member.browser;
    address += 1;
    return browser.request('POST', route.path(), route.body(), { 'content-type': contentType, 'x-forwarded-for': `198.51.100.${address}` });
  }

  it.each(Object.keys(routes))('%s answers 415 in the JSON error shape to every other charset, and reads UTF-8 named or not', async (name) => {
    const route = routes[name]!;
    for (const charset of NOT_UTF8) {
      const answer = await post(route, `application/json; charset=${charset}`);
      expect({ charset, status: answer.status, code: answer.body.error?.code }).toEqual({ charset, status: 415, code: 'invalid-request' });
      // Ours for the utf-* charsets express.json would have decoded, body-parser's for the others: both name it.
      expect(answer.body.error.message.toLowerCase()).toContain(charset.toLowerCase());
    }
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON; Charset="UTF-8"']) {
      expect({ contentType, status: (await post(route, contentType)).status }).toEqual({ contentType, status: route.accepted });
    }
  });

  it('a registration sent as UTF-7 stores nothing: the same email then registers as UTF-8, its text intact', async () => {
    const body = registration();
    const refused = await newBrowser().request('POST', '/api/auth/register', body, { 'content-type': 'application/json; charset=utf-7', 'x-forwarded-for': '203.0.113.1' });
    expect(refused.status).toBe(415);
    const registered = await newBrowser().request<Profile>('POST', '/api/auth/register', body, { 'x-forwarded-for': '203.0.113.2' });
    expect(registered.status).toBe(201);
    expect(registered.body.member.displayName).toBe(body.member.displayName);
  });
});

describe('the moderator made at start', () => {
  it('names themself as the author of their member document, as a registration does', async () => {
    const moderator = await moderatorOf(server);
    const running = await findRunningStore(server.dataDir);
    const couch = new Couch(authenticatedUrl(running!), 'c4c_');
    const stored = await couch.db('members').get(moderator.id);
    expect(stored.meta).toMatchObject({ createdBy: moderator.id, updatedBy: moderator.id });
  });
});
