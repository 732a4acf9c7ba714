/**
 * The phone's stores in the browser: RxDB on Dexie (IndexedDB), one database per signed-in member
 * (so two people sharing a phone never see each other's data, and nobody's unsynced writes are
 * mixed into another's), opened once per page, and its sync engine, started once per store.
 * Guarantees:
 * - the replication code is loaded after the first screen; the 'online' event makes the engine
 *   reconnect and pull at once instead of waiting for its back-off;
 * - a 401 from the server (an expired or revoked session) sets `signInRequired` and pauses
 *   nothing: writes keep queueing, and once the member has signed in again (`signInRequired`
 *   back to false) the engine reconnects and pulls at once, and pushes at its next retry;
 * - the photo upload queue (app/features/photos) starts and stops with sync, in a loop of its own;
 * - `removeBrowserStore` stops sync and deletes the member's database, outbox and refused writes
 *   included, and the member's photo bytes (sign-out on a shared phone). A removal is remembered in localStorage until it has
 *   finished, so one cut short (the tab closed) is finished at the next start
 *   (`finishPendingRemovals`); opening a member's store waits for a removal of it in progress.
 */
import { removeRxDatabase } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { useConnectionStore } from '../stores/connection-store';
import { openLocalStore, type LocalStore } from './local-store';
import type { SyncEngine } from './replication';
import { PENDING_REMOVALS_KEY } from './pending-removals';

type MemberStore = {
  opening: Promise<LocalStore>;
  /** The open store, once `opening` resolved. */
  store?: LocalStore;
  syncing?: Promise<SyncEngine>;
  /** Undoes what the running engine listens to (window events, the session store) and stops photo uploads. */
  detach?: () => Promise<void>;
};

const stores = new Map<string, MemberStore>();

/** Removals in progress, by member id: opening that member's store waits for them. */
const removals = new Map<string, Promise<void>>();


/** How long sign-out waits for IndexedDB to delete one emptied database before going on. */
const DELETE_WAIT_MS = 3_000;

/** The browser's database could not be opened (private mode, a full disk, IndexedDB missing). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

/** The IndexedDB name of a member's database (RxDB allows lower-case letters and digits here). */
export function databaseNameOf(memberId: string): string {
  return `c4c-${memberId.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
}

/** The IndexedDB name of the photo bytes kept with a member's database (`c4c-photos-<member>`). */
export function photoDatabaseNameOf(databaseName: string): string {
  return `c4c-photos-${databaseName.replace(/^c4c-/, '')}`;
}

/** The member's store (the same promise on every call until a failed attempt is retried). */
export function openBrowserStore(memberId: string): Promise<LocalStore> {
  let entry = stores.get(memberId);
  if (!entry) {
    const removal = removals.get(memberId) ?? Promise.resolve();
    const created: MemberStore = {
      opening: removal.then(() => openLocalStore(getRxStorageDexie(), databaseNameOf(memberId))).then(
        (store) => {
          created.store = store;
          return store;
        },
        (error: unknown) => {
          throw new StorageUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
        },
      ),
    };
    entry = created;
    stores.set(memberId, entry);
  }
  return entry.opening;
}

/** The member's store if it is open or being opened, without opening it (UI outside the store gate). */
export function openingBrowserStore(memberId: string): Promise<LocalStore> | undefined {
  return stores.get(memberId)?.opening;
}

/** Forgets failed attempts so the next `openBrowserStore()` tries again. */
export function forgetFailedBrowserStore(): void {
  for (const [memberId, entry] of stores) {
    if (!entry.store) stores.delete(memberId);
  }
}

/**
 * The browser's pull: batches of 100, so storing one (RxDB and IndexedDB write each batch in one
 * synchronous run of the main thread) stays under ~200 ms on a phone with a 4× slower CPU
 * (bench/cheap-phone.ts: batches of 200 took 250–450 ms there); 200 of them streamed per request,
 * so a first sync of 10,000 needs still takes one request.
 */
export const BROWSER_PULL = { pullBatchSize: 100, pullPagesPerRequest: 200 } as const;

/** Starts replication with the page's own origin; later calls for the same store return the same engine. */
export function startBrowserSync(store: LocalStore): Promise<SyncEngine> {
  const [memberId, entry] = [...stores.entries()].find(([, candidate]) => candidate.store === store) ?? [];
  if (!entry || !memberId) return Promise.reject(new Error('startBrowserSync() needs a store opened by openBrowserStore()'));
  entry.syncing ??= Promise.all([import('./replication'), import('./wipe-detection')])
    .then(async ([{ startSync, replicationIdentifierOf }, wipe]) => {
      // Before any pull: data the browser deleted is downloaded again from zero.
      const verdict = await wipe.recoverIfWiped(store, memberId, (name) => replicationIdentifierOf(name, ''));
      const connection = useConnectionStore.getState();
      const engine = startSync(store, { baseUrl: '', ...BROWSER_PULL, onSignInRequired: (required) => connection.setSignInRequired(required) });
      if (verdict.wiped) engine.awaitInSync().then(() => wipe.wipeRecovery.restored(), (error: unknown) => store.backgroundErrors.next(error));
      const stopMarker = wipe.followSyncMarker(store, memberId, engine.status$, (error) => store.backgroundErrors.next(error));
      engine.status$.subscribe((status) => connection.setSync(status));
      engine.refused.items$.subscribe((items) => connection.setRefused(items.length));
      const reconnect = () => engine.reSync();
      window.addEventListener('online', reconnect);
      connection.setSyncNow(reconnect);
      // Photo bytes travel in a loop of their own, never in the way of documents.
      const photoUploads = import('../features/photos/photo-uploads').then(({ startPhotoUploads }) =>
        startPhotoUploads(store, { baseUrl: '', onSignInRequired: (required) => connection.setSignInRequired(required) }),
      );
      photoUploads.catch((error: unknown) => store.backgroundErrors.next(error));
      // Signing in again (a fresh session cookie) resumes at once instead of after the back-off.
      const stopWatchingSession = useConnectionStore.subscribe((state, previous) => {
        if (previous.signInRequired && !state.signInRequired) {
          engine.reSync();
          // A queue that failed to start was reported above; there is nothing to wake.
          void photoUploads.then((uploads) => uploads.wake(), () => undefined);
        }
      });
      entry.detach = async () => {
        stopMarker();
        window.removeEventListener('online', reconnect);
        connection.setSyncNow(null);
        stopWatchingSession();
        // A queue that failed to start has nothing to stop.
        await photoUploads.then((uploads) => uploads.stop(), () => undefined);
      };
      return engine;
    })
    .catch((error: unknown) => {
      entry.syncing = undefined;
      throw error;
    });
  return entry.syncing;
}

/** The running engine of a store, if sync has started. */
export function browserSyncOf(store: LocalStore): Promise<SyncEngine> | undefined {
  return [...stores.values()].find((candidate) => candidate.store === store)?.syncing;
}

function pendingRemovals(): string[] {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(PENDING_REMOVALS_KEY) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    // A damaged entry names nothing we could remove; it is rewritten by the next removal.
    return [];
  }
}

function setPendingRemovals(ids: readonly string[]): void {
  if (ids.length === 0) localStorage.removeItem(PENDING_REMOVALS_KEY);
  else localStorage.setItem(PENDING_REMOVALS_KEY, JSON.stringify([...new Set(ids)]));
}

/**
 * Stops sync and deletes the member's database from this browser (everything of it: documents,
 * outbox, refused writes, checkpoints). What was not synced is gone afterwards: the caller asks
 * first, and unmounts the member's screens first (they would open the store again).
 */
export function removeBrowserStore(memberId: string): Promise<void> {
  const running = removals.get(memberId);
  if (running) return running;
  setPendingRemovals([...pendingRemovals(), memberId]);
  const entry = stores.get(memberId);
  stores.delete(memberId);
  const removal = (async () => {
    const store = entry ? await entry.opening.catch(() => null) : null;
    if (entry && store) {
      await entry.detach?.();
      const engine = await entry.syncing?.catch(() => null);
      await engine?.stop();
      await store.db.remove();
    } else {
      await removeRxDatabase(databaseNameOf(memberId), getRxStorageDexie());
    }
    await deleteEmptiedDatabases(databaseNameOf(memberId));
    await deleteDatabase(photoDatabaseNameOf(databaseNameOf(memberId)));
    setPendingRemovals(pendingRemovals().filter((id) => id !== memberId));
  })().finally(() => removals.delete(memberId));
  removals.set(memberId, removal);
  return removal;
}

/** Finishes removals a closed tab cut short, except of `keep` (the member signed in now, if any). */
export function finishPendingRemovals(keep: string | null): Promise<void> {
  const ids = pendingRemovals().filter((id) => id !== keep);
  return Promise.all(ids.map((id) => removeBrowserStore(id))).then(() => undefined);
}

/**
 * RxDB's Dexie storage empties its IndexedDB databases on remove but leaves them in place (one per
 * collection, named after the member): delete them too, so nothing of the member stays behind.
 * Browsers without `indexedDB.databases()` (Firefox before 126) keep the empty shells.
 */
async function deleteEmptiedDatabases(databaseName: string): Promise<void> {
  if (typeof indexedDB.databases !== 'function') return;
  const prefix = `rxdb-dexie-${databaseName}--`;
  const names = (await indexedDB.databases()).flatMap((info) => (info.name?.startsWith(prefix) ? [info.name] : []));
  await Promise.all(names.map(deleteDatabase));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // Another tab still has it open: the deletion finishes when that tab closes.
    request.onblocked = () => resolve();
    setTimeout(resolve, DELETE_WAIT_MS);
  });
}
