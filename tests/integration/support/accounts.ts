/**
 * Accounts over the real HTTP routes, for integration tests and the benchmark (no vitest here, so
 * `npm run bench` can use it): a `Browser` that keeps the session cookie like a browser would, and
 * the people of a test world, made the way real people are made: a moderator from ADMIN_EMAIL,
 * municipalities registered (POST /api/auth/register) and verified by that moderator, members
 * invited (POST /api/invitations, then /api/invitations/accept) and admitted.
 */
import type { Actor } from '../../../domain/permissions';
import type { Member } from '../../../domain/schemas/member';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { ErrorBody } from '../../../domain/sync-protocol';
import { SESSION_COOKIE } from '../../../sync-server/auth/constants';
import { makeId, makeMunicipality } from '../../support/factories';

export const PASSWORD = 'correct horse battery';

/** The moderator every test server creates at start (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'moderator@cities4cities.example', password: PASSWORD } as const;

/** What GET /api/auth/me (and register, login, join) answer. */
export type Profile = { email: string; actor: Actor; member: Member; municipality: Municipality | null; rejection?: { reason: string; at: number } };
export type Answer<T> = { status: number; body: T & ErrorBody; setCookie: string | undefined };

/** A client that keeps the session cookie and sends an Origin header when given one. */
export class Browser {
  cookie: string | null = null;
  constructor(
    private readonly baseUrl: () => string,
    private readonly origin: string | null = null,
  ) {}

  async request<T = unknown>(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(`${this.baseUrl()}${pathname}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}),
        ...(this.origin ? { origin: this.origin } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // A browser applies Set-Cookie lines in order: clearing a stale cookie and then setting a new one leaves the new one.
    const setCookie = response.headers.getSetCookie().filter((line) => line.startsWith(`${SESSION_COOKIE}=`)).at(-1);
    if (setCookie) {
      const value = setCookie.slice(SESSION_COOKIE.length + 1).split(';')[0]!;
      this.cookie = value === '' || /Expires=Thu, 01 Jan 1970/i.test(setCookie) ? null : value;
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T & ErrorBody, setCookie };
  }

  /** The Cookie header this browser sends, for clients that bring their own fetch (phones, the benchmark). */
  get cookieHeader(): string | null {
    return this.cookie ? `${SESSION_COOKIE}=${this.cookie}` : null;
  }

  me() {
    return this.request<Profile>('GET', '/api/auth/me');
  }
  login(email: string, password = PASSWORD) {
    return this.request<Profile>('POST', '/api/auth/login', { email, password });
  }
}

/** `newBrowser(origin?)` for the server at `baseUrl()` (read at each request, so a test may swap servers). */
export function browserFactory(baseUrl: () => string): (origin?: string | null) => Browser {
  return (origin = null) => new Browser(baseUrl, origin);
}

let counter = 0;

/** A registration body with a new email and municipality name. */
export function registration(overrides: { email?: string; password?: string; municipality?: object } = {}) {
  counter += 1;
  const { id: _id, verification: _verification, partnerIds: _partners, updatedAt: _updatedAt, ...municipality } = makeMunicipality();
  return {
    email: overrides.email ?? `official${counter}-${makeId().slice(0, 8)}@hromada.example`,
    password: overrides.password ?? PASSWORD,
    municipality: { ...municipality, nameLatin: `Test hromada ${counter}`, ...overrides.municipality },
    member: { displayName: 'Олена Коваленко', languages: ['uk', 'en'] },
  };
}

/** A signed-in person: their browser (holding the session cookie), email and profile as last read. */
export type TestMember = { browser: Browser; email: string; profile: Profile; id: Member['id']; municipalityId: Municipality['id'] };

/** The answer's body when it has the expected status; otherwise a readable failure. */
function expectStatus<T>(answer: Answer<T>, status: number, what: string): T & ErrorBody {
  if (answer.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

function asMember(browser: Browser, email: string, profile: Profile): TestMember {
  return { browser, email, profile, id: profile.member.id, municipalityId: profile.member.municipalityId };
}

/** Reads the member's profile again (after a moderator's decision). */
export async function refreshed(member: TestMember): Promise<TestMember> {
  return asMember(member.browser, member.email, expectStatus(await member.browser.me(), 200, 'GET /api/auth/me'));
}

/** Signs in as a moderator (by default the ADMIN_EMAIL one every test server creates). */
export async function signInModerator(baseUrl: string, admin: { email: string; password: string } = TEST_ADMIN): Promise<TestMember> {
  const browser = new Browser(() => baseUrl);
  const profile = expectStatus(await browser.login(admin.email, admin.password), 200, 'moderator sign-in');
  return asMember(browser, admin.email, profile);
}

/** Registers a municipality: its first member, a pending coordinator of a pending municipality, signed in. */
export async function registerMunicipality(baseUrl: string): Promise<TestMember> {
  const browser = new Browser(() => baseUrl);
  const body = registration();
  const profile = expectStatus(await browser.request<Profile>('POST', '/api/auth/register', body), 201, 'POST /api/auth/register');
  return asMember(browser, body.email, profile);
}

/** Registers a municipality and has `moderator` (who may still be signing in) verify it: answers its coordinator, active. */
export async function verifiedMunicipality(baseUrl: string, signingIn: TestMember | Promise<TestMember>): Promise<TestMember> {
  const [moderator, coordinator] = await Promise.all([signingIn, registerMunicipality(baseUrl)]);
  const path = `/api/moderation/municipalities/${coordinator.municipalityId}/verify`;
  expectStatus(await moderator.browser.request('POST', path), 200, `POST ${path}`);
  return refreshed(coordinator);
}

/**
 * A new official of `coordinator`'s municipality, invited and signed in; admitted by `moderator`
 * unless it is null (then pending).
 */
export async function addMember(baseUrl: string, coordinator: TestMember, moderator: TestMember | null, displayName = 'Петро Шевченко'): Promise<TestMember> {
  const { code } = expectStatus(await coordinator.browser.request<{ code: string }>('POST', '/api/invitations'), 201, 'POST /api/invitations');
  const browser = new Browser(() => baseUrl);
  const email = `member-${makeId().slice(0, 8)}@hromada.example`;
  const accept = { code, email, password: PASSWORD, displayName, languages: ['uk'] };
  const profile = expectStatus(await browser.request<Profile>('POST', '/api/invitations/accept', accept), 201, 'POST /api/invitations/accept');
  const member = asMember(browser, email, profile);
  if (moderator === null) return member;
  const path = `/api/moderation/members/${member.id}/verify`;
  expectStatus(await moderator.browser.request('POST', path), 200, `POST ${path}`);
  return refreshed(member);
}
