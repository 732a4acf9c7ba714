// @vitest-environment jsdom
/**
 * The registration screen against a scripted server: the server's field errors appear next to
 * their inputs, its refusals and being offline in words under the form, and success stores the
 * profile (the new member is pending).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n/index';
import { RegisterScreen } from '../../app/features/accounts/RegisterScreen';
import { useSessionStore } from '../../app/stores/session-store';
import { byTestId, click, control, fill } from '../support/dom';
import { fakeFetch, serverError, type ScriptedAnswer } from '../support/fake-fetch';
import { makeMunicipality } from '../support/factories';
import { makeProfile } from '../support/profiles';
import { render, type RenderedView } from '../support/render-with-store';

let view: RenderedView;

beforeAll(async () => {
  await initI18n('en');
});

beforeEach(() => useSessionStore.getState().clearProfile());

afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function register(answer: ScriptedAnswer) {
  const fetch = fakeFetch(answer);
  vi.stubGlobal('fetch', fetch);
  view = await render(<RegisterScreen />);
  const form = byTestId(view.container, 'register-form')!;
  fill(control(form, 'nameUk'), 'Самбір');
  fill(control(form, 'nameLatin'), 'Sambir');
  fill(control<HTMLSelectElement>(form, 'oblast'), 'UA46');
  fill(control<HTMLSelectElement>(form, 'kind'), 'hromada');
  fill(control(form, 'displayName'), 'Олена');
  fill(control(form, 'email'), 'olena@sambir.example');
  fill(control(form, 'password'), 'a long enough secret');
  await click(byTestId(view.container, 'register-submit')!);
  return fetch;
}

const fieldError = (name: string) => byTestId(view.container, `field-error-${name}`)?.textContent;

describe('the registration screen', () => {
  it('asks for a new password of 10 characters, with the autocomplete hints a phone needs', async () => {
    view = await render(<RegisterScreen />);
    const password = control(view.container, 'password');
    expect(password.getAttribute('autocomplete')).toBe('new-password');
    expect(control(view.container, 'email').getAttribute('autocomplete')).toBe('email');
    expect(document.getElementById(password.getAttribute('aria-describedby')!)?.textContent).toBe('At least 10 characters.');
  });

  it('asks for coordinates and a region code outside Ukraine', async () => {
    view = await render(<RegisterScreen />);
    expect(view.container.querySelector('[name="lat"]')).toBeNull();
    fill(control<HTMLSelectElement>(view.container, 'country'), 'PL');
    expect(view.container.querySelector('[name="oblast"]')).toBeNull();
    expect(control(view.container, 'adm1').getAttribute('placeholder')).toBe('PL-');
    expect(view.container.querySelector('[name="lat"]')).not.toBeNull();
    expect(byTestId(view.container, 'use-position')).not.toBeNull();
  });

  it('sends the municipality at its oblast’s centre and stores the pending profile', async () => {
    const profile = makeProfile({ municipality: makeMunicipality({ verification: { status: 'pending' } }), member: { role: 'coordinator', status: 'pending' } });
    const fetch = await register({ status: 201, body: profile });
    expect(fetch.requests[0]?.url).toBe('/api/auth/register');
    expect(fetch.requests[0]?.body).toMatchObject({ municipality: { adm1: 'UA46', location: { lat: 49.84, lon: 24.03 }, kind: 'hromada' }, member: { displayName: 'Олена' } });
    expect(useSessionStore.getState().profile).toEqual(profile);
  });

  it('shows the server’s field errors next to their inputs', async () => {
    await register(
      serverError(400, 'invalid-request', [
        { field: 'municipality.nameLatin', keyword: 'maxLength', message: 'must NOT have more than 160 characters' },
        { field: 'member.displayName', keyword: 'minLength', message: 'must NOT have fewer than 1 characters' },
      ]),
    );
    expect(fieldError('nameLatin')).toBe('At most 160 characters.');
    expect(fieldError('displayName')).toBe('Please fill in this field.');
    expect(control(view.container, 'nameLatin').getAttribute('aria-invalid')).toBe('true');
    expect(byTestId(view.container, 'register-error')?.dataset.code).toBe('invalid-request');
    expect(useSessionStore.getState().profile).toBeNull();
  });

  it.each([
    ['a taken email', serverError(409, 'email-taken', [{ field: 'email', keyword: 'unique', message: 'taken' }]), 'email', 'An account with this email already exists. Sign in instead.'],
    ['a short password', serverError(400, 'password-too-short', [{ field: 'password', keyword: 'minLength', message: 'short' }]), 'password', 'The password needs at least 10 characters.'],
  ] as const)('shows %s on its field', async (_what, answer, field, text) => {
    await register(answer);
    expect(fieldError(field)).toBe(text);
  });

  it.each([
    ['too many attempts', serverError(429, 'too-many-attempts'), true, 'Too many attempts. Wait a few minutes, then try again.'],
    ['being offline', 'network-error', false, 'You are offline: registering needs a connection.'],
  ] as const)('says so for %s', async (_what, answer, online, text) => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online);
    await register(answer);
    expect(byTestId(view.container, 'register-error')?.textContent).toBe(text);
  });
});
