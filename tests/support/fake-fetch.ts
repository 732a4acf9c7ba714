/**
 * A stand-in for the server in app unit tests: each call answers with the next scripted response
 * (a JSON body and a status) or fails like fetch does without a network. Requests are recorded.
 */
import { vi } from 'vitest';

export type ScriptedAnswer = { status: number; body?: unknown } | 'network-error' | { status: number; text: string };

export type FakeFetch = typeof fetch & { requests: { url: string; init: RequestInit | undefined; body: unknown }[] };

export function fakeFetch(...answers: ScriptedAnswer[]): FakeFetch {
  const requests: FakeFetch['requests'] = [];
  const fn = vi.fn((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ url, init, body });
    const answer = answers.shift();
    if (answer === undefined) return Promise.reject(new Error(`unexpected request to ${url}`));
    if (answer === 'network-error') return Promise.reject(new TypeError('Failed to fetch'));
    if ('text' in answer) return Promise.resolve(new Response(answer.text, { status: answer.status, headers: { 'content-type': 'text/html' } }));
    const payload = answer.status === 204 ? null : JSON.stringify(answer.body ?? null);
    return Promise.resolve(new Response(payload, { status: answer.status, headers: { 'content-type': 'application/json' } }));
  });
  return Object.assign(fn as unknown as typeof fetch, { requests });
}

/** The server's error shape. */
export function serverError(status: number, code: string, details?: unknown): ScriptedAnswer {
  return { status, body: { error: { code, message: `${code} (server message)`, ...(details === undefined ? {} : { details }) } } };
}
