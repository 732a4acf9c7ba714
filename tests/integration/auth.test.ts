/**
 * Accounts and sessions over HTTP against the real server and embedded store: one describe per
 * route, the 401/403 cases first. A `Browser` (support/browser.ts) keeps the session cookie like a browser would.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../domain/schemas/member';
import type { Municipality } from '../../domain/schemas/municipality';
import { Couch } from '../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../sync-server/store/embedded-store';
import { makeId } from '../support/factories';
import { browserFactory, expectError, PASSWORD, pullAll, registerIn, registration, type Profile } from './support/browser';
import { startTestServer, waitFor, type TestServer } from './support/sync-harness';

const run = promisify(execFile);

let server: TestServer;
const newBrowser = browserFactory(() => server.url);

/** Registers a municipality and returns its signed-in browser and email. */
function registered() {
  return registerIn(newBrowser());
}



beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

describe('POST /api/auth/register', () => {
  it('answers 403 bad-origin to a request from another site, and creates nothing', async () => {
    const body = registration();
    expectError(await newBrowser('https://evil.example').request('POST', '/api/auth/register', body), 403, 'bad-origin');
    expectError(await newBrowser().login(body.email), 401, 'invalid-credentials');
  });

  it('refuses a password shorter than 10 characters with password-too-short', async () => {
    const answer = await newBrowser().request('POST', '/api/auth/register', registration({ password: 'short-pw1' }));
    expectError(answer, 400, 'password-too-short');
    expect(answer.body.error.details).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('answers 400 with field errors named by document for an invalid municipality, email or member', async () => {
    const body = { ...registration({ municipality: { country: 'Ukraine' } }), email: 'not-an-email' };
    const first = await newBrowser().request('POST', '/api/auth/register', body);
    expectError(first, 400, 'invalid-request');
    const second = await newBrowser().request('POST', '/api/auth/register', { ...registration({ municipality: { country: 'Ukraine' } }), member: {} });
    expectError(second, 400, 'invalid-request');
    expect(second.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'municipality.country' }), expect.objectContaining({ field: 'member.displayName' })]),
    );
  });

  it('creates a pending municipality and its pending coordinator, signs them in, and publishes both documents with server meta', async () => {
    const browser = newBrowser(server.url);
    const body = registration({ municipality: { verification: { status: 'verified' } } });
    const answer = await browser.request<Profile>('POST', '/api/auth/register', body);
    expect(answer.status).toBe(201);
    expect(answer.setCookie).toMatch(/HttpOnly/i);
    expect(answer.setCookie).toMatch(/SameSite=Strict/i);
    expect(answer.setCookie).toMatch(/Path=\//);
    expect(answer.setCookie).toMatch(/Max-Age=2592000/);
    expect(answer.setCookie).not.toMatch(/Secure/i); // plain http on loopback
    const { member, municipality, actor } = answer.body;
    expect(municipality?.verification).toEqual({ status: 'pending' }); // what the client claimed is ignored
    expect(member).toMatchObject({ role: 'coordinator', status: 'pending', municipalityId: municipality?.id });
    expect(actor).toEqual({ memberId: member.id, municipalityId: municipality?.id, role: 'coordinator', memberStatus: 'pending', municipalityVerified: false });

    // What a phone signed in as the new coordinator pulls: its own, still pending, municipality and member.
    const members = await pullAll<Member>(browser, 'members');
    expect(members.find((doc) => doc.id === member.id)?.meta).toMatchObject({ createdBy: member.id, createdAt: expect.any(Number) as number });
    const municipalities = await pullAll<Municipality>(browser, 'municipalities');
    expect(municipalities.find((doc) => doc.id === municipality?.id)?.verification).toEqual({ status: 'pending' });
    expect((await browser.me()).body.email).toBe(body.email);
  });

  it('answers 409 email-taken for an email that has an account, whatever its case', async () => {
    const { email } = await registered();
    expectError(await newBrowser().request('POST', '/api/auth/register', registration({ email: email.toUpperCase() })), 409, 'email-taken');
  });
});

describe('POST /api/auth/login', () => {
  it('gives the same 401 invalid-credentials for an unknown email and for a wrong password', async () => {
    const { email } = await registered();
    const unknown = await newBrowser().login(`nobody-${makeId()}@example.org`);
    const wrong = await newBrowser().login(email, 'wrong password, long');
    expectError(unknown, 401, 'invalid-credentials');
    expect(wrong).toEqual(unknown);
  });

  it('answers 403 bad-origin to a sign-in from another site (Origin present and not ours)', async () => {
    const { email } = await registered();
    expectError(await newBrowser('http://127.0.0.1:1').login(email), 403, 'bad-origin');
    expectError(await newBrowser('null').login(email), 403, 'bad-origin');
  });

  it('answers 400 to a body that is not a sign-in', async () => {
    expectError(await newBrowser().request('POST', '/api/auth/login', { email: 'a@b.example' }), 400, 'invalid-request');
  });

  it('signs in with any case of the email and sets the session cookie', async () => {
    const { email, profile } = await registered();
    const browser = newBrowser(server.url);
    const answer = await browser.login(email.toUpperCase());
    expect(answer.status).toBe(200);
    expect(answer.body.actor).toEqual(profile.actor);
    expect(browser.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await browser.me()).body.member.id).toBe(profile.member.id);
  });
});

describe('GET /api/auth/me', () => {
  it('answers 401 not-signed-in without a cookie, and with an unknown cookie (which it clears)', async () => {
    expectError(await newBrowser().me(), 401, 'not-signed-in');
    const stranger = newBrowser();
    stranger.cookie = 'A'.repeat(43);
    const answer = await stranger.me();
    expectError(answer, 401, 'not-signed-in');
    expect(answer.setCookie).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('names the member, the actor and the municipality with its verification state', async () => {
    const { browser, email, profile } = await registered();
    const answer = await browser.me();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ email, actor: profile.actor, member: { id: profile.member.id }, municipality: { verification: { status: 'pending' } } });
  });

  it('slides a session unused for over an hour, and refuses an expired one', async () => {
    const { browser } = await registered();
    const address = await findRunningStore(server.dataDir);
    const sessions = new Couch(authenticatedUrl(address!), 'c4c_').privateDb('sessions');
    // This browser's session is the newest one (tests run one after another).
    const live = (await sessions.find({ selector: { revoked: false }, limit: 1000 })).docs;
    const mine = live.sort((a, b) => (b.createdAt as number) - (a.createdAt as number))[0]!;
    const twoHoursAgo = Date.now() - 2 * 60 * 60 * 1000;
    await sessions.insert({ ...mine, lastSeenAt: twoHoursAgo, expiresAt: Date.now() + 60_000 });
    const slid = await browser.me();
    expect(slid.status).toBe(200);
    expect(slid.setCookie).toMatch(/Max-Age=2592000/);
    const after = await sessions.get(mine._id);
    expect(after.expiresAt as number).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000);
    expect((await browser.me()).setCookie).toBeUndefined(); // touched at most once an hour

    await sessions.insert({ ...after, expiresAt: Date.now() - 1 });
    // Written straight into the store, as another instance would: it holds within SESSION_CACHE_MS (2 s by default, auth/session.ts).
    await waitFor(async () => expectError(await browser.me(), 401, 'not-signed-in'), 2_000 + 1_000);
  });
});

describe('POST /api/auth/password', () => {
  it('answers 401 not-signed-in without a session', async () => {
    expectError(await newBrowser().request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' }), 401, 'not-signed-in');
  });

  it('answers 403 bad-origin from another site, and 403 wrong-password without the current password', async () => {
    const { browser } = await registered();
    expectError(await browser.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' }, { origin: 'https://evil.example' }), 403, 'bad-origin');
    expectError(await browser.request('POST', '/api/auth/password', { currentPassword: 'not the password', newPassword: 'a new long password' }), 403, 'wrong-password');
    expectError(await browser.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' }), 400, 'password-too-short');
  });

  it('changes the password and signs out every other session, keeping this one', async () => {
    const { browser, email } = await registered();
    const phone = newBrowser();
    expect((await phone.login(email)).status).toBe(200);
    const answer = await browser.request<{ revokedSessions: number }>('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
    expect(answer.status).toBe(200);
    expect(answer.body.revokedSessions).toBe(1);
    expect((await browser.me()).status).toBe(200);
    expectError(await phone.me(), 401, 'not-signed-in');
    expectError(await newBrowser().login(email), 401, 'invalid-credentials');
    expect((await newBrowser().login(email, 'a new long password')).status).toBe(200);
  });
});

describe('POST /api/auth/logout', () => {
  it('answers 401 not-signed-in without a session and 403 bad-origin from another site', async () => {
    expectError(await newBrowser().request('POST', '/api/auth/logout'), 401, 'not-signed-in');
    const { browser } = await registered();
    expectError(await browser.request('POST', '/api/auth/logout', undefined, { origin: 'https://evil.example' }), 403, 'bad-origin');
    expect((await browser.me()).status).toBe(200);
  });

  it('revokes the session on the server: the same cookie replayed is refused', async () => {
    const { browser } = await registered();
    const cookie = browser.cookie;
    const answer = await browser.request('POST', '/api/auth/logout');
    expect(answer.status).toBe(204);
    expect(browser.cookie).toBeNull();
    expectError(await browser.me(), 401, 'not-signed-in');
    browser.cookie = cookie;
    expectError(await browser.me(), 401, 'not-signed-in');
  });
});

describe('sessions and the sync endpoints', () => {
  it('register → login → me → password change → logout, and me is 401 after', async () => {
    const { email } = await registered();
    const browser = newBrowser(server.url);
    expect((await browser.login(email)).status).toBe(200);
    expect((await browser.me()).status).toBe(200);
    expect((await browser.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' })).status).toBe(200);
    expect((await browser.request('POST', '/api/auth/logout')).status).toBe(204);
    expectError(await browser.me(), 401, 'not-signed-in');
  });

  it('sync needs a session, and the account databases are not collections', async () => {
    expectError(await newBrowser().request('GET', '/api/sync/needs/pull?limit=1'), 401, 'not-signed-in');
    const { browser } = await registered();
    expect((await browser.request('GET', '/api/sync/needs/pull?limit=1')).status).toBe(200);
    expectError(await browser.request('GET', '/api/sync/accounts/pull'), 404, 'unknown-collection');
    expectError(await browser.request('GET', '/api/sync/sessions/pull'), 404, 'unknown-collection');
  });

  it('a session survives a server restart on the same DATA_DIR', async () => {
    const { browser, profile } = await registered();
    server = await server.restart();
    const answer = await browser.me();
    expect(answer.status).toBe(200);
    expect(answer.body.member.id).toBe(profile.member.id);
  });

  it('the admin CLI creates a moderator through the running store, once', async () => {
    const email = `moderator-${makeId().slice(0, 8)}@cities4cities.example`;
    const args = ['--import', 'tsx', 'sync-server/cli.ts', 'create-moderator', '--email', email, '--password', PASSWORD, '--name', 'Moderator Test'];
    const env = { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' };
    const { stdout } = await run(process.execPath, args, { env });
    expect(stdout).toMatch(/Created moderator/);
    const again = await run(process.execPath, args, { env }).catch((error: { code: number; stderr: string }) => error);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/exists already/) as string });

    const browser = newBrowser();
    expect((await browser.login(email)).status).toBe(200);
    expect((await browser.me()).body.actor).toMatchObject({ role: 'moderator', memberStatus: 'active' });
  });
});

describe('login rate limits and ADMIN_EMAIL (a server of their own, with small limits)', () => {
  let limited: TestServer;
  let main: TestServer;
  const adminEmail = 'first.moderator@cities4cities.example';

  beforeAll(async () => {
    main = server;
    limited = await startTestServer(undefined, 0, { LOGIN_LIMIT_PER_ACCOUNT: '3', LOGIN_LIMIT_PER_IP: '6', ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: PASSWORD });
    server = limited;
  });

  afterAll(async () => {
    server = main;
    await limited.stop();
  });

  it('creates the ADMIN_EMAIL moderator at start', async () => {
    const browser = newBrowser();
    expect((await browser.login(adminEmail.toUpperCase())).status).toBe(200);
    expect((await browser.me()).body.actor).toMatchObject({ role: 'moderator', memberStatus: 'active' });
  });

  it('answers 429 too-many-attempts after the per-account limit, even with the right password', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expectError(await newBrowser().login(adminEmail, 'a wrong password'), 401, 'invalid-credentials');
    const refused = await newBrowser().login(adminEmail);
    expectError(refused, 429, 'too-many-attempts');
    expect(refused.body.error.details).toMatchObject({ retryAfterSeconds: expect.any(Number) as number });
  });

  it('answers 429 too-many-attempts after the per-IP limit, for any account', async () => {
    // 4 failures counted above (3 wrong passwords and the refused one); 2 more reach the limit of 6.
    for (let attempt = 0; attempt < 2; attempt++) expectError(await newBrowser().login(`nobody${attempt}@example.org`), 401, 'invalid-credentials');
    expectError(await newBrowser().login('someone.else@example.org'), 429, 'too-many-attempts');
  });
});
