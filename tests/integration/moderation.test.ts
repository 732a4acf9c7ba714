/**
 * Moderation, invitations and member removal over HTTP against the real server and embedded store:
 * one describe per route, the 401/403 cases first. The tests share one server and run in order:
 * hromada A is verified, B rejected, C's coordinator rejected; a member joins A by invitation, is
 * admitted, then removed. Few accounts, since each one costs a password hash. What phones see is
 * pulled by an observer: the coordinator of another, verified, municipality.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../domain/schemas/member';
import type { Municipality } from '../../domain/schemas/municipality';
import type { Need } from '../../domain/schemas/need';
import type { PullResponse } from '../../domain/sync-protocol';
import { freshNeed, makeId } from '../support/factories';
import { browserFactory, expectError, PASSWORD, pullAll, registerIn, type Browser, type Profile } from './support/browser';
import { moderatorOf, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

const ADMIN_EMAIL = 'moderator@cities4cities.example';
const EVIL = { origin: 'https://evil.example' };

type Pending = {
  municipalities: { municipality: Municipality; applicant: { member: Member; email: string } | null }[];
  members: { member: Member; email: string | null; municipality: Municipality | null }[];
};

let server: TestServer;
const newBrowser = browserFactory(() => server.url);
let moderator: Browser;
let moderatorId = '';
/** Registered applicants: A gets verified, B rejected (its coordinator with it), C's coordinator rejected as a member. */
let a: { browser: Browser; email: string; profile: Profile };
let b: { browser: Browser; email: string; profile: Profile };
let c: { browser: Browser; email: string; profile: Profile };
/** Who joins A with an invitation. */
const joiner = { browser: null as Browser | null, profile: null as Profile | null, email: `joiner-${makeId().slice(0, 8)}@hromada.example` };
let invitationCode = '';
/** A verified coordinator of another municipality, whose phone pulls what the others publish. */
let observer: TestMember;

function idOf(profile: Profile): string {
  return profile.municipality!.id;
}

beforeAll(async () => {
  server = await startTestServer(undefined, 0, { ADMIN_EMAIL, ADMIN_PASSWORD: PASSWORD });
  const signedIn = await moderatorOf(server);
  expect(signedIn.email).toBe(ADMIN_EMAIL);
  moderator = signedIn.browser;
  moderatorId = signedIn.id;
  [a, b, c, observer] = await Promise.all([registerIn(newBrowser()), registerIn(newBrowser()), registerIn(newBrowser()), verifiedMunicipality(server)]);
});

afterAll(async () => {
  await server.stop();
});

describe('GET /api/moderation/pending', () => {
  it('answers 401 not-signed-in without a session and 403 moderator-only to a coordinator', async () => {
    expectError(await newBrowser().request('GET', '/api/moderation/pending'), 401, 'not-signed-in');
    expectError(await a.browser.request('GET', '/api/moderation/pending'), 403, 'moderator-only');
  });

  it('lists pending municipalities with their applicant and email, and pending members', async () => {
    const answer = await moderator.request<Pending>('GET', '/api/moderation/pending');
    expect(answer.status).toBe(200);
    const entry = answer.body.municipalities.find((item) => item.municipality.id === idOf(a.profile));
    expect(entry?.municipality.nameLatin).toBe(a.profile.municipality?.nameLatin);
    expect(entry?.applicant).toEqual({ member: expect.objectContaining({ id: a.profile.member.id, displayName: 'Олена Коваленко' }) as Member, email: a.email });
    const member = answer.body.members.find((item) => item.member.id === c.profile.member.id);
    expect(member).toMatchObject({ email: c.email, municipality: { id: idOf(c.profile) } });
  });
});

describe('POST /api/moderation/municipalities/:id/verify', () => {
  it('answers 401 not-signed-in, 403 moderator-only to the applicant, 403 bad-origin from another site', async () => {
    const path = `/api/moderation/municipalities/${idOf(a.profile)}/verify`;
    expectError(await newBrowser().request('POST', path), 401, 'not-signed-in');
    expectError(await a.browser.request('POST', path), 403, 'moderator-only');
    expectError(await moderator.request('POST', path, undefined, EVIL), 403, 'bad-origin');
    expect((await a.browser.me()).body.municipality?.verification).toEqual({ status: 'pending' });
  });

  it('answers 404 not-found for an unknown municipality', async () => {
    expectError(await moderator.request('POST', `/api/moderation/municipalities/${makeId()}/verify`), 404, 'not-found');
  });

  it('verifies the municipality and its first coordinator, and re-publishes what it prepared while pending', async () => {
    const need = freshNeed({ municipalityId: idOf(a.profile), status: 'open' });
    // Prepared by the pending coordinator: open, but not published while A is pending.
    const pushed = await a.browser.request('POST', '/api/sync/needs/push', [{ newDocumentState: need }]);
    expect(pushed.body).toEqual({ conflicts: [], refused: [] });
    // A phone that has pulled everything so far, and skipped the unpublished need.
    const before = await observer.browser.request<PullResponse<Need>>('GET', '/api/sync/needs/pull?limit=500');
    expect(before.body.documents.map((doc) => doc.id)).not.toContain(need.id);

    const answer = await moderator.request<{ municipality: Municipality; member: Member }>('POST', `/api/moderation/municipalities/${idOf(a.profile)}/verify`);
    expect(answer.status).toBe(200);
    expect(answer.body.municipality.verification).toEqual({ status: 'verified' });
    expect(answer.body.member).toMatchObject({ id: a.profile.member.id, status: 'active' });

    const municipality = (await pullAll<Municipality>(observer.browser, 'municipalities')).find((doc) => doc.id === idOf(a.profile));
    expect(municipality?.verification).toEqual({ status: 'verified' });
    expect(municipality?.meta).toMatchObject({ updatedBy: moderatorId, createdBy: a.profile.member.id });
    const member = (await pullAll<Member>(observer.browser, 'members')).find((doc) => doc.id === a.profile.member.id);
    expect(member?.status).toBe('active');
    const after = await observer.browser.request<PullResponse<Need>>('GET', `/api/sync/needs/pull?limit=500&checkpoint=${encodeURIComponent(before.body.checkpoint.seq)}`);
    expect(after.body.documents.map((doc) => doc.id)).toContain(need.id);
    expect((await a.browser.me()).body.actor).toMatchObject({ memberStatus: 'active', municipalityVerified: true });
  });

  it('answers 409 already-decided when asked again', async () => {
    expectError(await moderator.request('POST', `/api/moderation/municipalities/${idOf(a.profile)}/verify`), 409, 'already-decided');
  });
});

describe('POST /api/moderation/municipalities/:id/reject', () => {
  it('answers 401 not-signed-in and 403 moderator-only', async () => {
    const path = `/api/moderation/municipalities/${idOf(b.profile)}/reject`;
    expectError(await newBrowser().request('POST', path, { reason: 'x' }), 401, 'not-signed-in');
    expectError(await a.browser.request('POST', path, { reason: 'x' }), 403, 'moderator-only');
  });

  it('answers 400 invalid-request without a reason, with a blank one and with one over 500 characters', async () => {
    const path = `/api/moderation/municipalities/${idOf(b.profile)}/reject`;
    expectError(await moderator.request('POST', path, {}), 400, 'invalid-request');
    expectError(await moderator.request('POST', path, { reason: '   ' }), 400, 'invalid-request');
    expectError(await moderator.request('POST', path, { reason: 'x'.repeat(501) }), 400, 'invalid-request');
  });

  it('rejects with a reason the applicant sees in /api/auth/me, and refuses deciding again', async () => {
    const reason = 'The official website does not list this person';
    const answer = await moderator.request<{ municipality: Municipality }>('POST', `/api/moderation/municipalities/${idOf(b.profile)}/reject`, { reason });
    expect(answer.status).toBe(200);
    const me = (await b.browser.me()).body;
    expect(me.municipality?.verification).toEqual({ status: 'rejected', reason });
    // Its applicant is rejected with it, so they do not wait in the members queue for nothing.
    expect({ status: me.member.status, reason: me.rejection?.reason }).toEqual({ status: 'removed', reason });
    const pending = (await moderator.request<Pending>('GET', '/api/moderation/pending')).body;
    expect(pending.members.map((entry) => entry.member.id)).not.toContain(b.profile.member.id);
    expectError(await moderator.request('POST', `/api/moderation/municipalities/${idOf(b.profile)}/verify`), 409, 'already-decided');
  });
});

describe('POST /api/invitations', () => {
  it('answers 401 not-signed-in, 403 coordinator-only to a moderator, 403 not-verified to a pending coordinator', async () => {
    expectError(await newBrowser().request('POST', '/api/invitations'), 401, 'not-signed-in');
    expectError(await moderator.request('POST', '/api/invitations'), 403, 'coordinator-only');
    expectError(await c.browser.request('POST', '/api/invitations'), 403, 'not-verified');
    expectError(await a.browser.request('POST', '/api/invitations', undefined, EVIL), 403, 'bad-origin');
  });

  it('gives a verified coordinator a single-use base32 code for their municipality, valid 7 days', async () => {
    const answer = await a.browser.request<{ code: string; municipalityId: string; expiresAt: number }>('POST', '/api/invitations');
    expect(answer.status).toBe(201);
    expect(answer.body.code).toMatch(/^[A-Z2-7]{16}$/);
    expect(answer.body.municipalityId).toBe(idOf(a.profile));
    expect(answer.body.expiresAt).toBeGreaterThan(Date.now() + 6.9 * 24 * 60 * 60 * 1000);
    invitationCode = answer.body.code;
  });
});

describe('POST /api/invitations/accept', () => {
  const join = (browser: Browser, code: string, headers: Record<string, string> = {}) =>
    browser.request<Profile>('POST', '/api/invitations/accept', { code, email: joiner.email, password: PASSWORD, displayName: 'Петро Шевченко', languages: ['uk'] }, headers);

  it('answers 404 invalid-invitation for an unknown code, 403 bad-origin from another site, 400 for a short password', async () => {
    expectError(await join(newBrowser(), 'AAAAAAAAAAAAAAAA'), 404, 'invalid-invitation');
    expectError(await join(newBrowser(), invitationCode, EVIL), 403, 'bad-origin');
    const short = await newBrowser().request('POST', '/api/invitations/accept', { code: invitationCode, email: joiner.email, password: 'short', displayName: 'P', languages: ['uk'] });
    expectError(short, 400, 'password-too-short');
  });

  it('creates a pending official of the inviting municipality and signs them in; the code works once', async () => {
    const browser = newBrowser();
    const typed = `${invitationCode.slice(0, 8).toLowerCase()}-${invitationCode.slice(8)}`;
    const answer = await join(browser, typed);
    expect(answer.status).toBe(201);
    expect(answer.body.member).toMatchObject({ municipalityId: idOf(a.profile), role: 'official', status: 'pending', displayName: 'Петро Шевченко' });
    expect(browser.cookie).not.toBeNull();
    expect((await browser.me()).body.email).toBe(joiner.email);
    joiner.browser = browser;
    joiner.profile = answer.body;
    expectError(await join(newBrowser(), invitationCode), 404, 'invalid-invitation');
  });
});

describe('POST /api/moderation/members/:id/verify and /reject', () => {
  it('answer 401 not-signed-in and 403 moderator-only', async () => {
    const path = `/api/moderation/members/${joiner.profile!.member.id}/verify`;
    expectError(await newBrowser().request('POST', path), 401, 'not-signed-in');
    expectError(await a.browser.request('POST', path), 403, 'moderator-only');
    expectError(await a.browser.request('POST', `/api/moderation/members/${c.profile.member.id}/reject`, { reason: 'no' }), 403, 'moderator-only');
  });

  it('admits a pending member once', async () => {
    const path = `/api/moderation/members/${joiner.profile!.member.id}/verify`;
    const answer = await moderator.request<{ member: Member }>('POST', path);
    expect(answer.body.member).toMatchObject({ id: joiner.profile!.member.id, status: 'active' });
    expect((await joiner.browser!.me()).body.actor).toMatchObject({ memberStatus: 'active', municipalityVerified: true });
    expectError(await moderator.request('POST', path), 409, 'already-decided');
  });

  it('rejects a pending member with a reason they see in /api/auth/me', async () => {
    const reason = 'Please apply with your work email';
    const answer = await moderator.request<{ member: Member }>('POST', `/api/moderation/members/${c.profile.member.id}/reject`, { reason });
    expect(answer.body.member.status).toBe('removed');
    const me = await c.browser.me();
    expect(me.body.rejection).toEqual({ reason, at: expect.any(Number) as number });
    expect(me.body.member.status).toBe('removed');
  });
});

describe('POST /api/members/:id/remove', () => {
  it('answers 401 not-signed-in, 403 coordinator-only to an official, 404 to another coordinator (as for an unknown id)', async () => {
    const path = `/api/members/${joiner.profile!.member.id}/remove`;
    expectError(await newBrowser().request('POST', path), 401, 'not-signed-in');
    expectError(await joiner.browser!.request('POST', `/api/members/${a.profile.member.id}/remove`), 403, 'coordinator-only');
    expectError(await observer.browser.request('POST', path), 404, 'not-found');
    // B's coordinator was rejected with their municipality: removed, they may remove nobody.
    expectError(await b.browser.request('POST', path), 403, 'removed-member');
    expectError(await a.browser.request('POST', path, undefined, EVIL), 403, 'bad-origin');
    expectError(await a.browser.request('POST', `/api/members/${makeId()}/remove`), 404, 'not-found');
  });

  it('removes a member of their own municipality and signs them out everywhere', async () => {
    const phone = newBrowser();
    expect((await phone.login(joiner.email)).status).toBe(200);
    const answer = await a.browser.request<{ member: Member; revokedSessions: number }>('POST', `/api/members/${joiner.profile!.member.id}/remove`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ member: { status: 'removed' }, revokedSessions: 2 });
    expectError(await joiner.browser!.me(), 401, 'not-signed-in');
    expectError(await phone.me(), 401, 'not-signed-in');
    const pulled = (await pullAll<Member>(observer.browser, 'members')).find((doc) => doc.id === joiner.profile!.member.id);
    expect(pulled?.status).toBe('removed');
    expect(pulled?.meta).toMatchObject({ updatedBy: a.profile.member.id });
  });
});
