/**
 * Noticing that the browser deleted the phone's data while a member stayed signed in, and getting
 * it back. Browsers evict a site's IndexedDB under storage pressure (and users clear it), sometimes
 * while localStorage (the profile) survives, sometimes only some of the per-collection databases.
 * Guarantees:
 * - a tiny marker OUTSIDE IndexedDB (localStorage `c4c-synced-<memberId>`: last sync time and the
 *   document count per collection) remembers that this phone had synced and what it held;
 * - at the start of sync (before any pull) `detectWipe` compares it with what the database holds:
 *   a database that is empty although the marker says it held documents, a collection emptied
 *   while the marker says it held some, or replication checkpoints left without any document, are
 *   a wipe; a phone that never synced, or holds what it held, is not;
 * - on a wipe the replication checkpoints of the affected collections are removed before sync
 *   starts, so the pull starts from zero and brings everything back; `wipeRecovery` tells the
 *   screens ("downloading again", then "restored") until the member dismisses it.
 * What was waiting in the outbox when the data was deleted is gone with it: only an export made
 * before (Settings) brings it back.
 */
import { useSyncExternalStore } from 'react';
import { BehaviorSubject } from 'rxjs';
import { getComposedPrimaryKeyOfDocumentData, getRxReplicationMetaInstanceSchema, type RxCollection, type RxStorageInstance } from 'rxdb/plugins/core';
import type { WireDocument } from '../../domain/documents';
import type { CollectionName } from '../../domain/collections';
import type { LocalStore } from './local-store';

/** What the phone held at its last successful sync, kept in localStorage. */
export type SyncMarker = {
  lastSyncedAt: number;
  counts: Partial<Record<CollectionName, number>>;
};

export type WipeReason = 'database-empty' | 'collections-emptied' | 'checkpoint-without-documents';

export type WipeVerdict = { wiped: false } | { wiped: true; reason: WipeReason; collections: CollectionName[] };

/** What detection looks at: the marker, today's counts, and the collections that have a pull checkpoint. */
export type WipeEvidence = {
  marker: SyncMarker | null;
  counts: Partial<Record<CollectionName, number>>;
  checkpoints: readonly CollectionName[];
};

/** The localStorage key of a member's sync marker. */
export function syncMarkerKey(memberId: string): string {
  return `c4c-synced-${memberId}`;
}

/** Reads a member's marker; null when there is none or it is damaged (it is rewritten at the next sync). */
export function readSyncMarker(memberId: string, storage: Pick<Storage, 'getItem'> = localStorage): SyncMarker | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(syncMarkerKey(memberId)) ?? 'null');
    if (!value || typeof value !== 'object') return null;
    const { lastSyncedAt, counts } = value as Partial<SyncMarker>;
    if (typeof lastSyncedAt !== 'number' || !counts || typeof counts !== 'object') return null;
    return { lastSyncedAt, counts };
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

export function writeSyncMarker(memberId: string, marker: SyncMarker, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(syncMarkerKey(memberId), JSON.stringify(marker));
}

const sum = (counts: Partial<Record<CollectionName, number>>) => Object.values(counts).reduce<number>((total, count) => total + (count ?? 0), 0);

/**
 * Whether the local data was wiped, and which collections must be downloaded again. Pure.
 * A signed-in member's phone always holds at least their member and municipality documents once it
 * has synced, so "checkpoints but no document at all" cannot be a legitimate state.
 */
export function detectWipe({ marker, counts, checkpoints }: WipeEvidence): WipeVerdict {
  const total = sum(counts);
  const held = marker ? (Object.entries(marker.counts) as [CollectionName, number][]).filter(([, count]) => count > 0).map(([name]) => name) : [];
  if (total === 0 && held.length > 0) {
    return { wiped: true, reason: 'database-empty', collections: [...new Set([...held, ...checkpoints])] };
  }
  if (total === 0 && checkpoints.length > 0) return { wiped: true, reason: 'checkpoint-without-documents', collections: [...checkpoints] };
  const emptied = held.filter((name) => (counts[name] ?? 0) === 0);
  if (emptied.length > 0) return { wiped: true, reason: 'collections-emptied', collections: emptied };
  return { wiped: false };
}

/** How many (live) documents each collection of the store holds. */
export async function countDocuments(store: LocalStore): Promise<Partial<Record<CollectionName, number>>> {
  const entries = await Promise.all(store.collections.map(async (name) => [name, await store.db[name].count().exec()] as const));
  return Object.fromEntries(entries);
}

/**
 * Opens the storage RxDB's replication keeps its checkpoints in, for one collection and replication
 * identifier (the same name and schema RxDB derives in `rxdb/plugins/replication`), runs `run`, and
 * closes it again.
 */
async function withMetaInstance<T>(
  store: LocalStore,
  name: CollectionName,
  replicationIdentifier: string,
  run: (instance: RxStorageInstance<never, unknown, unknown>, checkpointId: string) => Promise<T>,
): Promise<T> {
  const { db } = store;
  const collectionName = `rx-replication-meta-${await db.hashFunction([name, replicationIdentifier].join('-'))}`;
  // Any collection's schema will do for the type; the value is this collection's.
  const collection = db[name] as unknown as RxCollection<WireDocument>;
  const schema = getRxReplicationMetaInstanceSchema(collection.schema.jsonSchema, false);
  const instance = await db.storage.createStorageInstance({
    databaseName: db.name,
    collectionName,
    databaseInstanceToken: db.token,
    multiInstance: db.multiInstance,
    options: {},
    schema,
    devMode: false,
  });
  const checkpointId = getComposedPrimaryKeyOfDocumentData(schema, { isCheckpoint: '1', itemId: 'down' });
  return run(instance as unknown as RxStorageInstance<never, unknown, unknown>, checkpointId);
}

/** The collections whose pull has a saved checkpoint. */
export async function collectionsWithCheckpoint(store: LocalStore, identifierOf: (name: CollectionName) => string): Promise<CollectionName[]> {
  const found = await Promise.all(
    store.collections.map((name) =>
      withMetaInstance(store, name, identifierOf(name), async (instance, checkpointId) => {
        try {
          return (await instance.findDocumentsById([checkpointId], false)).length > 0;
        } finally {
          await instance.close();
        }
      }),
    ),
  );
  return store.collections.filter((_name, index) => found[index]);
}

/** Removes the replication bookkeeping (checkpoints, the server states) of `collections`: their next pull starts from zero. */
export async function resetCheckpoints(
  store: LocalStore,
  collections: readonly CollectionName[],
  identifierOf: (name: CollectionName) => string,
): Promise<void> {
  for (const name of collections) await withMetaInstance(store, name, identifierOf(name), (instance) => instance.remove());
}

/** What the screens show about a recovery: downloading again, then done until dismissed. */
export type WipeRecovery = { phase: 'downloading' | 'restored'; reason: WipeReason; collections: CollectionName[] } | null;

const recovery = new BehaviorSubject<WipeRecovery>(null);

export const wipeRecovery = {
  get current(): WipeRecovery {
    return recovery.value;
  },
  subscribe: (listener: () => void): (() => void) => {
    const subscription = recovery.subscribe(listener);
    return () => subscription.unsubscribe();
  },
  begin(verdict: Extract<WipeVerdict, { wiped: true }>): void {
    recovery.next({ phase: 'downloading', reason: verdict.reason, collections: verdict.collections });
  },
  restored(): void {
    if (recovery.value) recovery.next({ ...recovery.value, phase: 'restored' });
  },
  dismiss(): void {
    recovery.next(null);
  },
};

/** The recovery in progress or just finished, for a banner. */
export function useWipeRecovery(): WipeRecovery {
  return useSyncExternalStore(wipeRecovery.subscribe, () => wipeRecovery.current);
}

/**
 * Checks the store for a wipe before sync starts and, on one, resets the affected checkpoints and
 * announces the recovery. Resolves the verdict.
 */
export async function recoverIfWiped(
  store: LocalStore,
  memberId: string,
  identifierOf: (name: CollectionName) => string,
  markers: Pick<Storage, 'getItem'> = localStorage,
): Promise<WipeVerdict> {
  const [counts, checkpoints] = await Promise.all([countDocuments(store), collectionsWithCheckpoint(store, identifierOf)]);
  const verdict = detectWipe({ marker: readSyncMarker(memberId, markers), counts, checkpoints });
  if (!verdict.wiped) return verdict;
  await resetCheckpoints(store, verdict.collections, identifierOf);
  wipeRecovery.begin(verdict);
  return verdict;
}

/** How often, at most, the marker is rewritten while sync is busy. */
const MARKER_INTERVAL_MS = 2_000;

/**
 * Keeps the member's marker current: after each successful sync (a new `lastSyncedAt`), at most
 * every two seconds, the counts of the store are written to it. Returns a function that stops.
 */
export function followSyncMarker(
  store: LocalStore,
  memberId: string,
  status$: { subscribe(next: (status: { lastSyncedAt: number | null }) => void): { unsubscribe(): void } },
  onError: (error: unknown) => void,
): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: number | null = null;
  const write = () => {
    timer = undefined;
    last = Date.now();
    const syncedAt = latest;
    if (syncedAt === null || store.db.closed) return;
    countDocuments(store).then((counts) => writeSyncMarker(memberId, { lastSyncedAt: syncedAt, counts }), onError);
  };
  const subscription = status$.subscribe(({ lastSyncedAt }) => {
    if (lastSyncedAt === null || lastSyncedAt === latest) return;
    latest = lastSyncedAt;
    timer ??= setTimeout(write, Math.max(0, last + MARKER_INTERVAL_MS - Date.now()));
  });
  return () => {
    subscription.unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
