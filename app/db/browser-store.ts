/**
 * The phone's store in the browser: RxDB on Dexie (IndexedDB), opened once per page, and its sync
 * engine, started once and kept for the page's lifetime. The engine (and the replication code) is
 * loaded after the first screen; the 'online' event makes it reconnect and pull at once instead of
 * waiting for its back-off.
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { useConnectionStore } from '../stores/connection-store';
import { openLocalStore, type LocalStore } from './local-store';
import type { SyncEngine } from './replication';

let opening: Promise<LocalStore> | undefined;
let syncing: Promise<SyncEngine> | undefined;

/** The browser's database could not be opened (private mode, a full disk, IndexedDB missing). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

/** The page's store (the same promise on every call until a failed attempt is retried). */
export function openBrowserStore(): Promise<LocalStore> {
  opening ??= openLocalStore(getRxStorageDexie()).catch((error: unknown) => {
    throw new StorageUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
  });
  return opening;
}

/** Forgets a failed attempt so the next `openBrowserStore()` tries again. */
export function forgetFailedBrowserStore(): void {
  opening = undefined;
}

/** Starts replication with the page's own origin; later calls return the same engine. */
export function startBrowserSync(store: LocalStore): Promise<SyncEngine> {
  syncing ??= import('./replication')
    .then(({ startSync }) => {
      const engine = startSync(store, { baseUrl: '' });
      const connection = useConnectionStore.getState();
      engine.status$.subscribe((status) => connection.setSync(status));
      engine.refused.items$.subscribe((items) => connection.setRefused(items.length));
      window.addEventListener('online', () => engine.reSync());
      return engine;
    })
    .catch((error: unknown) => {
      syncing = undefined;
      throw error;
    });
  return syncing;
}
