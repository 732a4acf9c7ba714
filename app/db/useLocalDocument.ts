/**
 * Per-device state for screens: one RxDB local document of the member's database (never synced),
 * read reactively. Guarantees: `data` follows every write of the document (from this hook's writer
 * or any other); `loading` is true only until the first read answered; a missing document reads as
 * null, never as an error.
 */
import { useEffect, useState } from 'react';
import type { LocalStore } from './local-store';
import { useLocalStore } from './LocalStoreProvider';

/** The data of local document `id` (null when there is none), kept current. */
export function useLocalDocument<T extends object>(id: string): { data: T | null; loading: boolean } {
  const store = useLocalStore();
  const [state, setState] = useState<{ store: LocalStore; id: string; data: T | null } | null>(null);
  useEffect(() => {
    const subscription = store.db.getLocal$<T>(id).subscribe((doc) => {
      setState({ store, id, data: doc ? (doc.toJSON().data as T) : null });
    });
    return () => subscription.unsubscribe();
  }, [store, id]);
  // A state read for another store or id is stale: loading again.
  const current = state && state.store === store && state.id === id ? state : null;
  return { data: current?.data ?? null, loading: current === null };
}

/**
 * Replaces local document `id` with what `change` makes of its current data (null when none). Writes
 * of one document are serialised per store, so two quick changes never lose one another.
 */
export function updateLocalDocument<T extends object>(store: LocalStore, id: string, change: (current: T | null) => T | null): Promise<void> {
  return queued(store, id, async () => {
    const stored = await store.db.getLocal<T>(id);
    const next = change(stored ? (stored.toJSON().data as T) : null);
    if (next !== null) await store.db.upsertLocal<T>(id, next);
  });
}

/** Removes local document `id` (nothing when there is none), after the writes of it queued before. */
export function removeLocalDocument(store: LocalStore, id: string): Promise<void> {
  return queued(store, id, async () => {
    await (await store.db.getLocal(id))?.remove();
  });
}

function queued(store: LocalStore, id: string, write: () => Promise<void>): Promise<void> {
  let queues = writeQueues.get(store);
  if (!queues) {
    queues = new Map();
    writeQueues.set(store, queues);
  }
  const previous = queues.get(id) ?? Promise.resolve();
  const run = previous.then(async () => {
    if (!store.db.closed) await write();
  });
  // The caller sees a failure through `run`; the queue itself keeps going.
  queues.set(id, run.catch(() => undefined));
  return run;
}

const writeQueues = new WeakMap<LocalStore, Map<string, Promise<void>>>();
