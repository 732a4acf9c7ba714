/**
 * Inviting field volunteers (issue 10): a coordinator chooses the role an invitation admits,
 * official (the default, also with no body) or volunteer, and nothing else; the member who joins
 * with it has that role. A volunteer of the receiving city, once admitted, confirms what arrived
 * (a `received` event) through the ordinary sync push, like an official. Real server, real store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateInvitationResponse } from '../../domain/account-protocol';
import type { PushResponse } from '../../domain/sync-protocol';
import type { Need } from '../../domain/schemas/need';
import type { Pledge } from '../../domain/schemas/pledge';
import { fresh, freshNeed, makeEvent, makeId, makePledge } from '../support/factories';
import { browserFactory, expectError, PASSWORD, type Profile } from './support/browser';
import { moderatorOf, pendingMunicipality, startTestServer, verifiedMunicipality, type TestMember, type TestServer } from './support/sync-harness';

let server: TestServer;
const newBrowser = browserFactory(() => server.url);
/** Coordinators of A (the receiving city) and B (the sending one), and a pending coordinator. */
let coordinatorA: TestMember;
let coordinatorB: TestMember;
let pendingCoordinator: TestMember;
let moderator: TestMember;

beforeAll(async () => {
  server = await startTestServer();
  moderator = await moderatorOf(server);
  [coordinatorA, coordinatorB, pendingCoordinator] = await Promise.all([verifiedMunicipality(server), verifiedMunicipality(server), pendingMunicipality(server)]);
});

afterAll(async () => {
  await server.stop();
});

const invite = (member: TestMember, body?: unknown) => member.browser.request<CreateInvitationResponse>('POST', '/api/invitations', body);

/** Joins with `code` as a new person; answers their signed-in browser and profile. */
async function join(code: string) {
  const browser = newBrowser();
  const accept = { code, email: `joiner-${makeId().slice(0, 8)}@hromada.example`, password: PASSWORD, displayName: 'Марія Бондар', languages: ['uk'] };
  const answer = await browser.request<Profile>('POST', '/api/invitations/accept', accept);
  expect(answer.status).toBe(201);
  return { browser, profile: answer.body };
}

async function push<T>(member: { browser: TestMember['browser'] }, collection: string, docs: T[]) {
  const rows = docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } }));
  return (await member.browser.request<PushResponse>('POST', `/api/sync/${collection}/push`, rows)).body;
}

describe('POST /api/invitations with a role', () => {
  it('answers 401 and 403 before reading the role', async () => {
    expectError(await newBrowser().request('POST', '/api/invitations', { role: 'volunteer' }), 401, 'not-signed-in');
    expectError(await moderator.browser.request('POST', '/api/invitations', { role: 'volunteer' }), 403, 'coordinator-only');
    expectError(await invite(pendingCoordinator, { role: 'moderator' }), 403, 'not-verified');
  });

  it.each([
    ['moderator', { role: 'moderator' }],
    ['coordinator', { role: 'coordinator' }],
    ['an unknown role', { role: 'admin' }],
    ['a role that is not a string', { role: 1 }],
    ['a field it does not know', { role: 'volunteer', municipalityId: 'muni-other' }],
    ['a body that is not an object', ['volunteer']],
  ])('answers 400 invalid-request for %s', async (_what, body) => {
    const answer = await invite(coordinatorA, body);
    expectError(answer, 400, 'invalid-request');
  });

  it('invites an official by default, with an empty body or none at all', async () => {
    const withNone = await invite(coordinatorA);
    expect(withNone.status).toBe(201);
    expect(withNone.body.role).toBe('official');
    const withEmpty = await invite(coordinatorA, {});
    expect(withEmpty.status).toBe(201);
    expect(withEmpty.body.role).toBe('official');
    const { profile } = await join(withEmpty.body.code);
    expect(profile.member).toMatchObject({ municipalityId: coordinatorA.municipalityId, role: 'official', status: 'pending' });
  });
});

describe('a volunteer invited and admitted', () => {
  let volunteer: { browser: TestMember['browser']; profile: Profile };
  let need: Need;
  let pledge: Pledge;

  beforeAll(async () => {
    const answer = await invite(coordinatorA, { role: 'volunteer' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ municipalityId: coordinatorA.municipalityId, role: 'volunteer' });
    volunteer = await join(answer.body.code);
  });

  it('joins as a pending volunteer of the inviting municipality', () => {
    expect(volunteer.profile.member).toMatchObject({ municipalityId: coordinatorA.municipalityId, role: 'volunteer', status: 'pending' });
    expect(volunteer.profile.actor.role).toBe('volunteer');
  });

  it('keeps the role once a moderator admits them', async () => {
    const verified = await moderator.browser.request('POST', `/api/moderation/members/${volunteer.profile.member.id}/verify`);
    expect(verified.status).toBe(200);
    const me = await volunteer.browser.me();
    expect(me.body.actor).toMatchObject({ role: 'volunteer', memberStatus: 'active', municipalityId: coordinatorA.municipalityId });
  });

  it('confirms what arrived of a pledge to their municipality, and may not dispatch it', async () => {
    need = freshNeed({ municipalityId: coordinatorA.municipalityId });
    expect(await push(coordinatorA, 'needs', [need])).toEqual({ conflicts: [], refused: [] });
    pledge = fresh(makePledge({ needId: need.id, offerId: undefined, fromMunicipalityId: coordinatorB.municipalityId, toMunicipalityId: coordinatorA.municipalityId, expiresAt: Date.now() + 14 * 86_400_000 }));
    expect(await push(coordinatorB, 'pledges', [pledge])).toEqual({ conflicts: [], refused: [] });

    const by = { byMemberId: volunteer.profile.member.id, byMunicipalityId: coordinatorA.municipalityId };
    const received = fresh(makeEvent('received', { pledgeId: pledge.id, quantity: 3, ...by }));
    expect(await push(volunteer, 'pledge_events', [received])).toEqual({ conflicts: [], refused: [] });

    const dispatched = fresh(makeEvent('dispatched', { pledgeId: pledge.id, ...by }));
    const answer = await push(volunteer, 'pledge_events', [dispatched]);
    expect(answer.refused.map((refusal) => refusal.code)).toEqual(['wrong-party']);
  });
});
