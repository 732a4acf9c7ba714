/**
 * Makes the phone's store available to screens. `BrowserStoreGate` suspends until the browser's
 * database is open, then starts sync; screens read and write only through the hooks in app/db.
 */
import { createContext, use, useContext, useEffect, type ReactNode } from 'react';
import { openBrowserStore, startBrowserSync } from './browser-store';
import type { LocalStore } from './local-store';
import { useConnectionStore } from '../stores/connection-store';
import { useSessionStore } from '../stores/session-store';
import { refreshProfile } from '../features/accounts/useProfileRefresh';
import { followOwnDocuments } from './profile-follow';

const LocalStoreContext = createContext<LocalStore | null>(null);

export function LocalStoreProvider({ store, children }: { store: LocalStore; children: ReactNode }) {
  return <LocalStoreContext value={store}>{children}</LocalStoreContext>;
}

/** The store of the nearest provider (throws outside one: a wiring error, not a user error). */
export function useLocalStore(): LocalStore {
  const store = useContext(LocalStoreContext);
  if (!store) throw new Error('useLocalStore() used outside <LocalStoreProvider>');
  return store;
}

/** The store of the nearest provider, or null outside one (UI that also renders outside the store gate). */
export function useOptionalLocalStore(): LocalStore | null {
  return useContext(LocalStoreContext);
}

/** Opens the member's database in the browser (suspending meanwhile), starts sync and provides the store. */
export function BrowserStoreGate({ memberId, children }: { memberId: string; children: ReactNode }) {
  const store = use(openBrowserStore(memberId));
  useEffect(() => {
    const subscription = followOwnDocuments(store, () => useSessionStore.getState().profile, () => void refreshProfile());
    return () => subscription.unsubscribe();
  }, [store]);
  useEffect(() => {
    startBrowserSync(store).catch((error: unknown) => {
      const connection = useConnectionStore.getState();
      connection.setSync({
        connected: false,
        active: false,
        pending: Object.values(store.outboxes).reduce((sum, outbox) => sum + outbox.size, 0),
        lastError: error instanceof Error ? error.message : String(error),
        lastSyncedAt: null,
      });
    });
  }, [store]);
  return <LocalStoreProvider store={store}>{children}</LocalStoreProvider>;
}
