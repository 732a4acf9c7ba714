// @vitest-environment jsdom
/**
 * The sign-in screen against a scripted server: each refusal has its own words, offline has its
 * own, and a successful sign-in stores the profile (and, when signing in again, ends the banner).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n/index';
import { SignInScreen } from '../../app/features/accounts/SignInScreen';
import { useConnectionStore } from '../../app/stores/connection-store';
import { useSessionStore } from '../../app/stores/session-store';
import { byTestId, click, control, fill } from '../support/dom';
import { fakeFetch, serverError, type ScriptedAnswer } from '../support/fake-fetch';
import { makeProfile } from '../support/profiles';
import { render, type RenderedView } from '../support/render-with-store';

let view: RenderedView;

beforeAll(async () => {
  await initI18n('en');
});

beforeEach(() => {
  useSessionStore.getState().clearProfile();
  window.history.replaceState(null, '', '/');
});

afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function signIn(answer: ScriptedAnswer, email = 'olena@kyiv.example', password = 'a long enough secret') {
  const fetch = fakeFetch(answer);
  vi.stubGlobal('fetch', fetch);
  view = await render(<SignInScreen />);
  fill(control(view.container, 'email'), email);
  fill(control(view.container, 'password'), password);
  await click(byTestId(view.container, 'signin-submit')!);
  return fetch;
}

const errorText = () => byTestId(view.container, 'signin-error')?.textContent;

describe('the sign-in screen', () => {
  it('offers registration and joining with an invitation code', async () => {
    view = await render(<SignInScreen />);
    expect(byTestId(view.container, 'register-link')?.getAttribute('href')).toBe('/register');
    expect(byTestId(view.container, 'join-link')?.getAttribute('href')).toBe('/join');
    expect(control(view.container, 'email').getAttribute('autocomplete')).toBe('email');
    expect(control(view.container, 'password').getAttribute('autocomplete')).toBe('current-password');
  });

  it('asks for both fields before asking the server', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    view = await render(<SignInScreen />);
    await click(byTestId(view.container, 'signin-submit')!);
    expect(fetch.requests).toHaveLength(0);
    expect(byTestId(view.container, 'field-error-email')?.textContent).toBe('Please fill in this field.');
    expect(byTestId(view.container, 'field-error-password')).not.toBeNull();
  });

  it.each([
    ['a wrong email or password', serverError(401, 'invalid-credentials'), 'invalid-credentials', 'The email or the password is wrong.'],
    ['too many attempts', serverError(429, 'too-many-attempts'), 'too-many-attempts', 'Too many attempts. Wait a few minutes, then try again.'],
    ['an unreachable server', 'network-error', 'unreachable', 'The server cannot be reached right now. Try again in a moment.'],
    ['a code it has no words for', serverError(500, 'internal-error'), 'unknown', 'Something went wrong: internal-error (server message)'],
  ] as const)('says so for %s', async (_what, answer, code, text) => {
    await signIn(answer);
    expect(errorText()).toBe(text);
    expect(byTestId(view.container, 'signin-error')?.dataset.code).toBe(code);
    expect(useSessionStore.getState().profile).toBeNull();
  });

  it('says that signing in needs a connection when the phone is offline', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await signIn('network-error');
    expect(errorText()).toBe('You are offline: signing in needs a connection.');
  });

  it('stores the profile the server answers', async () => {
    const profile = makeProfile();
    const fetch = await signIn({ status: 200, body: profile }, '  olena@kyiv.example ');
    expect(fetch.requests[0]?.body).toEqual({ email: 'olena@kyiv.example', password: 'a long enough secret' });
    expect(useSessionStore.getState().profile).toEqual(profile);
    expect(errorText()).toBeUndefined();
  });

  it('signs in again with the email filled in, and ends the "sign in again" state', async () => {
    const profile = makeProfile();
    useSessionStore.getState().setProfile(profile);
    useConnectionStore.getState().setSignInRequired(true);
    vi.stubGlobal('fetch', fakeFetch({ status: 200, body: profile }));
    view = await render(<SignInScreen />);
    expect(control(view.container, 'email').value).toBe(profile.email);
    expect(byTestId(view.container, 'register-link')).toBeNull();
    fill(control(view.container, 'password'), 'a long enough secret');
    await click(byTestId(view.container, 'signin-submit')!);
    expect(useConnectionStore.getState().signInRequired).toBe(false);
  });
});
