/**
 * Signing out on a shared phone (issue 4): how many changes the server does not hold yet, syncing
 * them first, saving them to a file, and then the sign-out itself, which revokes the session when
 * the server is reachable and always deletes the member's local database, so the next person sees
 * nothing of it.
 */
import { useCallback, useEffect, useState } from 'react';
import { combineLatest, map } from 'rxjs';
import { createAuthApi } from '../../api/auth-api';
import { useConnectionStore } from '../../stores/connection-store';
import { useSessionStore } from '../../stores/session-store';
import { browserSyncOf, removeBrowserStore } from '../../db/browser-store';
import { useLocalStore } from '../../db/LocalStoreProvider';
import { countUnsynced, listUnsynced, unsyncedChangesFile } from '../../db/unsynced-changes';

/** How long "sync first" waits for the server before it reports what is still waiting. */
const SYNC_FIRST_TIMEOUT_MS = 20_000;
/** How long sign-out waits for the server to revoke the session (offline: it does not wait). */
const LOGOUT_TIMEOUT_MS = 5_000;

export type SignOut = {
  /** Documents with changes the server does not hold (waiting or refused). */
  unsynced: number;
  /** Pushes what is waiting; resolves whether nothing is left unsynced. */
  syncFirst(): Promise<boolean>;
  /** Downloads the unsynced changes as a JSON file. */
  saveToFile(): void;
  /** A failure of saveToFile, for the dialog. */
  fileError: string | null;
  /** Revokes the session (if reachable), forgets the profile and deletes the local database. */
  signOut(): Promise<void>;
};

function download(file: { name: string; type: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; give the browser a moment before revoking it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Asks the server to revoke the session; resolves whether it did. Offline or unreachable it did not:
 * signing out must still work on a shared phone without a network, and the cookie is replaced at
 * the next sign-in while the session expires by itself.
 */
function revokeSession(): Promise<boolean> {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return Promise.resolve(false);
  return createAuthApi({ timeoutMs: LOGOUT_TIMEOUT_MS })
    .logout()
    .then(
      () => true,
      () => false,
    );
}

export function useSignOut(): SignOut {
  const store = useLocalStore();
  const [unsynced, setUnsynced] = useState(() => countUnsynced(store, store.refused.list()));
  const [fileError, setFileError] = useState<string | null>(null);

  useEffect(() => {
    const sizes = store.collections.flatMap((name) => (store.outboxes[name] ? [store.outboxes[name].size$] : []));
    const subscription = combineLatest([store.refused.items$, ...sizes])
      .pipe(map(([items]) => countUnsynced(store, items)))
      .subscribe(setUnsynced);
    return () => subscription.unsubscribe();
  }, [store]);

  const syncFirst = useCallback(async () => {
    const engine = await browserSyncOf(store);
    const offline = typeof navigator !== 'undefined' && !navigator.onLine;
    if (!engine || offline) return countUnsynced(store, store.refused.list()) === 0;
    engine.reSync();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, SYNC_FIRST_TIMEOUT_MS)));
    await Promise.race([engine.awaitInSync(), timeout]);
    clearTimeout(timer);
    return countUnsynced(store, store.refused.list()) === 0;
  }, [store]);

  const saveToFile = useCallback(() => {
    setFileError(null);
    const profile = useSessionStore.getState().profile;
    listUnsynced(store)
      .then((changes) =>
        download(unsyncedChangesFile(changes, { email: profile?.email ?? '', municipality: profile?.municipality?.nameLatin ?? null })),
      )
      .catch((error: unknown) => setFileError(error instanceof Error ? error.message : String(error)));
  }, [store]);

  const signOut = useCallback(async () => {
    const profile = useSessionStore.getState().profile;
    await revokeSession();
    // Forgetting the profile first takes the member's screens (and their store) off the page;
    // mounted, they would open the database again while it is being deleted.
    useSessionStore.getState().clearProfile();
    const connection = useConnectionStore.getState();
    connection.setSync({ connected: false, active: false, pending: 0, lastError: null, lastSyncedAt: null });
    connection.setRefused(0);
    connection.setSignInRequired(false);
    if (profile) await removeBrowserStore(profile.member.id);
  }, []);

  return { unsynced, syncFirst, saveToFile, fileError, signOut };
}
