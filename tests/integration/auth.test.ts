/**
 * Accounts and sessions over HTTP against the real server and embedded store: one describe per
 * route, the 401/403 cases first. A `Browser` keeps the session cookie like a browser would.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/permissions';
import type { Member } from '../../domain/schemas/member';
import type { Municipality } from '../../domain/schemas/municipality';
import type { ErrorBody, PullResponse } from '../../domain/sync-protocol';
import { SESSION_COOKIE } from '../../sync-server/auth/constants';
import { Couch } from '../../sync-server/store/couch';
import { authenticatedUrl, findRunningStore } from '../../sync-server/store/embedded-store';
import { makeId, makeMunicipality } from '../support/factories';
import { startTestServer, type TestServer } from './support/sync-harness';

const run = promisify(execFile);
const PASSWORD = 'correct horse battery';

type Profile = { email: string; actor: Actor; member: Member; municipality: Municipality | null };
type Answer<T> = { status: number; body: T & ErrorBody; setCookie: string | undefined };

let server: TestServer;

/** A client that keeps the session cookie and sends an Origin header when given one. */
class Browser {
  cookie: string | null = null;
  constructor(private readonly origin: string | null = null) {}

  async request<T = unknown>(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(`${server.url}${pathname}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}),
        ...(this.origin ? { origin: this.origin } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    if (setCookie) {
      const value = setCookie.slice(SESSION_COOKIE.length + 1).split(';')[0]!;
      this.cookie = value === '' || /Expires=Thu, 01 Jan 1970/i.test(setCookie) ? null : value;
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T & ErrorBody, setCookie };
  }

  me() {
    return this.request<Profile>('GET', '/api/auth/me');
  }
  login(email: string, password = PASSWORD) {
    return this.request<Profile>('POST', '/api/auth/login', { email, password });
  }
}

let counter = 0;
function registration(overrides: { email?: string; password?: string; municipality?: object } = {}) {
  counter += 1;
  const { id: _id, verification: _verification, partnerIds: _partners, updatedAt: _updatedAt, ...municipality } = makeMunicipality();
  return {
    email: overrides.email ?? `official${counter}-${makeId().slice(0, 8)}@hromada.example`,
    password: overrides.password ?? PASSWORD,
    municipality: { ...municipality, nameLatin: `Test hromada ${counter}`, ...overrides.municipality },
    member: { displayName: 'Олена Коваленко', languages: ['uk', 'en'] },
  };
}

/** Registers a municipality and returns its signed-in browser and email. */
async function registered(): Promise<{ browser: Browser; email: string; profile: Profile }> {
  const browser = new Browser();
  const body = registration();
  const answer = await browser.request<Profile>('POST', '/api/auth/register', body);
  expect(answer.status).toBe(201);
  return { browser, email: body.email, profile: answer.body };
}

function expectError(answer: Answer<unknown>, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body.error?.code }).toEqual({ status, code });
  expect(answer.body.error.message).toMatch(/\w/);
}

async function pullAll<T>(collection: string): Promise<T[]> {
  const answer = await new Browser().request<PullResponse<T>>('GET', `/api/sync/${collection}/pull?limit=500`);
  expect(answer.status).toBe(200);
  return answer.body.documents;
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
    expectError(await new Browser('https://evil.example').request('POST', '/api/auth/register', body), 403, 'bad-origin');
    expectError(await new Browser().login(body.email), 401, 'invalid-credentials');
  });

  it('refuses a password shorter than 10 characters with password-too-short', async () => {
    const answer = await new Browser().request('POST', '/api/auth/register', registration({ password: 'short-pw1' }));
    expectError(answer, 400, 'password-too-short');
    expect(answer.body.error.details).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('answers 400 with field errors named by document for an invalid municipality, email or member', async () => {
    const body = { ...registration({ municipality: { country: 'Ukraine' } }), email: 'not-an-email' };
    const first = await new Browser().request('POST', '/api/auth/register', body);
    expectError(first, 400, 'invalid-request');
    const second = await new Browser().request('POST', '/api/auth/register', { ...registration({ municipality: { country: 'Ukraine' } }), member: {} });
    expectError(second, 400, 'invalid-request');
    expect(second.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'municipality.country' }), expect.objectContaining({ field: 'member.displayName' })]),
    );
  });

  it('creates a pending municipality and its pending coordinator, signs them in, and publishes both documents with server meta', async () => {
    const browser = new Browser(server.url);
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

    const members = await pullAll<Member>('members');
    expect(members.find((doc) => doc.id === member.id)?.meta).toMatchObject({ createdBy: member.id, createdAt: expect.any(Number) as number });
    const municipalities = await pullAll<Municipality>('municipalities');
    expect(municipalities.find((doc) => doc.id === municipality?.id)?.verification).toEqual({ status: 'pending' });
    expect((await browser.me()).body.email).toBe(body.email);
  });

  it('answers 409 email-taken for an email that has an account, whatever its case', async () => {
    const { email } = await registered();
    expectError(await new Browser().request('POST', '/api/auth/register', registration({ email: email.toUpperCase() })), 409, 'email-taken');
  });
});

describe('POST /api/auth/login', () => {
  it('gives the same 401 invalid-credentials for an unknown email and for a wrong password', async () => {
    const { email } = await registered();
    const unknown = await new Browser().login(`nobody-${makeId()}@example.org`);
    const wrong = await new Browser().login(email, 'wrong password, long');
    expectError(unknown, 401, 'invalid-credentials');
    expect(wrong).toEqual(unknown);
  });

  it('answers 403 bad-origin to a sign-in from another site (Origin present and not ours)', async () => {
    const { email } = await registered();
    expectError(await new Browser('http://127.0.0.1:1').login(email), 403, 'bad-origin');
    expectError(await new Browser('null').login(email), 403, 'bad-origin');
  });

  it('answers 400 to a body that is not a sign-in', async () => {
    expectError(await new Browser().request('POST', '/api/auth/login', { email: 'a@b.example' }), 400, 'invalid-request');
  });

  it('signs in with any case of the email and sets the session cookie', async () => {
    const { email, profile } = await registered();
    const browser = new Browser(server.url);
    const answer = await browser.login(email.toUpperCase());
    expect(answer.status).toBe(200);
    expect(answer.body.actor).toEqual(profile.actor);
    expect(browser.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await browser.me()).body.member.id).toBe(profile.member.id);
  });
});

describe('GET /api/auth/me', () => {
  it('answers 401 not-signed-in without a cookie, and with an unknown cookie (which it clears)', async () => {
    expectError(await new Browser().me(), 401, 'not-signed-in');
    const stranger = new Browser();
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
    expectError(await browser.me(), 401, 'not-signed-in');
  });
});

describe('POST /api/auth/password', () => {
  it('answers 401 not-signed-in without a session', async () => {
    expectError(await new Browser().request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' }), 401, 'not-signed-in');
  });

  it('answers 403 bad-origin from another site, and 403 wrong-password without the current password', async () => {
    const { browser } = await registered();
    expectError(await browser.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' }, { origin: 'https://evil.example' }), 403, 'bad-origin');
    expectError(await browser.request('POST', '/api/auth/password', { currentPassword: 'not the password', newPassword: 'a new long password' }), 403, 'wrong-password');
    expectError(await browser.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' }), 400, 'password-too-short');
  });

  it('changes the password and signs out every other session, keeping this one', async () => {
    const { browser, email } = await registered();
    const phone = new Browser();
    expect((await phone.login(email)).status).toBe(200);
    const answer = await browser.request<{ revokedSessions: number }>('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long password' });
    expect(answer.status).toBe(200);
    expect(answer.body.revokedSessions).toBe(1);
    expect((await browser.me()).status).toBe(200);
    expectError(await phone.me(), 401, 'not-signed-in');
    expectError(await new Browser().login(email), 401, 'invalid-credentials');
    expect((await new Browser().login(email, 'a new long password')).status).toBe(200);
  });
});

describe('POST /api/auth/logout', () => {
  it('answers 401 not-signed-in without a session and 403 bad-origin from another site', async () => {
    expectError(await new Browser().request('POST', '/api/auth/logout'), 401, 'not-signed-in');
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
    const browser = new Browser(server.url);
    expect((await browser.login(email)).status).toBe(200);
    expect((await browser.me()).status).toBe(200);
    expect((await browser.request('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long password' })).status).toBe(200);
    expect((await browser.request('POST', '/api/auth/logout')).status).toBe(204);
    expectError(await browser.me(), 401, 'not-signed-in');
  });

  it('sync still needs no session, and the account databases are not collections', async () => {
    expect((await new Browser().request('GET', '/api/sync/needs/pull?limit=1')).status).toBe(200);
    expectError(await new Browser().request('GET', '/api/sync/accounts/pull'), 404, 'unknown-collection');
    expectError(await new Browser().request('GET', '/api/sync/sessions/pull'), 404, 'unknown-collection');
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

    const browser = new Browser();
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
    const browser = new Browser();
    expect((await browser.login(adminEmail.toUpperCase())).status).toBe(200);
    expect((await browser.me()).body.actor).toMatchObject({ role: 'moderator', memberStatus: 'active' });
  });

  it('answers 429 too-many-attempts after the per-account limit, even with the right password', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expectError(await new Browser().login(adminEmail, 'a wrong password'), 401, 'invalid-credentials');
    const refused = await new Browser().login(adminEmail);
    expectError(refused, 429, 'too-many-attempts');
    expect(refused.body.error.details).toMatchObject({ retryAfterSeconds: expect.any(Number) as number });
  });

  it('answers 429 too-many-attempts after the per-IP limit, for any account', async () => {
    // 4 failures counted above (3 wrong passwords and the refused one); 2 more reach the limit of 6.
    for (let attempt = 0; attempt < 2; attempt++) expectError(await new Browser().login(`nobody${attempt}@example.org`), 401, 'invalid-credentials');
    expectError(await new Browser().login('someone.else@example.org'), 429, 'too-many-attempts');
  });
});
