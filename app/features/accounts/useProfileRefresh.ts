/**
 * Keeps the stored profile current: asks GET /api/auth/me whenever the connection to the server
 * comes up (at start and after an outage), so a moderator's decision shows without signing in
 * again. A 401 means the session is gone: the member is asked to sign in again; neither the
 * profile nor anything on the phone is forgotten.
 */
import { useEffect } from 'react';
import { authApi, isSignedOutError, type AuthApi } from '../../api/auth-api';
import { useConnectionStore, useConnectionSummary } from '../../stores/connection-store';
import { useSessionStore } from '../../stores/session-store';

export type RefreshOutcome = 'updated' | 'sign-in-required' | 'not-signed-in' | 'unavailable';

/** Asks the server who is signed in and stores the answer (see the module header). */
export async function refreshProfile(api: Pick<AuthApi, 'me'> = authApi): Promise<RefreshOutcome> {
  if (!useSessionStore.getState().profile) return 'not-signed-in';
  try {
    const profile = await api.me();
    // Signed out meanwhile: the answer is about a session that is no longer this phone's.
    if (!useSessionStore.getState().profile) return 'not-signed-in';
    useSessionStore.getState().setProfile(profile);
    return 'updated';
  } catch (error) {
    if (isSignedOutError(error)) {
      useConnectionStore.getState().setSignInRequired(true);
      return 'sign-in-required';
    }
    // Offline, unreachable or a server error: the stored profile stands; the next connection asks again.
    return 'unavailable';
  }
}

/** Refreshes the profile each time the connection to the server comes up while someone is signed in. */
export function useProfileRefresh(): void {
  const signedIn = useSessionStore((state) => state.profile !== null);
  const { online } = useConnectionSummary();
  useEffect(() => {
    if (signedIn && online) void refreshProfile();
  }, [signedIn, online]);
}
