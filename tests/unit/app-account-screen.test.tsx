// @vitest-environment jsdom
/**
 * The account screen on a real (in-memory) store and a scripted server: who is signed in, the
 * password change (a wrong current password is shown on its field), and the sign-out dialog.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLocalStore, type LocalStore } from '../../app/db/local-store';
import { initI18n } from '../../app/i18n/index';
import { AccountScreen } from '../../app/features/accounts/AccountScreen';
import { useSessionStore } from '../../app/stores/session-store';
import { byTestId, click, control, fill } from '../support/dom';
import { fakeFetch, serverError } from '../support/fake-fetch';
import { makeMunicipality } from '../support/factories';
import { makeProfile } from '../support/profiles';
import { renderWithStore, type RenderedView } from '../support/render-with-store';

let store: LocalStore;
let view: RenderedView;
const profile = makeProfile({
  municipality: makeMunicipality({ nameUk: 'Самбір', nameLatin: 'Sambir', adm1: 'UA46', verification: { status: 'pending' } }),
  member: { role: 'coordinator', status: 'pending', displayName: 'Олена' },
  email: 'olena@sambir.example',
});

beforeAll(async () => {
  await initI18n('en');
  useSessionStore.getState().setProfile(profile);
  store = await openLocalStore(getRxStorageMemory(), `account-screen-${Date.now()}`);
});

afterEach(() => {
  view.unmount();
  vi.unstubAllGlobals();
});

afterAll(async () => {
  await store.db.close();
});

const get = (id: string) => byTestId(view.container, id);

async function changePassword(current: string, next: string) {
  const form = get('change-password-form')!;
  fill(control(form, 'currentPassword'), current);
  fill(control(form, 'newPassword'), next);
  await click(get('change-password-submit')!);
}

describe('the account screen', () => {
  it('shows who is signed in, their municipality and its verification', async () => {
    view = await renderWithStore(store, <AccountScreen />);
    expect(get('account-email')?.textContent).toBe('olena@sambir.example');
    expect(get('account-role')?.textContent).toBe('Coordinator');
    expect(get('account-status')?.dataset.status).toBe('pending');
    expect(get('account-municipality')?.textContent).toBe('Sambir, Lvivska oblast');
    expect(get('account-verification')?.textContent).toBe('Waiting for a moderator');
    expect(control(view.container, 'currentPassword').getAttribute('autocomplete')).toBe('current-password');
    expect(control(view.container, 'newPassword').getAttribute('autocomplete')).toBe('new-password');
  });

  it('shows a wrong current password on its field', async () => {
    vi.stubGlobal('fetch', fakeFetch(serverError(403, 'wrong-password', [{ field: 'currentPassword', message: 'is wrong', keyword: 'password' }])));
    view = await renderWithStore(store, <AccountScreen />);
    await changePassword('not my password', 'a brand new secret');
    expect(get('field-error-currentPassword')?.textContent).toBe('This is not your current password.');
    expect(get('change-password-error')).toBeNull();
    expect(get('change-password-done')).toBeNull();
  });

  it('changes the password and says how many other devices were signed out', async () => {
    const fetch = fakeFetch({ status: 200, body: { revokedSessions: 2 } });
    vi.stubGlobal('fetch', fetch);
    view = await renderWithStore(store, <AccountScreen />);
    await changePassword('my old password', 'a brand new secret');
    expect(fetch.requests[0]).toMatchObject({ url: '/api/auth/password', body: { currentPassword: 'my old password', newPassword: 'a brand new secret' } });
    expect(get('change-password-done')?.textContent).toBe('The password is changed. 2 other devices were signed out.');
    expect(control(view.container, 'newPassword').value).toBe('');
  });

  it('says that changing the password needs a connection', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    vi.stubGlobal('fetch', fakeFetch('network-error'));
    view = await renderWithStore(store, <AccountScreen />);
    await changePassword('my old password', 'a brand new secret');
    expect(get('change-password-error')?.textContent).toBe('You are offline: changing the password needs a connection.');
    vi.restoreAllMocks();
  });

  it('opens the sign-out dialog, which knows nothing is waiting on a fresh phone', async () => {
    view = await renderWithStore(store, <AccountScreen />);
    expect(get('sign-out-dialog')).toBeNull();
    await click(get('sign-out-button')!);
    expect(get('sign-out-dialog')?.dataset.unsynced).toBe('0');
    await click(get('sign-out-cancel')!);
    expect(get('sign-out-dialog')).toBeNull();
  });
});
