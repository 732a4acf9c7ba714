// @vitest-environment jsdom
/**
 * The session store keeps the last signed-in profile in localStorage (so the app opens offline),
 * and nothing else; the profile refresh follows the server, and a 401 asks for a new sign-in
 * without forgetting anyone. Settings keep only the language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthApi } from '../../app/api/auth-api';
import { refreshProfile } from '../../app/features/accounts/useProfileRefresh';
import { useConnectionStore } from '../../app/stores/connection-store';
import { SESSION_STORAGE_KEY, useSessionStore } from '../../app/stores/session-store';
import { useSettingsStore } from '../../app/stores/settings-store';
import { fakeFetch, serverError } from '../support/fake-fetch';
import { makeMunicipality } from '../support/factories';
import { makeProfile } from '../support/profiles';

beforeEach(() => {
  localStorage.clear();
  useSessionStore.setState({ profile: null });
  useConnectionStore.getState().setSignInRequired(false);
});

afterEach(() => localStorage.clear());

describe('the session store', () => {
  it('persists only the profile under c4c-session', () => {
    const profile = makeProfile();
    useSessionStore.getState().setProfile(profile);
    const stored = JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!) as { state: unknown };
    expect(SESSION_STORAGE_KEY).toBe('c4c-session');
    expect(stored.state).toEqual({ profile });
  });

  it('opens with the last signed-in profile', async () => {
    const profile = makeProfile({ email: 'next@kyiv.example' });
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ state: { profile }, version: 1 }));
    await useSessionStore.persist.rehydrate();
    expect(useSessionStore.getState().profile).toEqual(profile);
  });

  it('forgets the profile on sign-out', () => {
    useSessionStore.getState().setProfile(makeProfile());
    useSessionStore.getState().clearProfile();
    expect(useSessionStore.getState().profile).toBeNull();
    expect((JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!) as { state: unknown }).state).toEqual({ profile: null });
  });
});

describe('refreshing the profile', () => {
  it('stores what the server says now (a moderator verified the municipality)', async () => {
    useSessionStore.getState().setProfile(makeProfile({ municipality: makeMunicipality({ verification: { status: 'pending' } }) }));
    const verified = makeProfile();
    await expect(refreshProfile(createAuthApi({ fetch: fakeFetch({ status: 200, body: verified }) }))).resolves.toBe('updated');
    expect(useSessionStore.getState().profile).toEqual(verified);
  });

  it('asks to sign in again on a 401, keeping the profile', async () => {
    const profile = makeProfile();
    useSessionStore.getState().setProfile(profile);
    await expect(refreshProfile(createAuthApi({ fetch: fakeFetch(serverError(401, 'not-signed-in')) }))).resolves.toBe('sign-in-required');
    expect(useConnectionStore.getState().signInRequired).toBe(true);
    expect(useSessionStore.getState().profile).toEqual(profile);
  });

  it('keeps the profile when the server cannot be reached', async () => {
    const profile = makeProfile();
    useSessionStore.getState().setProfile(profile);
    await expect(refreshProfile(createAuthApi({ fetch: fakeFetch('network-error') }))).resolves.toBe('unavailable');
    expect(useSessionStore.getState().profile).toEqual(profile);
    expect(useConnectionStore.getState().signInRequired).toBe(false);
  });

  it('asks nothing when nobody is signed in', async () => {
    const fetch = fakeFetch();
    await expect(refreshProfile(createAuthApi({ fetch }))).resolves.toBe('not-signed-in');
    expect(fetch.requests).toHaveLength(0);
  });
});

describe('the settings store', () => {
  it('drops the municipality a phone chose before accounts existed, keeping the language', async () => {
    localStorage.setItem('c4c-settings', JSON.stringify({ state: { municipality: { id: 'x', name: 'Київ', pcode: 'UA80' }, language: 'pl' }, version: 1 }));
    await useSettingsStore.persist.rehydrate();
    expect(useSettingsStore.getState()).toMatchObject({ language: 'pl' });
    expect(useSettingsStore.getState()).not.toHaveProperty('municipality');
  });
});
