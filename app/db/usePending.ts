/**
 * Whether the server has a local write yet, per document, for screens that show it (a message's
 * "waiting to be sent" / "sent"). Read from the outbox (outbox.ts: cleared once a push of that state
 * succeeded) and the refused writes (kept apart with the server's reason), so it survives reloads
 * and days offline exactly as the sync indicator's count does.
 */
import { useEffect, useState } from 'react';
import { merge } from 'rxjs';
import type { CollectionName } from '../../domain/collections';
import { useLocalStore } from './LocalStoreProvider';
import type { LocalStore } from './local-store';

/** `waiting`: on this phone only, goes out when online; `sent`: the server accepted it; `refused`: the server said no. */
export type WriteState = 'waiting' | 'sent' | 'refused';

/** Where the phone's latest write of `collection/id` stands. A document the phone never wrote is `sent` (it came from the server). */
export function writeStateOf(store: LocalStore, collection: CollectionName, id: string): WriteState {
  if (store.outboxes[collection]?.has(id)) return 'waiting';
  return store.refused.find(collection, id) ? 'refused' : 'sent';
}

/**
 * A function answering `writeStateOf` for documents of `collection`; its identity changes whenever
 * the outbox or the refused writes change, so rows given its answers re-render then.
 */
export function useWriteStates(collection: CollectionName): (id: string) => WriteState {
  const store = useLocalStore();
  const answer = () => (id: string) => writeStateOf(store, collection, id);
  const [stateOf, setStateOf] = useState(answer);
  useEffect(() => {
    const outbox = store.outboxes[collection];
    const changes = outbox ? merge(outbox.size$, store.refused.items$) : store.refused.items$;
    // Both are behaviour subjects: subscribing answers at once, so a new store is read at once too.
    const subscription = changes.subscribe(() => setStateOf(() => (id: string) => writeStateOf(store, collection, id)));
    return () => subscription.unsubscribe();
  }, [store, collection]);
  return stateOf;
}

/** Whether the phone's latest write of `collection/id` still waits for the server. */
export function useIsWaiting(collection: CollectionName, id: string): boolean {
  return useWriteStates(collection)(id) === 'waiting';
}
