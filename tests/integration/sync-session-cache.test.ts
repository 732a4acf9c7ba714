/**
 * The session cache of auth/session.ts (SESSION_CACHE_MS) must not outlive a revocation: what this
 * instance revokes (sign-out, a password change, a member's removal) holds for the very next
 * request, on push and stream alike; what is revoked elsewhere (another instance, straight in the
 * store) holds within SESSION_CACHE_MS. The cache forgets only whom a request may change: on a
 * server whose cache outlives every test, another member's photo upload, pushes and sign-out leave
 * a member's remembered session alone, while every route that changes who a member is (sign-out,
 * password, removal, role, moderation of the member or of their municipality) holds for that
 * member's very next request. Real server, real embedded store.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../domain/schemas/member';
import type { PushResponse } from '../../domain/sync-protocol';
import { SessionStore } from '../../sync-server/auth/accounts';
import { Couch } from '../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../sync-server/store/embedded-store';
import { fresh, freshNeed, makePhoto } from '../support/factories';
import { addMember, api, moderatorOf, pendingMunicipality, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';
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
async function pushWith(cookie: string, municipalityId: string, to: { url: string } = server): Promise<number> {
  const response = await fetch(`${to.url}/api/sync/needs/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify([{ newDocumentState: freshNeed({ municipalityId }) }]),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Revokes `member`'s one session straight in the store, as another instance or the admin CLI would
 * (this server's cache is not told); when it was revoked (performance.now()).
 */
async function revokeElsewhere(on: TestServer, member: TestMember): Promise<number> {
  const couch = new Couch(authenticatedUrl((await findRunningStore(on.dataDir))!), 'c4c_');
  const mine = (await couch.privateDb('sessions').find({ selector: { memberId: member.id, revoked: false }, limit: 10 })).docs;
  expect(mine).toHaveLength(1);
  const revokedAt = performance.now();
  await new SessionStore(couch).revoke(mine[0]!._id, Date.now());
  return revokedAt;
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
    const revokedAt = await revokeElsewhere(server, member);
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

describe('session cache: only whom a request may change is forgotten', () => {
  /** Outlives every test: what is still let in was remembered, what is refused at once was forgotten. */
  const LONG_CACHE_MS = 10 * 60_000;
  let long: TestServer;
  let coordinator: TestMember;

  beforeAll(async () => {
    long = await startTestServer(undefined, 0, { SESSION_CACHE_MS: String(LONG_CACHE_MS) });
    coordinator = await verifiedMunicipality(long);
  });

  afterAll(async () => {
    await long?.stop();
  });

  const push = (member: TestMember, collection: string, rows: unknown[]) =>
    api<PushResponse>(long, `/api/sync/${collection}/push`, { method: 'POST', body: JSON.stringify(rows) }, member);

  /** A member that the server remembers as signed in although their session was revoked in the store behind its back. */
  async function rememberedButRevoked(member: TestMember): Promise<string> {
    const cookie = member.browser.cookieHeader!;
    expect(await pushWith(cookie, member.municipalityId, long)).toBe(200);
    await revokeElsewhere(long, member);
    expect(await pushWith(cookie, member.municipalityId, long)).toBe(200);
    return cookie;
  }

  /** `by` changes `memberId`'s member document through sync, as the members screen does. */
  async function changeMember(by: TestMember, memberId: Member['id'], change: Partial<Member>): Promise<void> {
    const { body } = await api<{ documents: Member[] }>(long, '/api/sync/members/pull?limit=500', {}, by);
    const stored = body.documents.find((doc) => doc.id === memberId)!;
    const { meta: _serverSet, ...content } = stored;
    const answer = await push(by, 'members', [{ assumedMasterState: stored, newDocumentState: { ...content, ...change, updatedAt: stored.updatedAt + 1 } }]);
    expect(answer.body).toEqual({ conflicts: [], refused: [] });
  }

  /** What the server lets `member` do now, judged with the actor it resolves for them. */
  const pullStatus = async (member: TestMember) => (await api(long, '/api/sync/needs/pull', {}, member)).status;
  const inviteStatus = async (member: TestMember) => (await member.browser.request('POST', '/api/invitations')).status;
  const needRefusals = async (member: TestMember) => (await push(member, 'needs', [{ newDocumentState: freshNeed({ municipalityId: member.municipalityId }) }])).body.refused.map((refusal) => refusal.code);

  it('another member’s photo upload, pushes and sign-out leave a member’s remembered session alone', async () => {
    const [x, y] = [await addMember(long, coordinator), await addMember(long, coordinator)];
    const elsewhere = await verifiedMunicipality(long);
    const cookie = await rememberedButRevoked(y);

    const need = freshNeed({ municipalityId: x.municipalityId });
    expect((await push(x, 'needs', [{ newDocumentState: need }])).body).toEqual({ conflicts: [], refused: [] });
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
    const photo = fresh(makePhoto({ ownerKind: 'need', ownerId: need.id, mimeType: 'image/jpeg', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), width: 1, height: 1 }));
    expect((await push(x, 'photos', [{ newDocumentState: photo }])).body).toEqual({ conflicts: [], refused: [] });
    const uploaded = await fetch(`${long.url}/api/photos/${photo.id}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', cookie: x.browser.cookieHeader! }, body: new Uint8Array(bytes) });
    expect(uploaded.status).toBe(201);
    // Another municipality's coordinator changes their own member document: only their municipality's members are forgotten.
    await changeMember(elsewhere, elsewhere.id, { displayName: 'Марія Бондар' });
    expect((await x.browser.request('POST', '/api/auth/logout')).status).toBe(204);
    expect(await pushWith(cookie, y.municipalityId, long)).toBe(200);

    // A change to a member of Y's municipality forgets its members, Y included: the revocation shows.
    await changeMember(coordinator, coordinator.id, { displayName: 'Оксана Гнатюк' });
    expect(await pushWith(cookie, y.municipalityId, long)).toBe(401);
  });

  it('a sign-out holds at once', async () => {
    const member = await addMember(long, coordinator);
    const cookie = member.browser.cookieHeader!;
    expect(await pushWith(cookie, member.municipalityId, long)).toBe(200);
    expect((await member.browser.request('POST', '/api/auth/logout')).status).toBe(204);
    expect(await pushWith(cookie, member.municipalityId, long)).toBe(401);
  });

  it('a password change signs the other sessions out at once', async () => {
    const member = await addMember(long, coordinator);
    const otherPhone = member.browser.cookieHeader!;
    expect((await member.browser.login(member.email)).status).toBe(200);
    expect(await pushWith(otherPhone, member.municipalityId, long)).toBe(200);
    const changed = await member.browser.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' });
    expect(changed.status).toBe(200);
    expect(await pushWith(otherPhone, member.municipalityId, long)).toBe(401);
  });

  it('a member removed by their coordinator is refused at once (the removed member is forgotten, not only the coordinator)', async () => {
    const member = await addMember(long, coordinator);
    const cookie = member.browser.cookieHeader!;
    expect(await pushWith(cookie, member.municipalityId, long)).toBe(200);
    expect((await coordinator.browser.request('POST', `/api/members/${member.id}/remove`)).status).toBe(200);
    expect(await pushWith(cookie, member.municipalityId, long)).toBe(401);
  });

  it('an official made coordinator may invite at once', async () => {
    const member = await addMember(long, coordinator);
    expect(await inviteStatus(member)).toBe(403);
    await changeMember(coordinator, member.id, { role: 'coordinator' });
    expect(await inviteStatus(member)).toBe(201);
  });

  it('a pending member a moderator admits publishes at once, and one they reject is refused at once', async () => {
    const moderator = await moderatorOf(long);
    const [admitted, rejected] = [await addMember(long, coordinator, { verify: false }), await addMember(long, coordinator, { verify: false })];
    expect(await needRefusals(admitted)).toEqual(['not-verified']);
    expect(await pullStatus(rejected)).toBe(200);
    expect((await moderator.browser.request('POST', `/api/moderation/members/${admitted.id}/verify`)).status).toBe(200);
    expect((await moderator.browser.request('POST', `/api/moderation/members/${rejected.id}/reject`, { reason: 'Not one of ours' })).status).toBe(200);
    expect(await needRefusals(admitted)).toEqual([]);
    expect(await pullStatus(rejected)).toBe(403);
  });

  it('a municipality a moderator verifies lets its coordinator invite at once, and one they reject shuts its applicant out at once', async () => {
    const moderator = await moderatorOf(long);
    const [verified, rejected] = [await pendingMunicipality(long), await pendingMunicipality(long)];
    expect(await inviteStatus(verified)).toBe(403);
    expect(await pullStatus(rejected)).toBe(200);
    expect((await moderator.browser.request('POST', `/api/moderation/municipalities/${verified.municipalityId}/verify`)).status).toBe(200);
    expect((await moderator.browser.request('POST', `/api/moderation/municipalities/${rejected.municipalityId}/reject`, { reason: 'Not a municipality' })).status).toBe(200);
    expect(await inviteStatus(verified)).toBe(201);
    expect(await pullStatus(rejected)).toBe(403);
  });
});
