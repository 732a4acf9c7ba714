/**
 * Where the phone's latest write stands, per document, for screens that show it on each record
 * (waiting to be sent, sent, refused, merged with another edit). Read from the outbox (outbox.ts:
 * cleared once a push of that state succeeded), the refused writes (kept apart with the server's
 * reason) and the merges (merged-writes.ts), so it survives reloads and days offline exactly as the
 * sync indicator's count does.
 * Lists stay cheap: every card of a collection shares one subscription to those sources per store
 * (`useWriteState` reads a synchronous lookup and re-renders a card only when its own state changes).
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { merge, type Observable } from 'rxjs';
import type { CollectionName } from '../../domain/collections';
import { useLocalStore } from './LocalStoreProvider';
import type { LocalStore } from './local-store';
import { mergedWritesOf, type MergedWrite } from './merged-writes';
import type { RefusedItem } from './refused-writes';

export type { MergedWrite };

/**
 * `waiting`: on this phone only, goes out when online; `sent`: the server accepted it; `refused`: the
 * server said no; `merged`: the server has it, combined with a different edit made meanwhile.
 */
export type WriteState = 'waiting' | 'sent' | 'refused' | 'merged';

/** Where the phone's latest write of `collection/id` stands. A document the phone never wrote is `sent` (it came from the server). */
export function writeStateOf(store: LocalStore, collection: CollectionName, id: string): WriteState {
  if (store.outboxes[collection]?.has(id)) return 'waiting';
  if (store.refused.find(collection, id)) return 'refused';
  return mergedWritesOf(store.db).find(collection, id) ? 'merged' : 'sent';
}

/** Emits whenever a write state of `collection` may have changed (at once on subscribing). */
function writeStateChanges(store: LocalStore, collection: CollectionName): Observable<unknown> {
  const outbox = store.outboxes[collection];
  const merges = mergedWritesOf(store.db).items$;
  // All are behaviour subjects: subscribing answers at once, so a new store is read at once too.
  return outbox ? merge(outbox.size$, store.refused.items$, merges) : merge(store.refused.items$, merges);
}

/**
 * A function answering `writeStateOf` for documents of `collection` (one subscription for a whole
 * list: a Map-like lookup by id); its identity changes whenever the outbox, the refused writes or
 * the merges change, so rows given its answers re-render then.
 */
export function useWriteStates(collection: CollectionName): (id: string) => WriteState {
  const store = useLocalStore();
  const answer = () => (id: string) => writeStateOf(store, collection, id);
  const [stateOf, setStateOf] = useState(answer);
  useEffect(() => {
    const subscription = writeStateChanges(store, collection).subscribe(() =>
      setStateOf(() => (id: string) => writeStateOf(store, collection, id)),
    );
    return () => subscription.unsubscribe();
  }, [store, collection]);
  return stateOf;
}

type Listener = () => void;
type SharedSource = { listeners: Set<Listener>; stop: (() => void) | null };
const sources = new WeakMap<LocalStore, Map<CollectionName, SharedSource>>();

/** Subscribes `listener` to the write states of `collection`, sharing one subscription per store and collection. */
function subscribeShared(store: LocalStore, collection: CollectionName, listener: Listener): () => void {
  let byCollection = sources.get(store);
  if (!byCollection) {
    byCollection = new Map();
    sources.set(store, byCollection);
  }
  let source = byCollection.get(collection);
  if (!source) {
    source = { listeners: new Set(), stop: null };
    byCollection.set(collection, source);
  }
  const shared = source;
  shared.listeners.add(listener);
  if (!shared.stop) {
    const subscription = writeStateChanges(store, collection).subscribe(() => {
      for (const each of [...shared.listeners]) each();
    });
    shared.stop = () => subscription.unsubscribe();
  }
  return () => {
    shared.listeners.delete(listener);
    if (shared.listeners.size === 0) {
      shared.stop?.();
      shared.stop = null;
    }
  };
}

/**
 * The write state of one document, for a card in a long list: all cards of a collection share one
 * subscription, and a card re-renders only when its own state changes.
 */
export function useWriteState(collection: CollectionName, id: string): WriteState {
  const store = useLocalStore();
  const subscribe = useCallback((listener: Listener) => subscribeShared(store, collection, listener), [store, collection]);
  return useSyncExternalStore(subscribe, () => writeStateOf(store, collection, id));
}

/** The full story of one document's write, for its page: the state, the server's refusal, the merge. */
export type RecordSync = { state: WriteState; refused?: RefusedItem; merged?: MergedWrite };

/** `useWriteState` with the refusal and the merge behind it. */
export function useRecordSync(collection: CollectionName, id: string): RecordSync {
  const store = useLocalStore();
  const state = useWriteState(collection, id);
  const refused = state === 'refused' ? store.refused.find(collection, id) : undefined;
  const merged = state === 'merged' ? mergedWritesOf(store.db).find(collection, id) : undefined;
  return { state, ...(refused ? { refused } : {}), ...(merged ? { merged } : {}) };
}

/** Stops showing the merge of `collection/id` (the member has read it). */
export function useDismissMerge(): (collection: CollectionName, id: string) => Promise<void> {
  const store = useLocalStore();
  return useCallback((collection: CollectionName, id: string) => mergedWritesOf(store.db).dismiss(collection, id), [store]);
}

/** Whether the phone's latest write of `collection/id` still waits for the server. */
export function useIsWaiting(collection: CollectionName, id: string): boolean {
  return useWriteState(collection, id) === 'waiting';
}
