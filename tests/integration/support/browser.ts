/**
 * HTTP helpers for route tests against the real server: the `Browser` that keeps the session
 * cookie (support/accounts.ts), registration bodies, and `expectError` for the one error shape.
 */
import { expect } from 'vitest';
import type { PullResponse } from '../../../domain/sync-protocol';
import { registration, type Answer, type Browser, type Profile } from './accounts';

export { Browser, browserFactory, PASSWORD, registration, type Answer, type Profile } from './accounts';

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

/** Every document of a collection that `browser`'s member may read, pulled from the start. */
export async function pullAll<T>(browser: Browser, collection: string): Promise<T[]> {
  const answer = await browser.request<PullResponse<T>>('GET', `/api/sync/${collection}/pull?limit=500`);
  expect(answer.status).toBe(200);
  return answer.body.documents;
}
