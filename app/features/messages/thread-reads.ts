/**
 * Read marks of message threads, per device and never synced: one RxDB local document
 * `thread-reads` = { marks: { [threadId]: readUpTo } }, where `readUpTo` is the latest server
 * arrival of the other side's messages the member has seen (domain/rules/message-thread.ts
 * `readMarkOf`). Guarantees: a mark only moves forward; marks written in a burst (several threads
 * opened quickly, two tabs' screens) are applied one after another, so none is lost.
 */
import { useEffect, useState } from 'react';
import { map, type Observable } from 'rxjs';
import type { Message } from '../../../domain/schemas/message';
import { readLocal } from '../../db/local-state';
import type { LocalStore } from '../../db/local-store';

const THREAD_READS = 'thread-reads';

/** Read marks by thread id. */
export type ThreadReads = Readonly<Record<Message['threadId'], number>>;

type ThreadReadsData = { marks: ThreadReads };

const NONE: ThreadReads = {};

/** The read marks of this phone, kept current. */
export function threadReads$(store: LocalStore): Observable<ThreadReads> {
  return store.db.getLocal$<ThreadReadsData>(THREAD_READS).pipe(map((doc) => (doc ? doc.toJSON().data.marks : NONE)));
}

const queues = new WeakMap<LocalStore, Promise<unknown>>();

/** Moves the mark of `threadId` forward to `readUpTo` (never back). */
export function markThreadRead(store: LocalStore, threadId: Message['threadId'], readUpTo: number): Promise<void> {
  const run = (queues.get(store) ?? Promise.resolve()).then(async () => {
    if (store.db.closed) return;
    const { marks } = await readLocal<ThreadReadsData>(store.db, THREAD_READS, { marks: NONE });
    if ((marks[threadId] ?? 0) >= readUpTo) return;
    await store.db.upsertLocal<ThreadReadsData>(THREAD_READS, { marks: { ...marks, [threadId]: readUpTo } });
  });
  // The caller learns of a failure through `run`; the queue itself goes on.
  queues.set(store, run.catch(() => undefined));
  return run;
}

/** The phone's read marks, kept current; null until they are read. */
export function useThreadReads(store: LocalStore): ThreadReads | null {
  const [reads, setReads] = useState<{ store: LocalStore; marks: ThreadReads } | null>(null);
  useEffect(() => {
    const subscription = threadReads$(store).subscribe((marks) => setReads({ store, marks }));
    return () => subscription.unsubscribe();
  }, [store]);
  return reads?.store === store ? reads.marks : null;
}
