/** The account routes' client: every failure is a typed error the screens can tell apart. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthApi, isSignedOutError } from '../../app/api/auth-api';
import { ApiError, UnreachableError } from '../../app/api/http';
import { fakeFetch, serverError } from '../support/fake-fetch';
import { makeProfile } from '../support/profiles';

afterEach(() => vi.unstubAllGlobals());

describe('the account client', () => {
  it('sends JSON to the route with the page’s cookies and returns the profile', async () => {
    const profile = makeProfile();
    const fetch = fakeFetch({ status: 200, body: profile });
    const api = createAuthApi({ fetch });
    await expect(api.login({ email: 'olena@kyiv.example', password: 'long enough secret' })).resolves.toEqual(profile);
    const [request] = fetch.requests;
    expect(request?.url).toBe('/api/auth/login');
    expect(request?.init?.method).toBe('POST');
    expect(request?.init?.credentials).toBe('same-origin');
    expect(request?.body).toEqual({ email: 'olena@kyiv.example', password: 'long enough secret' });
  });

  it('turns the server’s error into a typed error with its code, status and field errors', async () => {
    const details = [{ field: 'municipality.nameUk', message: 'must NOT have fewer than 1 characters', keyword: 'minLength' }];
    const api = createAuthApi({ fetch: fakeFetch(serverError(400, 'invalid-request', details)) });
    const error = await api.register({} as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid-request', details });
  });

  it('keeps only field errors in details (bad-origin sends an object)', async () => {
    const api = createAuthApi({ fetch: fakeFetch(serverError(403, 'bad-origin', { origin: 'x', expected: 'y' })) });
    await expect(api.login({ email: 'a@b.c', password: 'p' })).rejects.toMatchObject({ code: 'bad-origin', details: [] });
  });

  it.each([
    ['a network failure, online', 'network-error', true, 'unreachable'],
    ['a network failure, offline', 'network-error', false, 'offline'],
    ['a proxy’s error page', { status: 502, text: '<h1>Bad gateway</h1>' }, true, 'unreachable'],
    ['a captive portal’s page', { status: 200, text: '<h1>Accept the terms to use the Wi-Fi</h1>' }, true, 'unreachable'],
  ] as const)('reports %s as unreachable (%s)', async (_what, answer, online, reason) => {
    vi.stubGlobal('navigator', { onLine: online });
    const api = createAuthApi({ fetch: fakeFetch(answer) });
    const error = await api.me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).reason).toBe(reason);
  });

  it('reports a server that does not answer in time as unreachable', async () => {
    // Answers only when the request is aborted, as fetch does when its signal fires.
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    const error = await createAuthApi({ fetch: silent, timeoutMs: 20 }).me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error).toMatchObject({ reason: 'unreachable' });
  });

  it('turns a refusal not in the server’s shape into an invalid request', async () => {
    const api = createAuthApi({ fetch: fakeFetch({ status: 413, text: 'Payload Too Large' }) });
    await expect(api.login({ email: 'a@b.c', password: 'p' })).rejects.toMatchObject({ name: 'ApiError', status: 413, code: 'invalid-request', details: [] });
  });

  it('says when the session is gone', async () => {
    const api = createAuthApi({ fetch: fakeFetch(serverError(401, 'not-signed-in')) });
    expect(isSignedOutError(await api.me().catch((caught: unknown) => caught))).toBe(true);
  });

  it('counts signing out of an ended session as done', async () => {
    const api = createAuthApi({ fetch: fakeFetch(serverError(401, 'not-signed-in'), { status: 204 }) });
    await expect(api.logout()).resolves.toBeUndefined();
    await expect(api.logout()).resolves.toBeUndefined();
  });
});
