/**
 * What the phone knows about its connection: the browser's online flag and the sync engine's
 * status. The sync indicator reads only this store.
 */
import { create } from 'zustand';
import type { SyncStatus } from '../db/replication';

type ConnectionStoreState = {
  browserOnline: boolean;
  sync: SyncStatus | null;
  /** Writes the server refused and the user has not fixed yet. */
  refused: number;
  /** The server answered 401: the session expired or was revoked; writes queue until the member signs in again. */
  signInRequired: boolean;
  setBrowserOnline: (online: boolean) => void;
  setSync: (sync: SyncStatus) => void;
  setRefused: (refused: number) => void;
  setSignInRequired: (signInRequired: boolean) => void;
};

export const useConnectionStore = create<ConnectionStoreState>()((set) => ({
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  sync: null,
  refused: 0,
  signInRequired: false,
  setBrowserOnline: (browserOnline) => set({ browserOnline }),
  setSync: (sync) => set({ sync }),
  setRefused: (refused) => set({ refused }),
  setSignInRequired: (signInRequired) => set((state) => (state.signInRequired === signInRequired ? state : { signInRequired })),
}));

/** Whether the server wants the member to sign in again before it takes their queued writes. */
export const useSignInRequired = () => useConnectionStore((state) => state.signInRequired);

/** Keeps `browserOnline` equal to `navigator.onLine`; returns a function that stops watching. */
export function watchBrowserConnection(target: Window = window): () => void {
  const update = () => useConnectionStore.getState().setBrowserOnline(target.navigator.onLine);
  target.addEventListener('online', update);
  target.addEventListener('offline', update);
  update();
  return () => {
    target.removeEventListener('online', update);
    target.removeEventListener('offline', update);
  };
}

export type ConnectionPhase = 'offline' | 'connecting' | 'unreachable' | 'syncing' | 'online';

export type ConnectionSummary = {
  /** The browser has a network and the live stream to the server is up. */
  online: boolean;
  phase: ConnectionPhase;
  pending: number;
  refused: number;
};

/** What the indicator shows, from the browser flag and the engine's status. */
export function summarizeConnection(browserOnline: boolean, sync: SyncStatus | null, refused = 0): ConnectionSummary {
  const pending = sync?.pending ?? 0;
  if (!browserOnline) return { online: false, phase: 'offline', pending, refused };
  if (!sync?.connected) return { online: false, phase: sync?.lastError ? 'unreachable' : 'connecting', pending, refused };
  return { online: true, phase: sync.active || pending > 0 ? 'syncing' : 'online', pending, refused };
}

export function useConnectionSummary(): ConnectionSummary {
  const browserOnline = useConnectionStore((state) => state.browserOnline);
  const sync = useConnectionStore((state) => state.sync);
  const refused = useConnectionStore((state) => state.refused);
  return summarizeConnection(browserOnline, sync, refused);
}
