/**
 * HTTP helpers for route tests against the real server: a `Browser` that keeps the session cookie
 * like a browser would (and sends an Origin header when given one), registration bodies, and
 * `expectError` for the one error shape.
 */
import { expect } from 'vitest';
import type { Actor } from '../../../domain/permissions';
import type { Member } from '../../../domain/schemas/member';
import type { Municipality } from '../../../domain/schemas/municipality';
import type { ErrorBody, PullResponse } from '../../../domain/sync-protocol';
import { SESSION_COOKIE } from '../../../sync-server/auth/constants';
import { makeId, makeMunicipality } from '../../support/factories';

export const PASSWORD = 'correct horse battery';

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

/** Registers a municipality in `browser` and returns its email and profile. */
export async function registerIn(browser: Browser): Promise<{ browser: Browser; email: string; profile: Profile }> {
  const body = registration();
  const answer = await browser.request<Profile>('POST', '/api/auth/register', body);
  expect(answer.status).toBe(201);
  return { browser, email: body.email, profile: answer.body };
}

export function expectError(answer: Answer<unknown>, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body.error?.code }).toEqual({ status, code });
  expect(answer.body.error.message).toMatch(/\w/);
}

/** Every document of a collection, pulled anonymously from the start. */
export async function pullAll<T>(browser: Browser, collection: string): Promise<T[]> {
  const answer = await browser.request<PullResponse<T>>('GET', `/api/sync/${collection}/pull?limit=500`);
  expect(answer.status).toBe(200);
  return answer.body.documents;
}
