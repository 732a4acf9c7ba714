/**
 * What the phone knows about its connection: the browser's online flag and the sync engine's
 * status. The sync indicator reads only this store.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { CollectionName } from '../../domain/collections';
import type { SyncStatus } from '../db/replication';
import type { SyncErrorKind } from '../db/sync-errors';
import type { ProgressTotals } from '../db/sync-progress';

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
  /** Asks the running sync engine to push and pull now ("Sync now"); does nothing before sync starts. */
  syncNow: () => void;
  setSyncNow: (syncNow: (() => void) | null) => void;
};

const noSyncYet = () => undefined;

export const useConnectionStore = create<ConnectionStoreState>()((set) => ({
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  sync: null,
  refused: 0,
  signInRequired: false,
  setBrowserOnline: (browserOnline) => set({ browserOnline }),
  setSync: (sync) => set({ sync }),
  setRefused: (refused) => set({ refused }),
  setSignInRequired: (signInRequired) => set((state) => (state.signInRequired === signInRequired ? state : { signInRequired })),
  syncNow: noSyncYet,
  setSyncNow: (syncNow) => set({ syncNow: syncNow ?? noSyncYet }),
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

/**
 * `signed-out`: the server wants the member to sign in again (401); `denied`: it answered but refused
 * the sync itself (e.g. 403 for a removed member), which "unreachable" would misreport.
 */
export type ConnectionPhase = 'offline' | 'connecting' | 'unreachable' | 'signed-out' | 'denied' | 'syncing' | 'online';

export type ConnectionSummary = {
  /** The browser has a network and the live stream to the server is up. */
  online: boolean;
  phase: ConnectionPhase;
  pending: number;
  refused: number;
};

function disconnectedPhase(sync: SyncStatus | null): ConnectionPhase {
  if (!sync?.lastError) return 'connecting';
  if (sync.lastErrorKind === 'signed-out') return 'signed-out';
  if (sync.lastErrorKind === 'refused') return 'denied';
  return 'unreachable';
}

/** What the indicator shows, from the browser flag and the engine's status. */
export function summarizeConnection(browserOnline: boolean, sync: SyncStatus | null, refused = 0): ConnectionSummary {
  const pending = sync?.pending ?? 0;
  if (!browserOnline) return { online: false, phase: 'offline', pending, refused };
  if (!sync?.connected) return { online: false, phase: disconnectedPhase(sync), pending, refused };
  return { online: true, phase: sync.active || pending > 0 ? 'syncing' : 'online', pending, refused };
}

/**
 * The summary, re-rendering its reader only when the summary changes: the engine's status changes
 * with every pull batch (hundreds during a first sync), and the app's frame reads this hook.
 */
export function useConnectionSummary(): ConnectionSummary {
  return useConnectionStore(useShallow((state) => summarizeConnection(state.browserOnline, state.sync, state.refused)));
}

/** One collection's line in the sync details. */
export type CollectionSyncDetails = {
  collection: CollectionName;
  /** Changes of this collection waiting to be sent. */
  pending: number;
  /** Documents received in this sync round, and what the server says is left. */
  received: number;
  remaining: number;
  lastSyncedAt: number | null;
  lastError: string | null;
  lastErrorKind: SyncErrorKind | null;
};

export type SyncDetails = {
  collections: CollectionSyncDetails[];
  lastSyncedAt: number | null;
  lastError: string | null;
  lastErrorKind: SyncErrorKind | null;
  /** A first sync or a catch-up bigger than one batch is running: its totals, else null. */
  catchUp: ProgressTotals | null;
};

/** What the details panel shows, from the engine's status (collections in the engine's order). */
export function syncDetailsOf(sync: SyncStatus | null): SyncDetails {
  const collections = Object.entries(sync?.collections ?? {}).map(([name, entry]) => {
    const collection = name as CollectionName;
    const progress = sync?.progress?.[collection];
    return {
      collection,
      pending: entry.pending,
      received: progress?.received ?? 0,
      remaining: progress?.remaining ?? 0,
      lastSyncedAt: entry.lastSyncedAt,
      lastError: entry.lastError,
      lastErrorKind: entry.lastErrorKind,
    };
  });
  return {
    collections,
    lastSyncedAt: sync?.lastSyncedAt ?? null,
    lastError: sync?.lastError ?? null,
    lastErrorKind: sync?.lastError ? (sync.lastErrorKind ?? 'unknown') : null,
    catchUp: sync?.catchUp ?? null,
  };
}

export function useSyncDetails(): SyncDetails {
  return syncDetailsOf(useConnectionStore((state) => state.sync));
}

/** The running round's totals while a first sync or a big catch-up runs, else null. */
export function useSyncCatchUp(): ProgressTotals | null {
  return useConnectionStore((state) => state.sync?.catchUp ?? null);
}

/** "Sync now": pushes and pulls at once, waking retries that wait. */
export function useSyncNow(): () => void {
  return useConnectionStore((state) => state.syncNow);
}
