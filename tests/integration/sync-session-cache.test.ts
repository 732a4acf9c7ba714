/**
 * The session cache of auth/session.ts (SESSION_CACHE_MS) must not outlive a revocation: what this
 * instance revokes (sign-out, a password change, a member's removal) holds for the very next
 * request, on push and stream alike; what is revoked elsewhere (another instance, straight in the
 * store) holds within SESSION_CACHE_MS. Real server, real embedded store.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../sync-server/auth/accounts';
import { Couch } from '../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../sync-server/store/embedded-store';
import { freshNeed } from '../support/factories';
import { addMember, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';
import { PASSWORD } from './support/browser';

/** Short, so the test of "revoked elsewhere" waits little; the default is 2 s. */
const CACHE_MS = 1_000;

let server: TestServer;
let coordinator: TestMember;

beforeAll(async () => {
  server = await startTestServer(undefined, 0, { SESSION_CACHE_MS: String(CACHE_MS) });
  coordinator = await verifiedMunicipality(server);
});

afterAll(async () => {
  await server?.stop();
});

/** Pushes one new need of `municipalityId` with the Cookie header `cookie` (kept, unlike Browser, after a 401); the HTTP status. */
async function pushWith(cookie: string, municipalityId: string): Promise<number> {
  const response = await fetch(`${server.url}/api/sync/needs/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify([{ newDocumentState: freshNeed({ municipalityId }) }]),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Opens a live stream with `cookie`; `ended` settles when the server closes it. */
function openStream(cookie: string): Promise<{ ended: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${server.url}/api/sync/stream`);
    const request = http.get({ host: url.hostname, port: url.port, path: url.pathname, headers: { cookie } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      const ended = new Promise<void>((done) => response.on('close', () => done()));
      response.resume();
      resolve({ ended, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

/** Rejects when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} not within ${ms} ms`)), ms))]);
}

describe('session cache and revocation', () => {
  it('a sign-out holds for the next push at once, however warm the cache', async () => {
    const member = await addMember(server, coordinator);
    const cookie = member.browser.cookieHeader!;
    for (let i = 0; i < 3; i++) expect(await pushWith(cookie, member.municipalityId)).toBe(200);
    expect((await member.browser.request('POST', '/api/auth/logout')).status).toBe(204);
    expect(await pushWith(cookie, member.municipalityId)).toBe(401);
  });

  it('a password change signs the other sessions out at once', async () => {
    const member = await addMember(server, coordinator);
    const otherPhone = member.browser.cookieHeader!;
    expect((await member.browser.login(member.email)).status).toBe(200);
    expect(await pushWith(otherPhone, member.municipalityId)).toBe(200);
    const changed = await member.browser.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' });
    expect(changed.status).toBe(200);
    expect(await pushWith(otherPhone, member.municipalityId)).toBe(401);
    expect(await pushWith(member.browser.cookieHeader!, member.municipalityId)).toBe(200);
  });

  it('a removed member is refused on the next push, and their open stream ends within the bound', async () => {
    const member = await addMember(server, coordinator);
    const cookie = member.browser.cookieHeader!;
    expect(await pushWith(cookie, member.municipalityId)).toBe(200);
    const stream = await openStream(cookie);
    try {
      const removed = await coordinator.browser.request('POST', `/api/members/${member.id}/remove`);
      expect(removed.status).toBe(200);
      expect(await pushWith(cookie, member.municipalityId)).toBe(401);
      // The stream ends on its own member document's change (stream.ts), which the store's feed brings.
      await within(stream.ended, 5_000, 'the removed member’s stream ended');
    } finally {
      stream.close();
    }
  });

  it('a session revoked elsewhere (straight in the store) is refused within SESSION_CACHE_MS', async () => {
    const member = await addMember(server, coordinator);
    const cookie = member.browser.cookieHeader!;
    expect(await pushWith(cookie, member.municipalityId)).toBe(200);
    const address = await findRunningStore(server.dataDir);
    const sessions = new SessionStore(new Couch(authenticatedUrl(address!), 'c4c_'));
    const mine = (await new Couch(authenticatedUrl(address!), 'c4c_').privateDb('sessions').find({ selector: { memberId: member.id, revoked: false }, limit: 10 })).docs;
    expect(mine).toHaveLength(1);
    const revokedAt = performance.now();
    await sessions.revoke(mine[0]!._id, Date.now());
    let status = await pushWith(cookie, member.municipalityId);
    while (status === 200 && performance.now() - revokedAt < CACHE_MS + 3_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await pushWith(cookie, member.municipalityId);
    }
    expect(status).toBe(401);
    // The last accepted push was sent within the bound (a loaded machine may take long to answer it).
    expect(performance.now() - revokedAt).toBeLessThan(CACHE_MS + 3_000);
  });
});
